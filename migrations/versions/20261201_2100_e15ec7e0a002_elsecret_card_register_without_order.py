"""elsecret: the card register keeps no order or time (ELECTION.md R10.5)

card_receipts and delegate_presences lose their auto-increment ids (keyed by election and
organisation instead, WITHOUT ROWID on SQLite); delegate_presences loses confirmed_at.

Revision ID: e15ec7e0a002
Revises: e15ec7e0a001
Create Date: 2026-12-01 21:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e15ec7e0a002'
down_revision = 'e15ec7e0a001'
branch_labels = None
depends_on = None

TABLES = ('card_receipts', 'delegate_presences')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None,
                                  table_kwargs={'sqlite_with_rowid': False}) as batch_op:
            batch_op.drop_constraint(f'uq_{table}_election_id_organisation_id', type_='unique')
            batch_op.drop_constraint(f'pk_{table}', type_='primary')
            batch_op.drop_column('id')
            if table == 'delegate_presences':
                batch_op.drop_column('confirmed_at')
            batch_op.create_primary_key(f'pk_{table}', ['election_id', 'organisation_id'])


def downgrade():
    """Back to numbered rows; they are numbered in key order, the old order is gone on purpose."""
    postgres = op.get_bind().dialect.name == 'postgresql'
    for table in TABLES:
        with op.batch_alter_table(table, schema=None, recreate='always',
                                  table_kwargs={'sqlite_with_rowid': True}) as batch_op:
            batch_op.drop_constraint(f'pk_{table}', type_='primary')
            if not postgres:
                batch_op.add_column(sa.Column('id', sa.Integer(), nullable=True))
            if table == 'delegate_presences':
                batch_op.add_column(sa.Column('confirmed_at', sa.DateTime(timezone=True),
                                              nullable=True))
        if postgres:
            op.execute(f"ALTER TABLE {table} ADD COLUMN id SERIAL")
        else:
            op.execute(f"UPDATE {table} SET id = (SELECT COUNT(*) FROM {table} t2 WHERE "
                       f"t2.election_id < {table}.election_id OR (t2.election_id = "
                       f"{table}.election_id AND t2.organisation_id <= "
                       f"{table}.organisation_id))")
        if table == 'delegate_presences':
            op.execute("UPDATE delegate_presences SET confirmed_at = CURRENT_TIMESTAMP")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('id', existing_type=sa.Integer(), nullable=False)
            if table == 'delegate_presences':
                batch_op.alter_column('confirmed_at', existing_type=sa.DateTime(timezone=True),
                                      nullable=False)
            batch_op.create_primary_key(f'pk_{table}', ['id'])
            batch_op.create_unique_constraint(f'uq_{table}_election_id_organisation_id',
                                              ['election_id', 'organisation_id'])
