"""issue jobs for the minutes worker, leases for scheduled work

Revision ID: 0011_hosts
Revises: 0010
Create Date: 2026-12-05 19:30:00

Several app hosts share one database: signed minutes wait in issue_jobs for `flask worker`
(one row per minutes), and a command its timer starts on every host at once takes a lease.
"""
import sqlalchemy as sa
from alembic import op

revision = '0011_hosts'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'issue_jobs',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('minutes_id', sa.Integer(), sa.ForeignKey('minutes.id'), nullable=False,
                  unique=True),
        sa.Column('requested_by_id', sa.Integer(), sa.ForeignKey('users.id')),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('claimed_at', sa.DateTime()),
        sa.Column('claimed_by', sa.String(120)),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.Text()),
        sa.Column('done_at', sa.DateTime(), index=True),
    )
    op.create_table(
        'leases',
        sa.Column('name', sa.String(80), primary_key=True),
        sa.Column('holder', sa.String(120), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
    )


def downgrade():
    op.drop_table('leases')
    op.drop_table('issue_jobs')
