"""The conclusion notice to one unit ("Thông báo kết luận kiểm tra"), drafted from its issued
minutes: what was done well, the shortcomings by checklist, the requests with their deadlines and
who answers for them. Its date starts the unit's clock: the remediation report is due
`report_days` (the office's setting, 15 by default) after it."""
from datetime import date, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Table

from ...errors import Refused
from ...minutes import wording as W
from ..printing import common, dashed
from ..styles import GRID, heading_over_table, p, t
from .rounds import cited

KIND = "notice"
TITLE = "THÔNG BÁO"
NOUN = "thông báo"
NAME = "Thông báo kết luận kiểm tra"


def draft(minutes, issuer, settings, definitions: dict, on: date, chain: dict) -> dict:
    """The notice of `minutes` issued on `on`; refused unless the minutes are issued.
    `chain` holds the plan and decision as cited ({"plan": {...}, "decision": {...}})."""
    if minutes.status != "issued" or not minutes.number:
        raise Refused("Biên bản chưa được ký và ban hành: chỉ thông báo kết luận cho biên bản "
                      "đã ban hành.", status=409)
    record = minutes.record
    unit = W.unit_in_sentence(record["unit"]["name"])
    a = record.get("assessment") or {}
    by_checklist = []
    for c in record.get("checklists") or ():
        found = [W.finding(i, spec) for checklist, i, spec in W.failures(record, definitions)
                 if checklist is c]
        if found:
            by_checklist.append({"title": c.get("title") or c.get("slug"), "findings": found})
    requests = [{"action": r["action"], "responsible": r.get("responsible"),
                 "deadline": r["deadline"], "item": r.get("item")}
                for r in record.get("remediation") or ()]
    recipients = [f"{unit} (để thực hiện)"]
    recipients += ([f"{settings.superior_recipient} (để báo cáo)"]
                   if settings.superior_recipient else []) + ["Đoàn kiểm tra"]
    return {**common(issuer, settings, KIND, recipients),
            "subject": "Kết luận k" + W.subject(record)[1:],
            "unit": unit, "visited_on": W.minutes_date(record).isoformat(),
            "minutes": {"number": minutes.number, "public_id": minutes.public_id,
                        "date": f"{W.minutes_date(record):%d/%m/%Y}"},
            "plan": cited(chain.get("plan"), "Kế hoạch"),
            "decision": cited(chain.get("decision"), "Quyết định"),
            "strengths": a.get("strengths") or W.strengths(record),
            "shortcomings": by_checklist, "requests": requests,
            "report_days": settings.report_days,
            "report_due": (on + timedelta(days=settings.report_days)).isoformat()
            if requests else None}


def _opening(record: dict) -> str:
    grounds = "; ".join(x for x in (record.get("plan"), record.get("decision")) if x)
    visited = date.fromisoformat(record["visited_on"])
    m = record["minutes"]
    return (f"{'Thực hiện ' + grounds + ', ' if grounds else ''}ngày {visited:%d/%m/%Y}, Đoàn "
            f"kiểm tra đã kiểm tra tại {record['unit']} (Biên bản kiểm tra số {m['number']} "
            f"ngày {m['date']}). Xét báo cáo của Đoàn kiểm tra, {record['issuer']['full_name']} "
            "thông báo kết luận kiểm tra như sau:")


def _requests(record: dict) -> list:
    rows = [[p(h, "cell_head") for h in ("STT", "Nội dung yêu cầu", "Người chịu trách nhiệm",
                                         "Thời hạn")]]
    for n, r in enumerate(record["requests"], 1):
        code = f" <i>({t(r['item'])})</i>" if r.get("item") else ""
        due = date.fromisoformat(r["deadline"])
        rows.append([p(str(n), "cell_center"), p(f"{t(r['action'])}{code}", "cell"),
                     p(t(r.get("responsible")), "cell"),
                     p(f"Trước ngày {due:%d/%m/%Y}", "cell_center")])
    table = Table(rows, colWidths=[10 * mm, 90 * mm, 35 * mm, 30 * mm], repeatRows=1)
    table.setStyle(GRID)
    return [table]


def body(record: dict) -> list:
    out = [p(t(_opening(record)), "indent"), p("1. Ưu điểm", "heading"),
           p(t(record.get("strengths") or "Đơn vị đã bố trí cán bộ làm việc với Đoàn kiểm tra."),
             "indent"),
           p("2. Tồn tại, hạn chế", "heading")]
    if not record["shortcomings"]:
        out.append(p("Qua kiểm tra, chưa phát hiện tồn tại, hạn chế.", "indent"))
    for letter, group in zip("abcdefghik", record["shortcomings"], strict=False):
        out.append(p(f"{letter}) {t(group['title'])}:", "subheading"))
        out += dashed(group["findings"])
    out += heading_over_table("3. Yêu cầu khắc phục")
    unit = record["unit"]
    if not record["requests"]:
        out.append(p(f"Đề nghị {t(unit)} tiếp tục duy trì, thực hiện tốt các nội dung đã đạt.",
                     "indent"))
        return out
    intro = p(f"{t(unit[:1].upper() + unit[1:])} thực hiện các yêu cầu sau:", "indent")
    out += [intro, *_requests(record), p("4. Tổ chức thực hiện", "heading")]
    due = date.fromisoformat(record["report_due"])
    later = any(r["deadline"] > record["report_due"] for r in record["requests"])
    out.append(p(
        f"{t(unit[:1].upper() + unit[1:])} tổ chức khắc phục và báo cáo kết quả khắc phục bằng văn "
        f"bản, kèm tài liệu, hình ảnh minh chứng, gửi {t(record['issuer']['full_name'])} trước "
        f"ngày {due:%d/%m/%Y} ({record['report_days']} ngày kể từ ngày ban hành Thông báo này)"
        + ("; yêu cầu có thời hạn sau ngày đó được báo cáo tiến độ và báo cáo kết quả ngay khi "
           "hoàn thành." if later else "."), "indent"))
    return out
