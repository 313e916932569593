"""Which documents the office's list shows, filtered and a page at a time; the same rows export
as a spreadsheet."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, or_

from ..extensions import db
from ..followup.models import round_units
from ..paging import PAGE_SIZE, Page, paginate
from ..workspace.listing import OUTSIDE_ROUNDS
from . import access
from .kinds import KINDS
from .links import verify_url
from .models import OfficeDocument

COLUMNS = ("Số", "Ngày ban hành", "Loại văn bản", "Trích yếu", "Đợt kiểm tra", "Đơn vị",
           "Địa chỉ xác thực")
WIDTHS = (16, 14, 26, 70, 40, 28, 50)


@dataclass(frozen=True)
class Filters:
    """What the office asked for; None: any."""

    kind: str | None = None
    unit_id: int | None = None  # a notice to the unit, or a round's document that includes it
    round: str | None = None  # a round's id, or OUTSIDE_ROUNDS: notices of visits outside rounds
    date_from: date | None = None
    date_to: date | None = None


def _query(user, filters: Filters):
    query = access.visible(user)
    if filters.kind in KINDS:
        query = query.where(OfficeDocument.kind == filters.kind)
    if filters.unit_id is not None:
        in_round = exists().where(round_units.c.round_id == OfficeDocument.round_id,
                                  round_units.c.unit_id == filters.unit_id)
        query = query.where(or_(OfficeDocument.unit_id == filters.unit_id,
                                (OfficeDocument.kind != "notice") & in_round))
    if filters.round == OUTSIDE_ROUNDS:
        query = query.where(OfficeDocument.round_id.is_(None))
    elif filters.round is not None:
        query = query.where(OfficeDocument.round_id == int(filters.round))
    if filters.date_from:
        query = query.where(OfficeDocument.issued_on >= filters.date_from)
    if filters.date_to:
        query = query.where(OfficeDocument.issued_on <= filters.date_to)
    return query.order_by(OfficeDocument.issued_on.desc(), OfficeDocument.issued_at.desc(),
                          OfficeDocument.id.desc())


def page(user, filters: Filters, number: int = 1, size: int = PAGE_SIZE) -> Page:
    """Page `number` (from 1) of the documents `user` may see, newest first."""
    found, number, pages, total = paginate(_query(user, filters), number, size, scalars=True)
    return Page(found, number, pages, total)


def every_row(user, filters: Filters):
    """The documents the filters select, as spreadsheet rows."""
    for doc in db.session.scalars(_query(user, filters)):
        yield (doc.number, doc.issued_on, KINDS[doc.kind].NAME, doc.record.get("subject", ""),
               doc.round.name if doc.round else "", doc.unit.name if doc.unit else "",
               verify_url(doc.public_id))
