"""photo mark-up: a marked-up photo names the original it was drawn on

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 07:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.add_column(sa.Column('markup_of_sha256', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.drop_column('markup_of_sha256')
