"""remediation reports, reminder notices and the mail outbox

New tables only: nothing is added to existing ones.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 03:45:30.408885

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.id'],
                                   name=op.f(f'fk_{table}_{column}_{target}'))


def _indexes(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)


def upgrade():
    op.create_table(
        'mail_outbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=128), nullable=False),
        sa.Column('recipient', sa.String(length=200), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_outbox')),
        sa.UniqueConstraint('key', name=op.f('uq_mail_outbox_key')),
    )
    _indexes('mail_outbox', 'next_attempt_at', 'sent_at')

    op.create_table(
        'remediation_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=64), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('signer_name', sa.String(length=120), nullable=False),
        sa.Column('signer_title', sa.String(length=120), nullable=True),
        sa.Column('sent_by_id', sa.Integer(), nullable=True),
        sa.Column('sent_at', sa.DateTime(), nullable=False),
        sa.Column('pdf_sha256', sa.String(length=64), nullable=True),
        _fk('remediation_reports', 'sent_by_id', 'users'),
        _fk('remediation_reports', 'unit_id', 'org_units'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_remediation_reports')),
    )
    _indexes('remediation_reports', 'sent_at', 'unit_id')

    op.create_table(
        'remediation_notices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('read_at', sa.DateTime(), nullable=True),
        _fk('remediation_notices', 'item_id', 'remediation_items'),
        _fk('remediation_notices', 'user_id', 'users'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_remediation_notices')),
        # One reminder per item, person and day, whoever runs the pass and how often.
        sa.UniqueConstraint('item_id', 'user_id', 'day',
                            name=op.f('uq_remediation_notices_item_id_user_id_day')),
    )
    _indexes('remediation_notices', 'item_id', 'user_id')

    op.create_table(
        'remediation_report_lines',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('action', sa.Text(), nullable=False),
        sa.Column('report_text', sa.Text(), nullable=True),
        sa.Column('reported_at', sa.DateTime(), nullable=False),
        sa.Column('photo_sha256s', sa.JSON(), nullable=True),
        _fk('remediation_report_lines', 'item_id', 'remediation_items'),
        _fk('remediation_report_lines', 'report_id', 'remediation_reports'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_remediation_report_lines')),
    )
    _indexes('remediation_report_lines', 'item_id', 'report_id')


def downgrade():
    # A table's indexes go with it, on SQLite and PostgreSQL alike.
    for table in ('remediation_report_lines', 'remediation_notices', 'remediation_reports',
                  'mail_outbox'):
        op.drop_table(table)
