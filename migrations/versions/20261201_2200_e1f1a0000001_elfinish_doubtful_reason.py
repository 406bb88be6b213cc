"""elfinish: the officials' reason for a doubtful paper ballot (ELECTION.md R5.2)

Revision ID: e1f1a0000001
Revises: 0987e44c5ec2
Create Date: 2026-12-01 22:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e1f1a0000001'
down_revision = '0987e44c5ec2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('ballots', schema=None,
                              table_kwargs={'sqlite_with_rowid': False}) as batch_op:
        batch_op.add_column(sa.Column('doubtful_reason', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('ballots', schema=None,
                              table_kwargs={'sqlite_with_rowid': False}) as batch_op:
        batch_op.drop_column('doubtful_reason')
