"""Issuing signed minutes: number, signed PDF, remediation items (docs/minutes.md, step 6).

Minutes are issued as soon as the server holds every photo and drawn signature they name: at the
`minutes.sign` op, or at the upload that completes the set; in that request with ISSUE_INLINE
(development, tests), else by a worker the request enqueues them for (minutes/queue.py). Issuing
never loses signed minutes: it runs in its own savepoint, and a failure (fonts, certificate, a
full disk) is logged and leaves them `signed` for the next upload or `flask minutes
issue-pending` to retry. Whichever host tries first issues them; a second try, from a host that
raced it, is a no-op (`_take`), never a second number.
"""
import logging
from collections.abc import Collection
from datetime import date

from flask import current_app
from sqlalchemy import bindparam, or_, select, update

from .. import audit, plainsql
from ..checklists.models import Checklist, ChecklistVersion
from ..documents import register
from ..documents.issuer import issuer_of
from ..extensions import db
from ..inspections.models import Finding
from ..org.models import User
from ..photos.models import Photo
from ..photos.operations import is_stored
from ..remediation.models import RemediationItem
from ..timeutil import utcnow
from . import files
from .canonical import format_time
from .labels import SYMBOL
from .models import Minutes, Signature
from .record import office_of

log = logging.getLogger(__name__)

_MINUTES, _PHOTOS, _SIGNATURES = Minutes.__table__, Photo.__table__, Signature.__table__
# The signed minutes of an inspection with one of these photos, or signed with one of these
# drawn signatures.
_SIGNED_NAMING = select(_MINUTES.c.id).where(
    _MINUTES.c.status == "signed",
    or_(_MINUTES.c.inspection_id.in_(
            select(_PHOTOS.c.inspection_id)
            .where(_PHOTOS.c.sha256.in_(bindparam("images", expanding=True)))),
        _MINUTES.c.id.in_(
            select(_SIGNATURES.c.minutes_id)
            .where(_SIGNATURES.c.image_sha256.in_(bindparam("images", expanding=True))))))


def needed_images(minutes: Minutes) -> set[str]:
    """The hashes of every photo and drawn signature the minutes name."""
    photos = {p["sha256"] for p in (minutes.record or {}).get("photos") or ()}
    return photos | {s.image_sha256 for s in minutes.signatures if s.image_sha256}


def _signature_meta(minutes: Minutes) -> list[dict]:
    return [{"role": s.signer_role, "full_name": s.full_name, "title": s.title,
             "image_sha256": s.image_sha256, "refused": s.refused,
             "refusal_reason": s.refusal_reason, "signed_at": format_time(s.signed_at)}
            for s in minutes.signatures]


def checklists_used(record: dict) -> dict:
    """{slug: {version, title, definition}} of the checklist versions the record names: the
    labels and wording the PDF prints for its codes (a version is never edited)."""
    out = {}
    for c in record.get("checklists") or ():
        version = db.session.scalar(select(ChecklistVersion).join(Checklist).where(
            Checklist.slug == c.get("slug"), ChecklistVersion.version == c.get("version")))
        if version is not None:
            out[c["slug"]] = {"version": version.version, "title": c.get("title"),
                              "definition": version.definition}
    return out


def meta_for(minutes: Minutes) -> dict:
    """What the PDF prints beside the record: number, date, links, signatures, what it amends."""
    old = minutes.amends
    office = office_of(minutes.inspection)
    issuer = issuer_of(office) if office is not None else None
    return {"number": minutes.number, "issued_at": minutes.issued_at,
            "place": issuer.place if issuer else None,
            "body_full_name": issuer.full_name if issuer else None,
            "public_id": minutes.public_id, "content_hash": minutes.content_hash,
            "verify_url": files.verify_url(minutes.public_id),
            "short_url": files.short_url(minutes.public_id),
            "signatures": _signature_meta(minutes),
            "checklists": checklists_used(minutes.record or {}),
            "amends": {"number": old.number, "public_id": old.public_id} if old else None}


def _remediation(minutes: Minutes) -> None:
    inspection = minutes.inspection
    wanted = (minutes.record or {}).get("remediation") or []
    existing = {r.uuid: r for r in db.session.scalars(select(RemediationItem).where(
        RemediationItem.inspection_id == inspection.id))}
    for r in wanted:
        finding = db.session.scalar(select(Finding).where(
            Finding.inspection_id == inspection.id, Finding.checklist_slug == r["checklist"],
            Finding.item_id == r["item"])) if r["checklist"] and r["item"] else None
        item = existing.pop(r["uuid"], None) or RemediationItem(
            uuid=r["uuid"], inspection=inspection, unit_id=inspection.unit_id, state="open")
        item.finding, item.action, item.responsible = finding, r["action"], r["responsible"]
        item.deadline = date.fromisoformat(r["deadline"])
        db.session.add(item)
    # Amended minutes no longer ask for these; only untouched requests can simply go.
    for item in existing.values():
        if item.state == "open" and not item.events:
            db.session.delete(item)


def issue_minutes(minutes: Minutes, user=None) -> None:
    """Render, sign and store the PDF, number the minutes, create their remediation items."""
    from .pdf import render_minutes_pdf
    from .signing import sign_pdf

    minutes.issued_at = utcnow().replace(microsecond=0)
    minutes.number = register.allocate("minutes", SYMBOL, office_of(minutes.inspection),
                                       minutes.issued_at, ref=f"minutes:{minutes.uuid}")
    pdf = sign_pdf(render_minutes_pdf(minutes.record, meta_for(minutes)))
    minutes.pdf_sha256 = files.store_pdf(pdf)
    minutes.status = "issued"
    minutes.issued_by_id = getattr(user, "id", None)
    inspection = minutes.inspection
    newer = db.session.scalar(select(Minutes.id).where(Minutes.amends_id == minutes.id))
    if newer is None:  # minutes already being amended leave the inspection open for edits
        inspection.status = "issued"
    _remediation(minutes)
    audit.record(user, "minutes.issued", minutes, minutes=minutes.uuid, number=minutes.number,
                 inspection=inspection.uuid, pdf_sha256=minutes.pdf_sha256)
    db.session.flush()


def _take(minutes_id: int) -> bool:
    """Whether these minutes are still `signed`, holding them until the transaction ends.
    An UPDATE rather than a read: PostgreSQL makes a second host's wait on the row lock and then
    see `issued`; SQLite takes its single writer's lock before it reads."""
    return db.session.execute(
        update(Minutes).where(Minutes.id == minutes_id, Minutes.status == "signed")
        .values(status=Minutes.status).execution_options(synchronize_session=False)
    ).rowcount == 1


def issue_once(minutes_id: int, user_id: int | None = None) -> bool:
    """Issue these minutes unless another host has (or they are not ready); the caller commits.
    Raises what issuing raised: nothing is half done once the caller rolls back."""
    if not _take(minutes_id):
        return False
    minutes = db.session.get(Minutes, minutes_id, populate_existing=True)
    if not all(map(is_stored, needed_images(minutes))):
        return False
    issue_minutes(minutes, db.session.get(User, user_id) if user_id is not None else None)
    return True


def try_issue(minutes: Minutes, user=None, *, inline: bool | None = None) -> bool:
    """Issue (or, without ISSUE_INLINE, enqueue) the minutes if every image is stored;
    False (and logged) when not issued here, or on failure."""
    if minutes.status != "signed" or not all(map(is_stored, needed_images(minutes))):
        return False
    if not (current_app.config["ISSUE_INLINE"] if inline is None else inline):
        from .queue import enqueue

        enqueue(minutes, user)
        return False
    savepoint = db.session.begin_nested()
    try:
        issued = issue_once(minutes.id, getattr(user, "id", None))
        savepoint.commit()
    except Exception:  # any failure: the signed minutes must survive it
        savepoint.rollback()
        log.exception("minutes %s (%s) not issued; left signed for a retry",
                      minutes.public_id, minutes.uuid)
        return False
    return issued


def issue_ready_minutes(user=None, *, images: Collection[str] | None = None,
                        inline: bool | None = None) -> int:
    """Issue (or enqueue) every signed minutes whose images are all stored (only those naming
    one of `images`, the hashes of photos or drawn signatures just stored, when given); commit;
    return how many were issued here."""
    ids = None
    if images is not None:
        images = set(images)
        # Only minutes that can name them: an upload must not load every signed minutes in the
        # database (on a round's last day, thousands). Asked first with a prebuilt statement,
        # since nearly every upload completes none (and then builds no other query).
        ids = (plainsql.execute(_SIGNED_NAMING, {"images": list(images)}).scalars().all()
               if images else [])
        if not ids:
            db.session.commit()
            return 0
    query = select(Minutes).where(Minutes.status == "signed").order_by(Minutes.id)
    if ids is not None:
        query = query.where(Minutes.id.in_(ids))
    issued = 0
    for minutes in db.session.scalars(query).all():
        if images is not None and not images & needed_images(minutes):
            continue
        issued += try_issue(minutes, user, inline=inline)
    db.session.commit()
    return issued
