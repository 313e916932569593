"""Importing checklist files as versions, and finding the versions to use."""
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from .. import audit
from ..extensions import db
from .loader import Problem, content_hash, load_path
from .models import Checklist, ChecklistVersion


@dataclass
class ImportResult:
    path: str
    slug: str | None
    status: str  # created | new_version | unchanged | refused
    version: int | None = None
    problems: list[Problem] = field(default_factory=list)


def import_path(path, user=None) -> list[ImportResult]:
    """Import a file or folder. An invalid file imports nothing; an unchanged file is a no-op."""
    results = []
    for loaded in load_path(path):
        if not loaded.ok:
            results.append(ImportResult(loaded.path, None, "refused", problems=loaded.problems))
            continue
        results.append(_import_one(loaded.path, loaded.definition, user))
    db.session.commit()
    return results


def import_definition(definition: dict, source_name: str, user) -> ImportResult:
    """Import a definition the loader has passed (e.g. converted from an XLSForm upload)."""
    result = _import_one(source_name, definition, user)
    db.session.commit()
    return result


def _import_one(path: str, definition: dict, user) -> ImportResult:
    slug = definition["slug"]
    digest = content_hash(definition)
    checklist = db.session.scalar(select(Checklist).where(Checklist.slug == slug))
    if checklist is None:
        checklist = Checklist(slug=slug, title=definition["title"])
        db.session.add(checklist)
        status = "created"
    else:
        same = db.session.scalar(select(ChecklistVersion).where(
            ChecklistVersion.checklist_id == checklist.id, ChecklistVersion.content_hash == digest))
        if same is not None:
            return ImportResult(path, slug, "unchanged", same.version)
        checklist.title = definition["title"]
        status = "new_version"
    number = (checklist.current.version + 1) if checklist.versions else 1
    version = ChecklistVersion(checklist=checklist, version=number, content_hash=digest,
                               definition=definition, source_file=Path(path).name)
    db.session.add(version)
    audit.record(user, "checklist.imported", version, slug=slug, version=number)
    return ImportResult(path, slug, status, number)


def current_versions() -> list[ChecklistVersion]:
    """The latest version of every checklist, in the order checklists were first imported."""
    latest = (select(ChecklistVersion.checklist_id, func.max(ChecklistVersion.version).label("v"))
              .group_by(ChecklistVersion.checklist_id).subquery())
    return list(db.session.scalars(
        select(ChecklistVersion)
        .join(latest, (ChecklistVersion.checklist_id == latest.c.checklist_id)
              & (ChecklistVersion.version == latest.c.v))
        .order_by(ChecklistVersion.checklist_id)))


def get_version(slug: str, version: int) -> ChecklistVersion | None:
    return db.session.scalar(
        select(ChecklistVersion).join(Checklist)
        .where(Checklist.slug == slug, ChecklistVersion.version == version))
