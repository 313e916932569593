"""document register and issuer names: numbers of outgoing documents, header names of units

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 18:40:00

Minutes issued before this revision keep their numbers and enter the register, so the next
number of their year follows them.
"""
import re
from datetime import datetime, timedelta

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('org_units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('header_superior', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('header_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('abbreviation', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('place_name', sa.String(length=100), nullable=True))
    register = op.create_table(
        'document_register',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('issuer', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=64), nullable=False),
        sa.Column('ref', sa.String(length=80), nullable=True),
        sa.Column('issued_at', sa.DateTime(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('issuer', 'kind', 'year', 'seq'),
    )
    rows = op.get_bind().execute(sa.text(
        "SELECT m.uuid, m.number, m.issued_at, COALESCE(t.office_unit_id, r.office_unit_id) "
        "FROM minutes m JOIN inspections i ON i.id = m.inspection_id "
        "LEFT JOIN teams t ON t.id = i.team_id LEFT JOIN rounds r ON r.id = i.round_id "
        "WHERE m.status = 'issued' AND m.number IS NOT NULL")).fetchall()
    seen = set()
    entries = []
    for uuid, number, issued_at, office in rows:
        match = re.match(r"\s*(\d+)/", number or "")
        if not match or issued_at is None:
            continue
        if isinstance(issued_at, str):  # SQLite hands back text
            issued_at = datetime.fromisoformat(issued_at)
        key = (f"unit:{office}" if office else "none", (issued_at + timedelta(hours=7)).year,
               int(match.group(1)))
        if key in seen:
            continue
        seen.add(key)
        entries.append({"issuer": key[0], "kind": "minutes", "year": key[1], "seq": key[2],
                        "number": number, "ref": f"minutes:{uuid}", "issued_at": issued_at,
                        "created_at": issued_at})
    if entries:
        op.bulk_insert(register, entries)


def downgrade():
    op.drop_table('document_register')
    with op.batch_alter_table('org_units', schema=None) as batch_op:
        batch_op.drop_column('place_name')
        batch_op.drop_column('abbreviation')
        batch_op.drop_column('header_name')
        batch_op.drop_column('header_superior')
