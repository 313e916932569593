"""The decision setting up the team ("Quyết định thành lập Đoàn kiểm tra"): its members and
roles, its task and time. It stands on the round's plan; like the plan, it names no unit."""
from reportlab.platypus import Spacer

from ...errors import Refused
from ..printing import common
from ..styles import p, t
from .rounds import cited, period, round_part, team_part, topics

KIND = "decision"
TITLE = "QUYẾT ĐỊNH"
NOUN = "quyết định"
NAME = "Quyết định thành lập Đoàn kiểm tra"


def team_of(round_name: str) -> str:
    """"Kiểm tra công tác CCHC đợt 1" → "Đoàn kiểm tra công tác CCHC đợt 1"."""
    head = "kiểm tra "
    if round_name.lower().startswith(head):
        return f"Đoàn kiểm tra {round_name[len(head):]}"
    return f"Đoàn kiểm tra {round_name}"


def draft(rnd, issuer, settings, plan: dict | None) -> dict:
    """The decision for `rnd`, citing its plan: the one issued here (`plan`, as the chain cites
    it) or the reference the office typed for a plan made elsewhere."""
    basis = cited(plan, "Kế hoạch") or rnd.plan_ref
    if not basis:
        raise Refused("Chưa có kế hoạch kiểm tra của đợt: hãy ban hành kế hoạch (hoặc ghi số kế "
                      "hoạch đã ban hành) trước khi ra quyết định thành lập Đoàn.", status=409)
    recipients = ["Như Điều 3"] + ([f"{settings.superior_recipient} (để báo cáo)"]
                                   if settings.superior_recipient else [])
    return {**common(issuer, settings, KIND, recipients), "round": round_part(rnd),
            "team": team_part(rnd), "plan": basis,
            "authority": f"{settings.signer_title} {issuer.name}".upper(),
            # A decision is the head's: "Quyết định số 01/QĐ-SNV … của Giám đốc Sở Nội vụ …"
            "cited_by": f"{settings.signer_title} {issuer.full_name}",
            "subject": f"Về việc thành lập {team_of(rnd.name)}"}


def _member(n: int, m: dict, last: bool) -> str:
    position = f", {m['position']}" if m.get("position") else ""
    return f"{n}. Ông (bà) {m['full_name']}{position} – {m['role']}{'.' if last else ';'}"


def body(record: dict) -> list:
    rnd, team = record["round"], record["team"]
    name = record["subject"].removeprefix("Về việc thành lập ")
    members = [p(t(_member(n, m, n == len(team["members"]))), "indent")
               for n, m in enumerate(team["members"], 1)]
    body_name = record["head"]
    return [
        p(t(record["authority"]), "center_bold"),
        p(f"<i>Căn cứ {t(record['plan'])};</i>", "indent"),
        Spacer(1, 6), p("QUYẾT ĐỊNH:", "center_bold"), Spacer(1, 4),
        p(f"<b>Điều 1.</b> Thành lập {t(name)}, gồm các ông (bà) có tên sau:", "indent"),
        *members,
        p(f"<b>Điều 2.</b> Đoàn kiểm tra có nhiệm vụ kiểm tra việc chấp hành các quy định về "
          f"{t(topics(rnd))} tại các đơn vị theo Kế hoạch; thời gian kiểm tra {t(period(rnd))}. "
          "Trưởng đoàn phân công nhiệm vụ cho các thành viên. Đoàn kiểm tra lập biên bản kiểm "
          f"tra tại từng đơn vị, báo cáo kết quả kiểm tra với {t(body_name)} và tự giải thể sau "
          "khi hoàn thành nhiệm vụ.", "indent"),
        p("<b>Điều 3.</b> Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các đơn vị có liên "
          "quan và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
          "indent"),
    ]
