"""The remediation report ("báo cáo kết quả khắc phục"): sent by the unit head, issued as a PDF."""
import io
import re
import subprocess
import unicodedata

from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from inspect_app.org import roles
from inspect_app.remediation.models import RemediationReport

from ..photos.images import jpeg
from .conftest import pdftotext

ACTION_1 = "Niêm yết đầy đủ thủ tục hành chính tại Bộ phận Tiếp nhận và Trả kết quả"
ACTION_2 = "Chấn chỉnh việc đeo thẻ công chức trong giờ làm việc"
# Decomposed, as some phones type it: the PDF must print (and give back) the composed letters.
DONE_1 = unicodedata.normalize("NFD", "Đã cập nhật bảng niêm yết theo Quyết định mới nhất.")
DONE_2 = "Đã họp cơ quan, nhắc nhở toàn thể cán bộ, công chức."


def _report_item(client, item, text, photo=None):
    data = {"text": text}
    if photo is not None:
        data["photo"] = FileStorage(io.BytesIO(photo), filename="minh-chung.jpg")
    boundary, body = encode_multipart(data)
    resp = client.post(f"/remediation/items/{item.id}", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")
    assert resp.status_code == 302, resp.get_data(as_text=True)


def _flat(text: str) -> str:
    """pdftotext's layout as one line of words, so wrapped table cells read back whole."""
    return re.sub(r"\s+", " ", text)


def _send(client, **overrides):
    data = {"number": "15/BC-UBND", "signer_name": "Nguyễn Văn Hùng",
            "signer_title": "Chủ tịch UBND xã Tân Lập", "note": ""}
    data.update(overrides)
    return client.post("/remediation/reports/new", data=data)


def test_report_pdf_lists_each_item_with_its_action_and_photos(client, sign_in, unit_head,
                                                              make_item, make_minutes, login_as):
    first = make_item(unit_head.unit, action=ACTION_1)
    make_minutes(first.inspection, number="07/BB-ĐKT")  # the newer minutes of the inspection
    second = make_item(unit_head.unit, action=ACTION_2, inspection=first.inspection)
    untouched = make_item(unit_head.unit, action="Việc chưa làm xong")
    sign_in(unit_head)
    _report_item(client, first, DONE_1, jpeg(seed=11))
    _report_item(client, second, DONE_2, jpeg(seed=12))

    form = client.get("/remediation/reports/new").get_data(as_text=True)
    assert ACTION_1 in form and ACTION_2 in form and untouched.action not in form
    assert 'value="Nguyễn Văn Hùng"' in form
    resp = _send(client)
    assert resp.status_code == 302
    report = db.session.scalar(select(RemediationReport))
    assert [line.item_id for line in report.lines] == [first.id, second.id]
    assert len(report.lines[0].photo_sha256s) == 1

    pdf = client.get(f"/remediation/reports/{report.id}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = pdftotext(pdf.data)
    flat = _flat(text)
    for expected in ("ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP", "Số: 15/BC-UBND",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "BÁO CÁO", "Kết quả khắc phục tồn tại, hạn chế", "Kính gửi: Sở Nội vụ.",
                     # The minutes date from the day on site (02/03), not their issue (03/03).
                     "Căn cứ Biên bản kiểm tra số 07/BB-ĐKT ngày 02/03/2026 của Sở Nội vụ;",
                     "CHỦ TỊCH UBND XÃ TÂN LẬP", "Nguyễn Văn Hùng", "Nơi nhận:"):
        assert expected in text, expected
    for expected in (ACTION_1, ACTION_2, unicodedata.normalize("NFC", DONE_1), DONE_2,
                     "Thời hạn: 20/03/2026"):
        assert expected in flat, expected
    assert "Tân Lập, ngày" in text
    assert "Việc chưa làm xong" not in flat
    images = subprocess.run(["pdfimages", "-list", "-"], input=pdf.data, capture_output=True,
                            check=True).stdout.decode().splitlines()[2:]
    assert len(images) == 2
    fonts = subprocess.run(["pdffonts", "-"], input=pdf.data, capture_output=True,
                           check=True).stdout.decode()
    assert "Helvetica" not in fonts  # every font embedded, none without Vietnamese letters

    audit = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "remediation.report_sent"))
    assert audit.details["items"] == [first.id, second.id]
    index = client.get("/remediation/").get_data(as_text=True)
    assert f"/remediation/reports/{report.id}.pdf" in index

    # The office reads the same file.
    login_as(roles.VIEWER)
    assert client.get(f"/remediation/reports/{report.id}.pdf").data == pdf.data
    office = client.get(f"/remediation/office/units/{unit_head.unit_id}").get_data(as_text=True)
    assert f"/remediation/reports/{report.id}.pdf" in office


def test_a_report_covers_only_what_no_earlier_report_covered(client, sign_in, unit_head,
                                                            make_item):
    item = make_item(unit_head.unit, action=ACTION_1)
    sign_in(unit_head)
    resp = _send(client)
    assert resp.status_code == 400
    assert "Chưa có yêu cầu nào đã báo cáo khắc phục" in resp.get_data(as_text=True)
    _report_item(client, item, "Lần đầu")
    assert _send(client).status_code == 302
    assert _send(client).status_code == 400  # nothing new
    _report_item(client, item, "Bổ sung thêm")  # reported again: the next report covers it
    assert _send(client, number="").status_code == 302
    first, second = db.session.scalars(select(RemediationReport).order_by(RemediationReport.id))
    assert [line.report_text for line in second.lines] == ["Bổ sung thêm"]
    assert first.lines[0].report_text == "Lần đầu"  # what was sent stays as sent
    text = pdftotext(client.get(f"/remediation/reports/{second.id}.pdf").data)
    assert "Số:" in text and "/BC" in text and "Không kèm ảnh" in text


def test_signer_name_is_required(client, sign_in, unit_head, make_item):
    item = make_item(unit_head.unit)
    sign_in(unit_head)
    _report_item(client, item, "Đã làm")
    resp = _send(client, signer_name="")
    assert resp.status_code == 400 and db.session.scalar(select(RemediationReport)) is None
