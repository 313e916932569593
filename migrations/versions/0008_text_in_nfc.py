"""text in NFC: every string already stored is normalised as new writes are (inspect_app/nfc.py)

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-05 05:40:00

Text typed decomposed (NFD) on some phones and Macs was stored as typed, so the database, the
exports and the API held other bytes than the PDF printed. New writes are normalised at the
driver's door; this normalises what is already there: every String, Text and JSON column of every
table with an `id`. Audit events are left as recorded: the log is append-only (revision 0002).
Signed minutes keep their hash, which is taken over the record in NFC (docs/minutes.md).
"""
import unicodedata

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

APPEND_ONLY = {"audit_events"}


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value


def upgrade():
    bind = op.get_bind()
    meta = sa.MetaData()
    meta.reflect(bind)
    for table in meta.sorted_tables:
        if table.name in APPEND_ONLY or "id" not in table.c:
            continue
        texts = [c for c in table.c if isinstance(c.type, sa.String | sa.JSON)]
        if not texts:
            continue
        for row in bind.execute(sa.select(table.c.id, *texts)).mappings().all():
            changed = {c.name: _nfc(row[c.name]) for c in texts
                       if _nfc(row[c.name]) != row[c.name]}
            if changed:
                bind.execute(table.update().where(table.c.id == row["id"]).values(**changed))


def downgrade():
    pass  # NFC is the same text: nothing to undo
