"""photo_files: which photos' bytes are in storage

Revision ID: 0012_photo_files
Revises: 0011_hosts
Create Date: 2026-12-06 17:40:00

Asking the object store whether a photo is there (a HEAD request) cost more than the rest of a
`photo.add`; the server now records each stored photo once. Photos already stored are those whose
rows say so (an upload marks every row of its hash); the upgrade copies them.
"""
import sqlalchemy as sa
from alembic import op

revision = '0012_photo_files'
down_revision = '0011_hosts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'photo_files',
        sa.Column('sha256', sa.String(64), primary_key=True),
        sa.Column('stored_at', sa.DateTime(), nullable=False),
    )
    op.execute("INSERT INTO photo_files (sha256, stored_at) "
               "SELECT sha256, MIN(created_at) FROM photos WHERE stored GROUP BY sha256")


def downgrade():
    op.drop_table('photo_files')
