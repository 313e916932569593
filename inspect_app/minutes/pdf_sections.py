"""The text of the minutes, section by section, as ReportLab flowables (DOMAIN.md)."""
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from ..documents import form
from ..documents.issuer import Issuer
from ..documents.styles import GRID, heading_over_table, p, t
from . import labels as L
from . import wording as W

WIDTH = form.WIDTH


def subject(record: dict) -> str:
    """"Kiểm tra đột xuất về <the checklists used> tại UBND xã …"."""
    return W.subject(record)


def definitions(meta: dict | None) -> dict:
    """{slug: definition} of the checklist versions the record names, as meta carries them."""
    return {slug: c.get("definition") or {} for slug, c in
            ((meta or {}).get("checklists") or {}).items()}


def office_name(record: dict) -> str:
    """The inspecting body in running text as the header names it ("Sở Nội vụ"), so the
    device's preview, which has the record alone, says the same."""
    return (record.get("body") or {}).get("name") or "Đoàn kiểm tra"


def issuer(record: dict, meta: dict) -> Issuer:
    """The issuing body as the record names it (its header lines) and meta places it."""
    body = record.get("body") or {}
    superior, name = body.get("parent"), body.get("name") or "Đoàn kiểm tra"
    # A record made before the office's place was known: the superior body's area names it.
    place = meta.get("place") or W.place_of(superior or name)
    return Issuer(superior=superior, name=name, full_name=meta.get("body_full_name") or name,
                  place=place)


def header(record: dict, meta: dict) -> list:
    """The form's header, dated the day the inspection took place."""
    started = L.local_time(record["started_at"])
    return form.header(issuer(record, meta), meta.get("number"), L.SYMBOL, started.date())


def title(record: dict, meta: dict) -> list:
    """Title, subject, and the amendment notice when these minutes replace earlier ones."""
    out = [p("BIÊN BẢN KIỂM TRA", "title"), p(t(subject(record)), "subject")]
    if record.get("amends"):
        old = meta.get("amends") or {}
        which = (f"Biên bản kiểm tra số {t(old['number'])}" if old.get("number")
                 else "biên bản kiểm tra đã ký trước đó")
        if old.get("public_id"):
            which += f" (mã tra cứu {t(old['public_id'])})"
        reason = t(record.get("amendment_reason") or "không ghi")
        out.append(p(f"Biên bản này sửa đổi, thay thế {which}. Lý do sửa đổi: {reason}.",
                     "notice"))
    return out


def opening(record: dict) -> list:
    """Grounds ("Căn cứ"), the time and place the check started, surprise or planned."""
    grounds = record.get("grounds") or {}
    out = [p(f"Căn cứ {t(grounds[k])};", "indent") for k in ("team_decision", "plan")
           if grounds.get(k)]
    start = L.local_time(record["started_at"])
    how = ("kiểm tra đột xuất (không báo trước)" if record.get("kind") == "surprise"
           else "kiểm tra theo kế hoạch")
    unit = t(W.unit_in_sentence(record["unit"]["name"]))
    where = t(record.get("location")) or unit
    out.append(p(f"Hôm nay, vào hồi {L.clock(start)}, {L.long_date(start.date())}, tại {where}, "
                 f"Đoàn kiểm tra tiến hành {how} tại {unit}.", "indent"))
    return out


def people(record: dict) -> list:
    """I. Composition: the team, then the unit's representatives."""
    out = [p("I. THÀNH PHẦN", "heading"), p("1. Đoàn kiểm tra:", "subheading")]
    for m in record.get("members") or []:
        pos = f", {t(m['position'])}" if m.get("position") else ""
        out.append(p(f"- {t(m['full_name'])}{pos} – {t(L.team_role(m.get('team_role')))};",
                     "indent"))
    out.append(p("2. Đại diện đơn vị được kiểm tra:", "subheading"))
    reps = record.get("representatives") or []
    for r in reps:
        pos = f", {t(r['position'])}" if r.get("position") else ""
        out.append(p(f"- {t(r['full_name'])}{pos};", "indent"))
    if not reps:
        out.append(p("- Không có.", "indent"))
    return out


def assessment(record: dict, meta: dict | None = None) -> list:
    """III. Overall assessment: strengths, shortcomings, causes. Left blank in the draft, the
    strengths and shortcomings are written from the findings (wording.py), never "Không có."
    beside a list of faults."""
    a = dict(record.get("assessment") or {})
    a["strengths"] = a.get("strengths") or W.strengths(record)
    a["shortcomings"] = a.get("shortcomings") or W.shortcomings(record, definitions(meta))
    out = [p("III. ĐÁNH GIÁ CHUNG", "heading")]
    for n, (key, label) in enumerate((("strengths", "Ưu điểm"),
                                      ("shortcomings", "Tồn tại, hạn chế"),
                                      ("causes", "Nguyên nhân")), 1):
        out.append(p(f"{n}. {label}:", "subheading"))
        out.append(p(t(a.get(key) or "Không có."), "indent"))
    return out


def remediation(record: dict, meta: dict | None = None) -> list:
    """IV. Remediation requests as a table: action, basis, responsible, deadline; then by when
    and to whom the unit reports the result."""
    rows = record.get("remediation") or []
    out = heading_over_table("IV. KIẾN NGHỊ, YÊU CẦU KHẮC PHỤC")
    if not rows:
        return out + [p("Không có yêu cầu khắc phục.", "indent")]
    data = [[p(h, "cell_head") for h in ("STT", "Nội dung yêu cầu khắc phục", "Căn cứ",
                                         "Người chịu trách nhiệm", "Thời hạn")]]
    for n, r in enumerate(rows, 1):
        due = W.by_date(r.get("deadline"))
        data.append([p(str(n), "cell_center"), p(_action(r), "cell"),
                     p(t(r.get("basis")), "cell"), p(t(r.get("responsible")), "cell"),
                     p(t(due[:1].upper() + due[1:]), "cell_center")])
    table = Table(data, colWidths=[10 * mm, 60 * mm, 40 * mm, 28 * mm, 27 * mm], repeatRows=1)
    table.setStyle(GRID)
    office = t(office_name(record))
    by = W.by_date(W.report_by(record))
    return out + [table, Spacer(1, 4), p(
        f"{t(W.unit_in_sentence(record['unit']['name']))} tổ chức khắc phục các tồn tại, hạn chế "
        f"nêu trên và báo cáo kết quả khắc phục bằng văn bản, kèm tài liệu, hình ảnh minh chứng, "
        f"gửi {office}{' ' + by if by else ''}.", "indent")]


def _action(request: dict) -> str:
    """"Niêm yết … (NY-09).": the item's code inside the sentence, before its full stop."""
    action = t(request.get("action"))
    if not request.get("item"):
        return action
    stop = "." if action.endswith(".") else ""
    return f"{action.removesuffix('.')} <i>({t(request['item'])})</i>{stop}"


def opinion(record: dict) -> list:
    """V. The inspected unit's opinion."""
    return [p("V. Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA", "heading"),
            p(t(record.get("unit_opinion") or "Không có ý kiến khác."), "indent")]


def closing(record: dict, meta: dict) -> list:
    """Time ended, read aloud, copies; a refusal to sign said in words."""
    start, end = L.local_time(record["started_at"]), L.local_time(record.get("ended_at"))
    out = []
    if end:
        day = "cùng ngày" if end.date() == start.date() else L.long_date(end.date())
        out.append(p(f"Buổi kiểm tra kết thúc vào hồi {L.clock(end)} {day}.", "indent"))
    for s in meta.get("signatures") or []:
        if s.get("refused"):
            who = t(s.get("full_name") or "")
            role = "Đại diện đơn vị được kiểm tra" if s.get("role") == "unit_rep" else "Người ký"
            reason = t(s.get("refusal_reason") or "không nêu lý do")
            out.append(p(f"{role} ({who}) từ chối ký biên bản. Lý do: {reason}.", "indent"))
    out.append(p("Biên bản đã được đọc lại cho những người tham dự cùng nghe, thống nhất nội "
                 "dung và ký tên dưới đây. Biên bản được lập thành 02 bản có giá trị như nhau, "
                 "đơn vị được kiểm tra giữ 01 bản, Đoàn kiểm tra giữ 01 bản.", "indent"))
    return out
