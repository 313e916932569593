"""What the plan, the decision and the report say of a round: its topics, time and team."""
from datetime import date

from ...errors import Refused
from ..text import lower_first

TEAM_ROLES = {"lead": "Trưởng đoàn", "member": "Thành viên", "secretary": "Thư ký"}
ROLE_ORDER = {"lead": 0, "member": 1, "secretary": 2}


def round_part(rnd, *, needs_checklists: bool = True) -> dict:
    """The round as every document of its chain names it; a plan or a decision says what is
    inspected, so a round without checklists has none (its report may still be drawn)."""
    if needs_checklists and not rnd.checklists:
        raise Refused("Đợt kiểm tra chưa có bộ phiếu kiểm tra nào: hãy chọn nội dung kiểm tra "
                      "(bộ phiếu) cho đợt trước khi ban hành kế hoạch.", status=409)
    return {"id": rnd.id, "name": rnd.name, "kind": rnd.kind,
            "start": rnd.period_start.isoformat(), "end": rnd.period_end.isoformat(),
            "topics": [c.title for c in sorted(rnd.checklists, key=lambda c: c.title)]}


def team_part(rnd) -> dict:
    team = rnd.team
    if team is None or not team.members:
        raise Refused("Đợt kiểm tra chưa có đoàn kiểm tra (hoặc đoàn chưa có thành viên): hãy "
                      "chọn đoàn trước khi ban hành quyết định.", status=409)
    members = sorted(team.members, key=lambda m: (ROLE_ORDER.get(m.team_role, 3),
                                                  m.user.full_name))
    return {"name": team.name, "members": [
        {"full_name": m.user.full_name, "position": m.user.position,
         "role": TEAM_ROLES.get(m.team_role, m.team_role)} for m in members]}


def topics(rnd: dict) -> str:
    """"kỷ luật, kỷ cương hành chính; văn hóa công sở"."""
    return "; ".join(lower_first(t) for t in rnd["topics"])


def period(rnd: dict) -> str:
    start, end = date.fromisoformat(rnd["start"]), date.fromisoformat(rnd["end"])
    return f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def cited(doc: dict | None, what: str) -> str | None:
    """"Kế hoạch số 01/KH-SNV ngày 05/12/2026 của Sở Nội vụ" for a document of the chain."""
    if not doc:
        return None
    return f"{what} số {doc['number']} ngày {doc['date']} của {doc['by']}"
