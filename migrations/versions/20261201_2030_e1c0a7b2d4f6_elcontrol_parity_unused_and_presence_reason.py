"""elcontrol: R8.4 parity_unused on elections, a reason for "delegate present" overrides

Revision ID: e1c0a7b2d4f6
Revises: aa3d5089b1f9
Create Date: 2026-12-01 20:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e1c0a7b2d4f6'
down_revision = 'aa3d5089b1f9'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('elections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parity_unused', sa.String(length=20), nullable=False,
                                      server_default='fill_openly'))

    with op.batch_alter_table('delegate_presences', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sa.String(length=500), nullable=False,
                                      server_default=''))


def downgrade():
    with op.batch_alter_table('delegate_presences', schema=None) as batch_op:
        batch_op.drop_column('reason')

    with op.batch_alter_table('elections', schema=None) as batch_op:
        batch_op.drop_column('parity_unused')
