"""Importing a device backup: the same ops and photo bytes sync would send, through the same path.

Because the ops keep the ids the device gave them and photos are addressed by their hash, an
import and a later sync of the same device (or the other way round, or one backup imported twice)
leave every record exactly once: whatever arrives second is a duplicate.
"""
from dataclasses import dataclass, field

from .. import audit
from ..errors import Refused
from ..extensions import db
from ..inspections import batch
from ..inspections import operations as sync_ops
from ..org.models import User
from ..photos.operations import is_stored, store_photo
from .reader import Backup


@dataclass
class ImportReport:
    """What the import did, op by op and image by image, as the office sees it."""

    username: str
    device_id: str | None
    results: list[dict] = field(default_factory=list)  # as the push answers: op_id, status, reason
    images: list[dict] = field(default_factory=list)  # sha256, status (stored/present/refused)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r["status"] == status)

    @property
    def images_refused(self) -> int:
        return sum(1 for i in self.images if i["status"] == "refused")


def owner_of(backup: Backup) -> User:
    """The account that made the backup: its ops are applied as that user's, with its rights."""
    user = db.session.get(User, backup.user_id)
    if user is None or user.username != backup.username:
        raise Refused(f"Bản sao lưu của tài khoản “{backup.username}” không khớp tài khoản nào "
                      "trên máy chủ này; có thể tệp được tạo cho máy chủ khác.", status=422)
    return user


def import_backup(backup: Backup, actor: User | None) -> ImportReport:
    """Store the backup's images, then apply its ops as its owner's; report every result."""
    owner = owner_of(backup)
    report = ImportReport(owner.username, backup.device_id)
    # Images first: minutes whose drawn signatures arrive here can then be issued at their op.
    for sha256, data in backup.images.items():
        report.images.append(_store_image(sha256, data, owner))
    for start in range(0, len(backup.ops), batch.MAX_OPS):
        chunk = batch.Batch(backup.device_id, backup.ops[start:start + batch.MAX_OPS])
        report.results.extend(sync_ops.apply_batch(chunk, owner))
    audit.record(actor, "backup.imported", owner, device_id=backup.device_id,
                 created_at=backup.created_at, applied=report.count("applied"),
                 duplicate=report.count("duplicate"), refused=report.count("refused"),
                 images=len(report.images), images_refused=report.images_refused)
    db.session.commit()
    return report


def _store_image(sha256: str, data: bytes, owner: User) -> dict:
    if is_stored(sha256):
        return {"sha256": sha256, "status": "present"}
    try:
        store_photo(sha256, data, owner)
    except Refused as refusal:
        db.session.rollback()
        return {"sha256": sha256, "status": "refused", "reason": refusal.reason}
    return {"sha256": sha256, "status": "stored"}

