"""Who leads a team's work: one rule for the web routes and the sync ops that need a lead
(signing and amending minutes, settling two devices' answers, reading an item's history)."""
from sqlalchemy import select

from ..extensions import db
from . import roles
from .models import TeamMember, User


def leads_team(user: User, team_id: int | None) -> bool:
    """The team's lead ("trưởng đoàn"), or an admin who is on the team."""
    if team_id is None:
        return False
    team_role = db.session.scalar(select(TeamMember.team_role).where(
        TeamMember.team_id == team_id, TeamMember.user_id == user.id))
    return team_role == "lead" or (team_role is not None and user.role == roles.ADMIN)
