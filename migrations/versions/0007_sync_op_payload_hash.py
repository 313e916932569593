"""sync op payload hash: an op id reused with another payload is refused, not taken for a replay

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 05:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    # Rows applied before this revision have no hash: a replay of them stays a duplicate.
    with op.batch_alter_table('sync_ops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payload_sha256', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('sync_ops', schema=None) as batch_op:
        batch_op.drop_column('payload_sha256')
