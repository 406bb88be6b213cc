"""elsecret: a round closed with too few ballots is void (ELECTION.md R0.5)

Revision ID: e15ec7e0a001
Revises: e1c0a7b2d4f6
Create Date: 2026-12-01 20:40:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e15ec7e0a001'
down_revision = 'e1c0a7b2d4f6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_rounds_status'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f('ck_rounds_status'), "status IN ('open', 'closed', 'void')")


def downgrade():
    op.execute("DELETE FROM rounds WHERE status = 'void'")  # the old schema cannot hold them
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_rounds_status'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f('ck_rounds_status'), "status IN ('open', 'closed')")
