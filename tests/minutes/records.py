"""Realistic minutes records (docs/minutes.md, format 1) and the images they name, made here."""
import hashlib
import io
import unicodedata

from PIL import Image, ImageDraw

UNIT = "UBND xã Tân Lập"
ABSENTEE = "Phạm Thị Dung"
LEAD = "Nguyễn Văn An"
REP = "Lê Văn Cường"


def photo_jpeg(seed: int, size=(800, 600)) -> bytes:
    """A JPEG photo with some structure (rectangles on noise), different for every seed."""
    im = Image.effect_noise(size, 30 + seed % 40).convert("RGB")
    draw = ImageDraw.Draw(im)
    for k in range(6):
        x, y = (seed * 37 + k * 101) % size[0], (seed * 53 + k * 67) % size[1]
        draw.rectangle((x, y, x + size[0] // 5, y + size[1] // 6),
                       fill=((seed * 40 + k * 30) % 256, (k * 70) % 256, (seed * 9) % 256))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def signature_png(seed: int) -> bytes:
    """A drawn signature as the device uploads it: dark strokes on a transparent PNG."""
    im = Image.new("RGBA", (480, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    points = [(30 + i * 40, 100 + ((i * 37 + seed * 13) % 80) - 40) for i in range(11)]
    draw.line(points, fill=(10, 20, 90, 255), width=6)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _item(n: int, failed: bool, answered: bool = True) -> dict:
    value = (2 if n % 3 == 0 else "no") if failed else ("yes" if n % 4 else 12)
    return {"id": f"KL-{n:02d}", "text": f"Nội dung kiểm tra số {n}: công chức chấp hành giờ "
                                         f"giấc, đeo thẻ và niêm yết thủ tục hành chính",
            "severity": ("minor", "major", "critical")[n % 3],
            "basis": "Chỉ thị số 26/CT-TTg ngày 05/9/2016 của Thủ tướng Chính phủ",
            "value": value if answered else None,
            "note": f"Ghi nhận tại chỗ về nội dung {n}." if failed else None,
            "failed": failed and answered}


def record(*, photos=(), findings: int = 3, passed: int = 4, unanswered: int = 1,
           kind: str = "surprise", unit: str = UNIT, amends: str | None = None,
           amendment_reason: str | None = None, markup: bool = False) -> dict:
    """A record with `findings` failed items, answered and unanswered ones, and the photos given
    (`markup`: the last photo is a marked-up copy of the first)."""
    items = ([_item(n, True) for n in range(1, findings + 1)]
             + [_item(findings + n, False) for n in range(1, passed + 1)]
             + [_item(findings + passed + n, False, False) for n in range(1, unanswered + 1)])
    slug = "ky-luat-ky-cuong"
    photo_rows = [{"sha256": sha, "caption": f"Ảnh hiện trường {i + 1}" if i % 2 == 0 else None,
                   "captured_at": f"2026-11-22T01:{20 + i % 40:02d}:13Z", "checklist": slug,
                   "item": items[i % max(findings, 1)]["id"] if findings else None}
                  for i, sha in enumerate(photos)]
    if markup:
        photo_rows[-1]["markup_of"] = photo_rows[0]["sha256"]
    return {
        "format": 1, "minutes": "5b1e7c2a-0f3d-4d61-9a55-2c7f0e9b8d11", "amends": amends,
        "amendment_reason": amendment_reason,
        "inspection": "0b6a2f1e-8a53-4c1e-9d0e-3f5c2a7b9e10", "kind": kind,
        "body": {"parent": "UBND tỉnh Minh Sơn", "name": "Sở Nội vụ"},
        "grounds": {"team_decision": "Quyết định số 45/QĐ-SNV ngày 01/08/2026 của Giám đốc Sở "
                                     "Nội vụ về việc thành lập Đoàn kiểm tra",
                    "plan": "Kế hoạch số 12/KH-SNV ngày 15/07/2026 về kiểm tra cải cách hành "
                            "chính năm 2026"},
        "unit": {"id": 5, "name": unit}, "location": f"Trụ sở {unit}",
        "started_at": "2026-11-22T01:15:00Z", "ended_at": "2026-11-22T04:40:00Z",
        "members": [{"full_name": LEAD, "position": "Phó Giám đốc Sở Nội vụ", "team_role": "lead"},
                    {"full_name": "Trần Thị Bình", "position": "Chuyên viên",
                     "team_role": "member"},
                    {"full_name": "Đỗ Minh Châu", "position": "Chuyên viên",
                     "team_role": "secretary"}],
        "representatives": [{"full_name": REP, "position": "Chủ tịch UBND xã"},
                            {"full_name": "Vũ Thị Giang", "position": "Công chức Văn phòng"}],
        "attendance": [
            {"full_name": "Hoàng Văn Em", "position": "Công chức Tư pháp", "status": "present",
             "note": None},
            {"full_name": "Ngô Thị Hà", "position": "Công chức Địa chính", "status": "late",
             "note": "Đến lúc 08 giờ 40"},
            {"full_name": ABSENTEE, "position": "Công chức Văn hóa", "status": "absent_unexcused",
             "note": None},
            {"full_name": "Bùi Văn Khải", "position": "Phó Chủ tịch UBND xã",
             "status": "absent_excused", "note": "Đi công tác theo Giấy mời số 8"}],
        "checklists": [{"slug": slug, "version": 1,
                        "title": "Kỷ luật, kỷ cương hành chính",
                        "sections": [{"id": "gio-lam-viec", "title": "Giờ làm việc",
                                      "items": items}]}],
        "photos": photo_rows,
        "assessment": {"strengths": "Trụ sở sạch sẽ; bộ phận một cửa bố trí đủ người.",
                       "shortcomings": "Còn công chức vắng không lý do; niêm yết chưa đầy đủ.",
                       "causes": "Người đứng đầu chưa thường xuyên kiểm tra, nhắc nhở."},
        "remediation": [{"uuid": f"r-{i['id']}", "checklist": slug, "item": i["id"],
                         "action": f"Khắc phục tồn tại tại nội dung {i['id']}",
                         "basis": i["basis"], "responsible": "Chủ tịch UBND xã",
                         "deadline": "2026-12-07"} for i in items if i["failed"]],
        "unit_opinion": "Đơn vị thống nhất với nội dung biên bản và cam kết khắc phục.",
    }


def nfd(value):
    """The same data with every string decomposed (as some phones and Macs type it)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFD", value)
    if isinstance(value, list):
        return [nfd(v) for v in value]
    if isinstance(value, dict):
        return {k: nfd(v) for k, v in value.items()}
    return value
