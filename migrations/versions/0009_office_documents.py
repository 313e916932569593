"""office documents (plan, decision, notice, round report) and office settings

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 09:00:00

The office issues more than minutes: each document of an inspection's chain is a row with its
printed record, number and signed PDF; `chain_key` is unique, so a second notice for the same
minutes (or a second plan of a round) is refused by the database, whichever host tries it.
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'office_settings',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('office_unit_id', sa.Integer(), sa.ForeignKey('org_units.id'), nullable=False,
                  unique=True),
        sa.Column('symbols', sa.JSON(), nullable=False),
        sa.Column('signer_name', sa.String(120)),
        sa.Column('signer_title', sa.String(120)),
        sa.Column('signer_capacity', sa.String(120)),
        sa.Column('superior_recipient', sa.String(200)),
        sa.Column('report_days', sa.Integer(), nullable=False, server_default='15'),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
    )
    op.create_table(
        'office_documents',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('public_id', sa.String(16), nullable=False, unique=True),
        sa.Column('kind', sa.String(16), nullable=False, index=True),
        sa.Column('chain_key', sa.String(64), nullable=False, unique=True),
        sa.Column('number', sa.String(64), nullable=False),
        sa.Column('office_unit_id', sa.Integer(), sa.ForeignKey('org_units.id')),
        sa.Column('round_id', sa.Integer(), sa.ForeignKey('rounds.id'), index=True),
        sa.Column('minutes_id', sa.Integer(), sa.ForeignKey('minutes.id'), index=True),
        sa.Column('unit_id', sa.Integer(), sa.ForeignKey('org_units.id'), index=True),
        sa.Column('record', sa.JSON(), nullable=False),
        sa.Column('issued_on', sa.Date(), nullable=False),
        sa.Column('issued_at', sa.DateTime(), nullable=False),
        sa.Column('issued_by_id', sa.Integer(), sa.ForeignKey('users.id')),
        sa.Column('pdf_sha256', sa.String(64), nullable=False, index=True),
    )


def downgrade():
    op.drop_table('office_documents')
    op.drop_table('office_settings')
