"""elfinish: a by-election is linked to the election whose seats stayed vacant (R6.2)

Revision ID: e1f1a0000002
Revises: e1f1a0000001
Create Date: 2026-12-01 22:10:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e1f1a0000002'
down_revision = 'e1f1a0000001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('elections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('by_election_of_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_elections_by_election_of_id'),
                              ['by_election_of_id'], unique=True)
        batch_op.create_foreign_key(batch_op.f('fk_elections_by_election_of_id_elections'),
                                    'elections', ['by_election_of_id'], ['id'])


def downgrade():
    with op.batch_alter_table('elections', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_elections_by_election_of_id_elections'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_elections_by_election_of_id'))
        batch_op.drop_column('by_election_of_id')
