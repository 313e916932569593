"""Signature blocks, the QR code to the verification page, and the photo appendix."""
from reportlab.lib.units import mm
from reportlab.platypus import Image, PageBreak, Spacer, Table

from ..documents import form
from ..documents.styles import p, t
from . import labels as L
from .pdf_content import appendix_photos
from .pdf_sections import GRID, WIDTH

HEADINGS = {"unit_rep": "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA", "lead": "TRƯỞNG ĐOÀN KIỂM TRA",
            "secretary": "THƯ KÝ"}
HINTS = {"unit_rep": "(Ký, ghi rõ họ tên, đóng dấu)", "lead": "(Ký, ghi rõ họ tên)",
         "secretary": "(Ký, ghi rõ họ tên)"}


def _signer(role: str, sig: dict | None, image_path) -> form.Signer:
    """One block: heading, hint, title, the drawing or the refusal, the name, the time."""
    if sig is None:
        return form.Signer([HEADINGS[role]], None, HINTS[role])
    refused = sig.get("refused")
    drawn = sig.get("image_sha256") and not refused
    return form.Signer(
        [HEADINGS[role]], sig.get("full_name"), HINTS[role], title=sig.get("title"),
        image=image_path(sig["image_sha256"]) if drawn else None,
        refusal=(sig.get("refusal_reason") or "") if refused else None,
        notes=[f"Ký lúc {L.stamp(sig['signed_at'])}"] if sig.get("signed_at") and not refused
        else [])


def signatures(meta: dict, image_path) -> list:
    """The unit's representative left, the team lead right, the secretary below if any."""
    by_role = {s.get("role"): s for s in meta.get("signatures") or []}
    block = {role: form.signature_block(_signer(role, by_role.get(role), image_path))
             for role in HEADINGS}
    return form.signatures(block["unit_rep"], block["lead"],
                           block["secretary"] if "secretary" in by_role else None)


def verification(record: dict, meta: dict) -> list:
    """QR code and short link to the public verification page."""
    body = (record.get("body") or {}).get("name") or "cơ quan kiểm tra"
    return form.verification("biên bản", body, meta["verify_url"], meta.get("short_url"))


def _hashes(photo: dict) -> list:
    sha, original = photo["sha256"], photo.get("markup_of")
    if not original:
        return [p(f"SHA-256: {sha[:32]}<br/>{sha[32:]}", "small")]
    # Marked up on site: both files are evidence, the untouched original and the drawing on it.
    return [p(f"SHA-256 ảnh gốc: {original[:32]}<br/>{original[32:]}", "small"),
            p(f"SHA-256 ảnh đã đánh dấu: {sha[:32]}<br/>{sha[32:]}", "small")]


def appendix(record: dict, image_path) -> list:
    """Photo evidence: thumbnail, caption, item, capture time (UTC+7) and SHA-256."""
    photos = appendix_photos(record)
    if not photos:
        return []
    texts = {(c.get("slug"), i["id"]): i.get("text") for c in record.get("checklists") or []
             for s in c.get("sections") or [] for i in s.get("items") or []}
    data = [[p(h, "cell_head") for h in ("STT", "Ảnh", "Mô tả")]]
    for n, photo in enumerate(photos, 1):
        sha = photo["sha256"]
        about = [p(t(photo.get("caption")) or "<i>(không có chú thích)</i>", "cell")]
        if photo.get("item"):
            text = texts.get((photo.get("checklist"), photo["item"])) or ""
            about.append(p(f"Nội dung: <b>{t(photo['item'])}</b> {t(text)}", "cell"))
        about += [p(f"Chụp lúc: {L.stamp(photo.get('captured_at'))} (giờ Việt Nam, UTC+7)",
                    "cell"),
                  *_hashes(photo)]
        data.append([p(str(n), "cell_center"),
                     Image(str(image_path(sha)), 60 * mm, 45 * mm, kind="proportional"), about])
    table = Table(data, colWidths=[10 * mm, 64 * mm, WIDTH - 74 * mm], repeatRows=1)
    table.setStyle(GRID)
    return [PageBreak(), p("PHỤ LỤC: HÌNH ẢNH MINH CHỨNG", "title"),
            p("(Kèm theo biên bản kiểm tra; giờ chụp theo giờ Việt Nam)", "center_italic"),
            Spacer(1, 6), table]
