"""The ledger of device operations already applied, which makes a replayed push change nothing."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class SyncOp(db.Model):
    __tablename__ = "sync_ops"

    # The client's UUID for the operation: the idempotency key.
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    device_id: Mapped[str | None] = mapped_column(String(64))
    op_type: Mapped[str] = mapped_column(String(32))
    inspection_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    # SHA-256 of the op as first applied (type, inspection, at, data): the same op id with another
    # payload is another op, refused rather than answered "duplicate" and dropped.
    payload_sha256: Mapped[str | None] = mapped_column(String(64))
    # The result given the first time, returned again (as "duplicate") on a replay.
    result: Mapped[dict | None] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
