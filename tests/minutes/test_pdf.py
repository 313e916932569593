"""The minutes PDF: Vietnamese text that reads back exactly, the paper form's parts, fonts."""
import re
import subprocess
import unicodedata

from inspect_app.minutes.pdf import render_minutes_pdf
from inspect_app.minutes.pdf_blocks import verification

from . import records
from .conftest import pdftotext


def _text(made) -> str:
    return pdftotext(made.pdf)


def test_vietnamese_text_reads_back_exactly(make_minutes):
    made = make_minutes()
    text = _text(made)
    assert f"Số: {made.minutes.number}" in text and made.minutes.number.endswith("/BB-ĐKT")
    for expected in ("BIÊN BẢN KIỂM TRA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH MINH SƠN", "SỞ NỘI VỤ",
                     "Minh Sơn, ngày 22 tháng 11 năm 2026",
                     "Kiểm tra đột xuất về kỷ luật, kỷ cương hành chính tại", records.UNIT,
                     "Quyết định số 45/QĐ-SNV", "Kế hoạch số 12/KH-SNV",
                     "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA", "TRƯỞNG ĐOÀN KIỂM TRA",
                     records.LEAD, records.REP, "Trần Thị Bình, Chuyên viên – Thành viên",
                     "Đỗ Minh Châu, Chuyên viên – Thư ký"):
        assert expected in text, expected


def test_times_are_printed_in_vietnam_time(make_minutes):
    text = " ".join(_text(make_minutes()).split())
    # 01:15Z and 04:40Z on the record are 08:15 and 11:40 in Hà Nội.
    assert "vào hồi 08 giờ 15 phút, ngày 22 tháng 11 năm 2026" in text
    assert "kết thúc vào hồi 11 giờ 40 phút cùng ngày" in text
    assert "Chụp lúc: 08:20:13 22/11/2026 (giờ Việt Nam, UTC+7)" in text


def test_decomposed_input_prints_as_composed_text(make_minutes):
    made = make_minutes(nfd=True)
    assert unicodedata.normalize("NFD", records.UNIT) in str(made.record)
    text = _text(made)
    assert records.UNIT in text and records.ABSENTEE in text and "BIÊN BẢN KIỂM TRA" in text
    assert unicodedata.normalize("NFD", records.ABSENTEE) not in text


def test_findings_attendance_and_remediation_are_stated(make_minutes):
    text = " ".join(_text(make_minutes(findings=3, passed=4, unanswered=1)).split())
    assert "Đã kiểm tra 7/8 nội dung: đạt 4, chưa đạt 3, không áp dụng 0." in text
    assert "Nội dung kiểm tra số 3" in text and "(mức độ nhẹ; KL-03)" in text
    assert "Ghi nhận: Ghi nhận tại chỗ về nội dung 3." in text
    assert "Chưa kiểm tra: KL-08." in text
    assert "Tổng số cán bộ, công chức theo danh sách: 4; có mặt: 1; đi muộn: 1" in text
    assert records.ABSENTEE in text and "Vắng không phép" in text and "Vắng có phép" in text
    assert "Khắc phục tồn tại tại nội dung KL-01" in text and "Trước ngày 07/12/2026" in text
    assert "Ưu điểm" in text and "Tồn tại, hạn chế" in text and "Nguyên nhân" in text
    assert "Đơn vị thống nhất với nội dung biên bản" in text


def test_refusal_to_sign_is_printed_with_its_reason(make_minutes):
    text = " ".join(_text(make_minutes(refused=True)).split())
    assert f"Đại diện đơn vị được kiểm tra ({records.REP}) từ chối ký biên bản." in text
    assert "Lý do: Không đồng ý với kết luận về nội dung KL-02" in text
    assert "Không ký biên bản." in text


def test_photo_appendix_lists_each_photo_with_its_hash(make_minutes):
    made = make_minutes(photos=3)
    text = _text(made)
    assert "PHỤ LỤC: HÌNH ẢNH MINH CHỨNG" in text
    for photo in made.record["photos"]:
        sha = photo["sha256"]
        assert sha[:32] in text and sha[32:] in text
    assert "Ảnh hiện trường 1" in text and "(không có chú thích)" in text
    images = subprocess.run(["pdfimages", "-list", "-"], input=made.pdf, capture_output=True,
                            check=False)
    if images.returncode == 0:  # pdfimages cannot read stdin on every poppler version
        assert images.stdout.count(b"\n") >= 2 + 3


def test_pages_are_numbered_from_page_two_at_the_top(make_minutes):
    pages = pdftotext(make_minutes().pdf, "-layout").split("\f")
    assert len(pages) >= 3
    assert pages[0].strip().splitlines()[0].split()[0] != "1"
    for n, page in enumerate(pages[1:-1], 2):
        assert page.strip().splitlines()[0].strip() == str(n)


def test_short_link_and_qr_code_point_to_the_verify_page(make_minutes):
    made = make_minutes()
    text = _text(made)
    assert f"kiemtra.minhson.gov.vn/verify/{made.minutes.public_id}" in text
    assert made.meta["verify_url"] == (
        f"https://kiemtra.minhson.gov.vn/verify/{made.minutes.public_id}")
    drawing = verification(made.record, made.meta)[1]._content[0]._cellvalues[0][0]
    assert drawing.contents[0].value == made.meta["verify_url"]


def test_amendment_notice_names_the_amended_minutes(make_minutes):
    old = make_minutes()
    new = make_minutes(amends=old.minutes)
    text = " ".join(_text(new).split())
    assert f"Biên bản này sửa đổi, thay thế Biên bản kiểm tra số {old.minutes.number}" in text
    assert "Lý do sửa đổi: Bổ sung ý kiến của đơn vị" in text


def test_planned_visit_says_so(make_minutes):
    text = " ".join(_text(make_minutes(kind="planned")).split())
    assert "Kiểm tra về kỷ luật, kỷ cương hành chính" in text and "theo kế hoạch" in text


def test_every_font_is_embedded_liberation_serif(make_minutes):
    out = subprocess.run(["pdffonts", "-"], input=make_minutes().pdf, capture_output=True,
                         check=True).stdout.decode()
    rows = [line.split() for line in out.splitlines()[2:]]
    assert rows, out
    for row in rows:
        assert "LiberationSerif" in row[0], out
        emb = row[-5]
        assert emb == "yes", out


def test_page_is_a4_with_the_decree_margins(app, make_minutes):
    pdf = make_minutes().pdf
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    assert re.search(r"Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)", info), info
    words = pdftotext(pdf, "-bbox")
    left = min(float(x) for x in re.findall(r'xMin="([\d.]+)"', words))
    assert abs(left - 30 * 72 / 25.4) < 3  # 30 mm left margin


def test_render_is_plain_data_in_bytes_out(app, make_minutes):
    made = make_minutes(issue=False)
    with app.app_context():
        pdf = render_minutes_pdf(made.record, made.meta)
    assert pdf.startswith(b"%PDF-") and b"/Type /Sig" not in pdf


def test_a_marked_up_photo_stands_in_for_its_original_with_both_hashes(make_minutes):
    made = make_minutes(photos=3, markup=True)
    original, _, marked = (p["sha256"] for p in made.record["photos"])
    text = _text(made)
    flat = " ".join(text.split())
    assert f"SHA-256 ảnh gốc: {original[:32]} {original[32:]}" in flat
    assert f"SHA-256 ảnh đã đánh dấu: {marked[:32]} {marked[32:]}" in flat
    # Two rows in the appendix: the original is shown through its marked-up copy.
    assert flat.count("Chụp lúc:") == 2
