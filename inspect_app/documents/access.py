"""Who may issue and who may see the office's documents: one rule for pages, downloads, the
list and the CLI.

- The office (admin) issues every kind; admins and viewers see every document.
- Leads and inspectors see the documents of their teams' rounds and the notices of their
  teams' inspections.
- A unit head sees the notices to their own unit, and the plan and decision of a round that
  includes their unit: at once for a planned round (the unit is told in advance), and for a
  surprise round only once the team's visit to their unit is over, so that nothing they can
  open ever reveals a visit still to come.
"""
from sqlalchemy import and_, exists, or_, select, true

from ..errors import NotFound
from ..extensions import db
from ..followup.models import Round, round_units
from ..inspections.models import Inspection
from ..minutes.models import Minutes
from ..org import roles
from ..org.models import TeamMember
from .models import OfficeDocument

VISIT_OVER = ("completed", "signed", "issued")
ISSUERS = (roles.ADMIN,)  # the routes that issue are declared with these roles


def may_issue(user) -> bool:
    return user is not None and user.role in ISSUERS


def _condition(user):
    """The SQL condition on OfficeDocument of what `user` may see."""
    if user.role in (roles.ADMIN, roles.VIEWER):
        return true()
    if user.role in (roles.LEAD, roles.INSPECTOR):
        teams = select(TeamMember.team_id).where(TeamMember.user_id == user.id)
        of_rounds = OfficeDocument.round_id.in_(select(Round.id).where(Round.team_id.in_(teams)))
        of_visits = exists().where(Minutes.id == OfficeDocument.minutes_id,
                                   Inspection.id == Minutes.inspection_id,
                                   Inspection.team_id.in_(teams))
        return or_(of_rounds, of_visits)
    if user.role == roles.UNIT_HEAD and user.unit_id is not None:
        in_round = exists().where(round_units.c.round_id == OfficeDocument.round_id,
                                  round_units.c.unit_id == user.unit_id)
        visited = exists().where(Inspection.round_id == OfficeDocument.round_id,
                                 Inspection.unit_id == user.unit_id,
                                 Inspection.status.in_(VISIT_OVER))
        planned = exists().where(Round.id == OfficeDocument.round_id, Round.kind == "planned")
        round_doc = and_(OfficeDocument.kind.in_(("plan", "decision")), in_round,
                         or_(planned, visited))
        own_notice = and_(OfficeDocument.kind == "notice", OfficeDocument.unit_id == user.unit_id)
        return or_(own_notice, round_doc)
    return OfficeDocument.id.is_(None)


def visible(user):
    """A select of the documents `user` may see."""
    return select(OfficeDocument).where(_condition(user))


def may_see(user, doc: OfficeDocument) -> bool:
    return user is not None and db.session.scalar(
        select(OfficeDocument.id).where(OfficeDocument.id == doc.id, _condition(user))) is not None


def get_visible(user, public_id: str) -> OfficeDocument:
    """The document, or 404 alike whether it does not exist or is not the reader's to see."""
    doc = db.session.scalar(visible(user).where(OfficeDocument.public_id == public_id))
    if doc is None:
        raise NotFound("Không tìm thấy văn bản.")
    return doc
