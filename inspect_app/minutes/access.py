"""Who may download the PDF of issued minutes (the public verify page shows no PDF)."""
from sqlalchemy import select

from ..extensions import db
from ..inspections.models import InspectionMember
from ..org import roles
from ..org.models import TeamMember

# The office sees every inspection's minutes; a field inspector only their own team's.
OFFICE_WIDE = (roles.ADMIN, roles.LEAD, roles.VIEWER)


def may_download(user, minutes) -> bool:
    """The office, the inspection's team, and the head of the inspected unit."""
    inspection = minutes.inspection
    if user.role in OFFICE_WIDE:
        return True
    if user.role == roles.UNIT_HEAD:
        return user.unit_id is not None and user.unit_id == inspection.unit_id
    on_team = inspection.team_id is not None and db.session.scalar(
        select(TeamMember.id).where(TeamMember.team_id == inspection.team_id,
                                    TeamMember.user_id == user.id)) is not None
    return on_team or db.session.scalar(
        select(InspectionMember.id).where(InspectionMember.inspection_id == inspection.id,
                                          InspectionMember.user_id == user.id)) is not None
