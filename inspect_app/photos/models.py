"""Photo evidence: metadata rows; the bytes live content-addressed in storage by SHA-256."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow


class Photo(db.Model):
    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("inspections.id"), index=True)
    # What the photo is evidence of: a checklist item, a finding, or a remediation report.
    item_id: Mapped[str | None] = mapped_column(String(64))
    checklist_version_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_versions.id"))
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id"))
    remediation_item_id: Mapped[int | None] = mapped_column(ForeignKey("remediation_items.id"))
    caption: Mapped[str | None] = mapped_column(Text)
    # A marked-up copy (arrows, circles, labels drawn on the device) names its untouched original.
    markup_of_sha256: Mapped[str | None] = mapped_column(String(64))
    captured_at: Mapped[datetime | None]
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    width: Mapped[int | None]
    height: Mapped[int | None]
    size_bytes: Mapped[int | None]
    content_type: Mapped[str | None] = mapped_column(String(32))
    # False until the bytes arrive: metadata can sync before the upload finishes.
    stored: Mapped[bool] = mapped_column(default=False)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    inspection = relationship("Inspection")
    checklist_version = relationship("ChecklistVersion")
    uploaded_by = relationship("User")
    finding = relationship("Finding")


class PhotoFile(db.Model):
    """One row a photo whose bytes (original and thumbnail) are in storage, by the hash they were
    uploaded under. Whether a photo is stored is asked on every `photo.add` and every upload;
    answering from the database spares the object store a HEAD request each time."""
    __tablename__ = "photo_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Written in the upload's transaction, before the files: until it commits, files written,
    # no one else sees the row.
    stored_at: Mapped[datetime]
