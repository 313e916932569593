"""The chain of an inspection's documents: plan → decision (of the round) → minutes (of a visit)
→ conclusion notice → the unit's remediation report(s) → verification. Drafts a document of a
kind from what it follows, issues it, and lists the chain any one document belongs to."""
from dataclasses import dataclass
from datetime import date

from flask import url_for
from sqlalchemy import select

from ..extensions import db
from ..followup import dashboard
from ..minutes.issue import checklists_used
from ..minutes.models import Minutes
from ..minutes.record import office_of
from ..remediation import queries as remediation_queries
from ..remediation.models import RemediationItem, RemediationReport, RemediationReportLine
from ..org import roles
from ..timeutil import vietnam_time, vietnam_today
from . import access, issuing
from .issuer import Issuer, issuer_of
from .kinds import decision, notice, plan, report
from .models import OfficeDocument
from .settings import settings_for

ROUND_KINDS = ("plan", "decision", "report")
REPORT_PAGE = 500  # units per query when the report gathers a whole round


def office_of_round(rnd):
    return rnd.office or (rnd.team.office if rnd.team else None)


def _issuer(office, rnd=None) -> Issuer:
    if office is not None:
        return issuer_of(office)
    # A round with no office signs as its team, at the place of the units it visited.
    place = issuer_of(rnd.units[0]).place if rnd is not None and rnd.units else ""
    return Issuer(None, "Đoàn kiểm tra", "Đoàn kiểm tra", place)


def chain_key(kind: str, target) -> str:
    return f"{kind}:minutes:{target.id}" if kind == "notice" else f"{kind}:round:{target.id}"


def of_round(round_id: int) -> dict[str, OfficeDocument]:
    """{kind: document} issued for the round."""
    docs = db.session.scalars(select(OfficeDocument).where(OfficeDocument.round_id == round_id,
                                                           OfficeDocument.kind.in_(ROUND_KINDS)))
    return {d.kind: d for d in docs}


def notice_of(minutes: Minutes) -> OfficeDocument | None:
    return issuing.already(chain_key("notice", minutes))


def cite(doc: OfficeDocument | None) -> dict | None:
    """A document as another cites it: number, date, issuing body."""
    if doc is None:
        return None
    return {"number": doc.number, "date": f"{doc.issued_on:%d/%m/%Y}",
            "by": doc.record.get("cited_by") or doc.record["issuer"]["full_name"]}


def draft(kind: str, target, on: date) -> tuple[dict, object]:
    """(record, issuing office) of a `kind` document for `target` (a Round, or Minutes for a
    notice), issued on `on`; raises Refused when it cannot be issued."""
    if kind == "notice":
        office = office_of(target.inspection)
        rnd = target.inspection.round
        docs = of_round(rnd.id) if rnd is not None else {}
        definitions = {s: c["definition"] for s, c in checklists_used(target.record or {}).items()}
        record = notice.draft(target, _issuer(office, rnd), settings_for(office), definitions, on,
                              {k: cite(docs.get(k)) for k in ("plan", "decision")})
        return record, office
    office = office_of_round(target)
    issuer, settings = _issuer(office, target), settings_for(office)
    if kind == "plan":
        return plan.draft(target, issuer, settings), office
    if kind == "decision":
        return decision.draft(target, issuer, settings, cite(of_round(target.id).get("plan"))), office
    first = dashboard.round_dashboard(target, on, 1, REPORT_PAGE)
    pages = [first] + [dashboard.round_dashboard(target, on, n, REPORT_PAGE)
                       for n in range(2, first.pages + 1)]
    record = report.draft(target, issuer, settings, pages, dashboard.checklist_titles())
    if office is None and target.team is not None:
        lead = next((m.user.full_name for m in target.team.members if m.team_role == "lead"), None)
        record["signer"] = {"heading": ["TRƯỞNG ĐOÀN KIỂM TRA"], "full_name": lead}
    return record, office


def issue(kind: str, target, user, on: date | None = None) -> OfficeDocument:
    """Draft and issue the `kind` document of `target` today (Vietnam)."""
    on = on or vietnam_today()
    record, office = draft(kind, target, on)
    if kind == "notice":
        return issuing.issue(kind, record, chain_key=chain_key(kind, target), office=office, on=on,
                             user=user, round_id=target.inspection.round_id,
                             minutes_id=target.id, unit_id=target.inspection.unit_id)
    return issuing.issue(kind, record, chain_key=chain_key(kind, target), office=office, on=on,
                         user=user, round_id=target.id)


@dataclass(frozen=True)
class Link:
    """One document of a chain as a page lists it."""

    name: str  # "Kế hoạch kiểm tra"
    number: str | None
    on: date | None
    url: str | None  # None: not issued yet, or not for this reader
    current: bool = False
    detail: str | None = None  # said instead of a number: "3/5 yêu cầu đã xác minh"
    missing: str = "chưa ban hành"


def _doc_link(name: str, doc: OfficeDocument | None, current_id=None) -> Link:
    if doc is None:
        return Link(name, None, None, None)
    return Link(name, doc.number, doc.issued_on,
                url_for("documents.show", public_id=doc.public_id),
                current=doc.id == current_id)


def links(doc: OfficeDocument | None = None, *, minutes: Minutes | None = None,
          reader=None) -> list[Link]:
    """The chain `doc` (or `minutes`) belongs to, each link to what `reader` may open (None:
    everything, as the office's command line sees it)."""
    may_see = (lambda d: True) if reader is None else (lambda d: access.may_see(reader, d))
    current = doc.id if doc is not None else None
    if doc is not None and doc.minutes is not None:
        minutes = doc.minutes
    round_id = (minutes.inspection.round_id if minutes is not None
                else doc.round_id if doc is not None else None)
    docs = of_round(round_id) if round_id else {}
    shown = {k: (d if d is not None and may_see(d) else None) for k, d in docs.items()}
    out = [_doc_link(plan.NAME, shown.get("plan"), current),
           _doc_link(decision.NAME, shown.get("decision"), current)]
    if minutes is not None:
        # The minutes are dated the day of the visit, as the notice cites them.
        out.append(Link("Biên bản kiểm tra", minutes.number, minutes.dated,
                        url_for("minutes.verify_page", public_id=minutes.public_id)
                        if minutes.status == "issued" else None))
        n = notice_of(minutes)
        out.append(_doc_link(notice.NAME, n if n is not None and may_see(n) else None, current))
        out += _remediation_links(minutes.inspection, reader)
    if round_id and minutes is None:
        out.append(_doc_link(report.NAME, shown.get("report"), current))
    return out


REPORT_NAME = "Báo cáo kết quả khắc phục"
VERIFICATION_NAME = "Xác minh kết quả khắc phục"


def _remediation_links(inspection, reader) -> list[Link]:
    """The unit's remediation reports answering this inspection's items, then how many of those
    items the office has verified."""
    of_inspection = select(RemediationItem.id).where(
        RemediationItem.inspection_id == inspection.id)
    reports = db.session.scalars(
        select(RemediationReport).where(RemediationReport.id.in_(
            select(RemediationReportLine.report_id)
            .where(RemediationReportLine.item_id.in_(of_inspection))))
        .order_by(RemediationReport.sent_at, RemediationReport.id)).all()
    out = [Link(REPORT_NAME, r.number, vietnam_time(r.sent_at).date(),
                url_for("remediation.report_pdf", report_id=r.id)
                if r.pdf_sha256 and (reader is None
                                     or remediation_queries.may_download_report(reader, r))
                else None,
                detail=None if r.number else "không ghi số")
           for r in reports]
    if not reports:
        out.append(Link(REPORT_NAME, None, None, None, missing="đơn vị chưa gửi"))
    items = db.session.scalars(select(RemediationItem).where(
        RemediationItem.inspection_id == inspection.id)).all()
    if items:
        verified = [i.verified_at for i in items if i.state == "verified" and i.verified_at]
        out.append(Link(VERIFICATION_NAME, None,
                        vietnam_time(max(verified)).date() if verified else None,
                        _verification_url(inspection, reader),
                        detail=f"{len(verified)}/{len(items)} yêu cầu đã xác minh"))
    return out


def _verification_url(inspection, reader) -> str | None:
    """Where the reader follows the verification: the office's page of the unit, or the unit
    head's own list."""
    if reader is None or reader.role in roles.OFFICE:
        return url_for("remediation.office_unit", unit_id=inspection.unit_id)
    if reader.role == roles.UNIT_HEAD and reader.unit_id == inspection.unit_id:
        return url_for("remediation.index")
    return None
