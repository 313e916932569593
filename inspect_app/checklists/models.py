"""Checklists and their immutable versions; an inspection keeps the version it started with."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow
from .loader import content_hash


class Checklist(db.Model):
    __tablename__ = "checklists"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    versions: Mapped[list["ChecklistVersion"]] = relationship(
        back_populates="checklist", order_by="ChecklistVersion.version"
    )

    @property
    def current(self) -> "ChecklistVersion | None":
        return self.versions[-1] if self.versions else None


class ChecklistVersion(db.Model):
    """One imported state of a checklist file. Never edited: a changed file makes a new version."""

    __tablename__ = "checklist_versions"
    __table_args__ = (
        UniqueConstraint("checklist_id", "version"),
        UniqueConstraint("checklist_id", "content_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    checklist_id: Mapped[int] = mapped_column(ForeignKey("checklists.id"), index=True)
    version: Mapped[int]
    # SHA-256 of the canonical JSON of the parsed file: comments and spacing do not make versions.
    content_hash: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict] = mapped_column(JSON)
    source_file: Mapped[str | None] = mapped_column(String(300))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    checklist: Mapped[Checklist] = relationship(back_populates="versions")


@event.listens_for(ChecklistVersion, "before_insert")
def _hash_names_the_content(_mapper, _connection, version: ChecklistVersion) -> None:
    # Parsed definitions are cached by this hash (checklists/definitions.py): it must be true.
    version.content_hash = content_hash(version.definition)
