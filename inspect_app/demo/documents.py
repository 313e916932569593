"""The demo's chain of documents: the surprise round of the third quarter has its plan, its
decision, a conclusion notice to each unit it visited and its report, each dated as an office
would have issued it; the upcoming surprise round has its plan and decision, which no unit head
may see before the visit."""
from datetime import date, timedelta

from sqlalchemy import select

from ..documents import chain
from ..documents.models import OfficeSettings
from ..extensions import db
from ..minutes.models import Minutes
from . import data


def issue_demo_documents(office, past_round, upcoming_round, admin, today: date) -> int:
    """Issue the demo's documents in the order of their dates; return how many."""
    name, title = data.OFFICE_SIGNER
    db.session.add(OfficeSettings(office_unit_id=office.id, symbols={}, signer_name=name,
                                  signer_title=title, superior_recipient=data.OFFICE_SUPERIOR,
                                  report_days=15))
    db.session.commit()
    issued = [chain.issue("plan", past_round, admin, past_round.period_start - timedelta(days=14)),
              chain.issue("decision", past_round, admin,
                          past_round.period_start - timedelta(days=7))]
    minutes = db.session.scalars(
        select(Minutes).join(Minutes.inspection).where(
            Minutes.status == "issued", Minutes.inspection.has(round_id=past_round.id))
        .order_by(Minutes.issued_at)).all()
    for m in minutes:
        visited = m.inspection.started_at.date()
        issued.append(chain.issue("notice", m, admin, min(visited + timedelta(days=5), today)))
    issued.append(chain.issue("report", past_round, admin,
                              min(past_round.period_end + timedelta(days=10), today)))
    issued += [chain.issue("plan", upcoming_round, admin, today),
               chain.issue("decision", upcoming_round, admin, today)]
    return len(issued)
