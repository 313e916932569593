"""The documents of an inspection's chain, issued by the office: each numbered in the register,
printed as an official writes it, signed and verifiable; what cannot be issued is refused in
Vietnamese and changes nothing; a unit head never sees a surprise round's plan before the visit."""
import itertools
import subprocess
import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from inspect_app.checklists.models import Checklist, ChecklistVersion
from inspect_app.documents import chain, issuing
from inspect_app.documents.models import OfficeDocument, OfficeSettings, RegisteredDocument
from inspect_app.errors import Refused
from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.minutes.models import Minutes
from inspect_app.minutes.verify import verify_pdf
from inspect_app.org import roles
from inspect_app.remediation import operations, reports
from inspect_app.remediation.models import RemediationItem

from ..inspections.conftest import sign_in
from ..minutes.conftest import pdftotext

ON = date(2026, 11, 25)
SLUGS = itertools.count(1)


@pytest.fixture
def office(make_unit):
    province = make_unit(name="Tỉnh Minh Sơn", kind="province")
    sno = make_unit(name="Sở Nội vụ tỉnh Minh Sơn", kind="office", parent=province,
                    abbreviation="SNV")
    db.session.add(OfficeSettings(office_unit_id=sno.id, symbols={}, signer_name="Đỗ Quang Vinh",
                                  signer_title="Giám đốc", report_days=15))
    db.session.commit()
    return sno


@pytest.fixture
def make_round(make_unit, make_team, make_user, office):
    def make(kind="surprise", checklists=True, units=None):
        checklist = Checklist(slug=f"kl-{next(SLUGS)}", title="Kỷ luật, kỷ cương hành chính")
        checklist.versions.append(ChecklistVersion(version=1, content_hash="0" * 64, definition={
            "slug": checklist.slug, "title": checklist.title, "sections": []}))
        lead = make_user(roles.LEAD, full_name="Trần Văn Khải", position="Phó Giám đốc Sở")
        team = make_team(lead=lead, members=[make_user(roles.INSPECTOR, full_name="Lê Thị Hà")],
                         office=office)
        rnd = Round(name="Kiểm tra đột xuất kỷ luật, kỷ cương quý IV/2026", kind=kind,
                    office=office, team=team, period_start=date(2026, 12, 7),
                    period_end=date(2026, 12, 18), units=units or [make_unit(name="Xã Tân Lập")],
                    checklists=[checklist] if checklists else [])
        db.session.add(rnd)
        db.session.commit()
        return rnd
    return make


def _text(doc: OfficeDocument) -> str:
    return " ".join(pdftotext(issuing.pdf_of(doc)).split())


def _counts():
    return (db.session.scalar(select(func.count(OfficeDocument.id))),
            db.session.scalar(select(func.count(RegisteredDocument.id))))


def test_a_plan_and_its_decision_are_numbered_signed_and_cite_each_other(app, make_round):
    rnd = make_round()
    plan = chain.issue("plan", rnd, None, ON)
    decision = chain.issue("decision", rnd, None, ON)
    assert (plan.number, decision.number) == ("01/KH-SNV", "01/QĐ-SNV")
    text = _text(plan)
    assert "KẾ HOẠCH" in text and "Số: 01/KH-SNV" in text and "ngày 25 tháng 11 năm 2026" in text
    assert "Hình thức kiểm tra: kiểm tra đột xuất, không thông báo trước" in text
    assert "Tân Lập" not in text  # a surprise plan names no unit
    text = _text(decision)
    assert "Căn cứ Kế hoạch số 01/KH-SNV ngày 25/11/2026 của Sở Nội vụ tỉnh Minh Sơn;" in text
    assert "Ông (bà) Trần Văn Khải, Phó Giám đốc Sở – Trưởng đoàn;" in text
    assert "GIÁM ĐỐC SỞ NỘI VỤ" in text and "Đỗ Quang Vinh" in text
    for doc in (plan, decision):
        verdict = verify_pdf(issuing.pdf_of(doc))
        assert verdict.ok and verdict.document.id == doc.id, verdict.reasons
        register = db.session.scalar(select(RegisteredDocument).where(
            RegisteredDocument.ref == doc.chain_key))
        assert register.number == doc.number and register.kind == doc.kind


def test_the_qr_page_of_an_issued_document_names_both_signers(app, client, make_round):
    rnd = make_round()
    plan = chain.issue("plan", rnd, None, ON)
    assert ("Kế hoạch này được ký số bởi Đỗ Quang Vinh và Sở Nội vụ tỉnh Minh Sơn" in _text(plan))
    page = client.get(f"/verify/{plan.public_id}")  # no login: whoever scans the QR code
    html = " ".join(page.get_data(as_text=True).split())
    assert page.status_code == 200 and "Số, ngày</dt><dd>01/KH-SNV, ngày 25/11/2026" in html
    assert "Người có thẩm quyền ký: <strong>Người có thẩm quyền (chứng thư thử nghiệm)" in html
    assert "Cơ quan ban hành: <strong>Sở Nội vụ (chứng thư thử nghiệm), Sở Nội vụ" in html
    assert html.count('class="ok">hợp lệ<') == 2 and "Common Name" not in html


def test_the_qr_page_after_the_office_certificate_changed_says_so_instead_of_no_signer(
        app, client, make_round, monkeypatch, tmp_path):
    plan = chain.issue("plan", make_round(), None, ON)
    monkeypatch.setitem(app.config, "MINUTES_SIGNING_DIR", str(tmp_path / "renewed"))
    html = " ".join(client.get(f"/verify/{plan.public_id}").get_data(as_text=True).split())
    assert "01/KH-SNV, ngày 25/11/2026" in html
    assert "không kiểm tra được bằng chứng thư số hiện tại của cơ quan" in html
    assert '<ol class="signatures">' not in html


def test_pdfsig_reads_the_office_signature_of_a_notice(app, make_round, make_minutes, tmp_path):
    made = make_minutes()
    notice = chain.issue("notice", made.minutes, None, ON)
    path = tmp_path / "notice.pdf"
    path.write_bytes(issuing.pdf_of(notice))
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    assert "Signature #1" in out.stdout and "Signature is Valid" in out.stdout, out.stdout


def test_the_notice_starts_the_units_clock_and_lists_what_the_minutes_asked(app, make_minutes):
    made = make_minutes()
    notice = chain.issue("notice", made.minutes, None, ON)
    assert notice.report_due == date(2026, 12, 10)  # 15 days, the office's setting
    text = _text(notice)
    assert "THÔNG BÁO" in text and "Kết luận kiểm tra đột xuất" in text
    assert f"Biên bản kiểm tra số {made.minutes.number}" in text
    for request in made.record["remediation"]:
        assert request["action"].split(".")[0][:40] in text
    assert "trước ngày 10/12/2026 (15 ngày kể từ ngày ban hành Thông báo này)" in text


def test_a_notice_needs_issued_minutes_and_is_issued_once(app, make_minutes):
    unsigned = make_minutes(issue=False).minutes
    before = _counts()
    with pytest.raises(Refused, match="Biên bản chưa được ký và ban hành"):
        chain.issue("notice", unsigned, None, ON)
    assert _counts() == before
    issued = make_minutes().minutes
    first = chain.issue("notice", issued, None, ON)
    before = _counts()
    with pytest.raises(Refused, match=f"đã được ban hành \\(số {first.number}"):
        chain.issue("notice", issued, None, ON)
    assert _counts() == before


def test_a_plan_with_no_checklist_is_refused_in_vietnamese_over_http(app, client, make_round,
                                                                     make_user):
    rnd = make_round(checklists=False)
    sign_in(client, make_user(roles.ADMIN))
    before = _counts()
    resp = client.post(f"/office/documents/plan/{rnd.id}")
    assert resp.status_code == 409
    assert "chưa có bộ phiếu kiểm tra" in resp.get_data(as_text=True)
    assert _counts() == before
    resp = client.post(f"/office/documents/decision/{rnd.id}", headers={"Accept": "application/json"})
    assert resp.status_code == 409


def test_only_the_office_issues_and_the_draft_has_no_number(app, client, make_round, make_user):
    rnd = make_round()
    sign_in(client, make_user(roles.LEAD))
    assert client.post(f"/office/documents/plan/{rnd.id}").status_code == 403
    sign_in(client, make_user(roles.ADMIN))
    draft = client.get(f"/office/documents/plan/{rnd.id}/draft.pdf")
    text = " ".join(pdftotext(draft.get_data()).split())
    assert draft.status_code == 200 and "Dự thảo, chưa ban hành" in text and "01/KH" not in text
    resp = client.post(f"/office/documents/plan/{rnd.id}")
    assert resp.status_code == 302
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "Kế hoạch kiểm tra số 01/KH-SNV" in page and "Chuỗi văn bản" in page


def test_a_unit_head_sees_a_surprise_plan_only_after_the_visit(app, client, make_round,
                                                               make_minutes, make_user, make_unit):
    unit = make_unit(name="Xã Tân Lập")
    rnd = make_round(units=[unit])
    plan = chain.issue("plan", rnd, None, ON)
    head = make_user(roles.UNIT_HEAD, unit=unit)
    sign_in(client, head)
    assert client.get(f"/documents/{plan.public_id}").status_code == 404
    assert client.get(f"/documents/{plan.public_id}.pdf").status_code == 404
    made = make_minutes(unit=unit, team=rnd.team)
    made.minutes.inspection.round = rnd
    db.session.commit()
    assert client.get(f"/documents/{plan.public_id}").status_code == 200
    notice = chain.issue("notice", made.minutes, None, ON)
    assert client.get(f"/documents/{notice.public_id}.pdf").status_code == 200
    # Their list of remediation items shows the notice and the day their report is due.
    db.session.add(RemediationItem(uuid="5d1c0f7a-3b2e-4c8d-9a61-7e2f4b8c0d99", unit=unit,
                                   inspection=made.minutes.inspection, action="Niêm yết lại",
                                   deadline=date(2026, 12, 20)))
    db.session.commit()
    html = " ".join(client.get("/remediation/").get_data(as_text=True).split())
    assert f"số {notice.number} ngày 25/11/2026</a>: báo cáo kết quả khắc phục <strong>trước " \
           "ngày 10/12/2026</strong>" in html
    other = make_user(roles.UNIT_HEAD, unit=make_unit(name="Xã Khác"))
    sign_in(client, other)
    assert client.get(f"/documents/{notice.public_id}").status_code == 404


def test_two_notices_issued_at_once_take_consecutive_numbers(app, make_minutes):
    ids = [make_minutes().minutes.id for _ in range(2)] * 2  # each minutes twice at once
    numbers, refusals, errors = [], [], []

    def issue(minutes_id):
        with app.test_request_context("/", method="POST"):
            try:
                numbers.append(chain.issue("notice", db.session.get(Minutes, minutes_id), None,
                                           ON).number)
            except Refused as err:
                refusals.append(err.reason)
            except Exception as err:  # noqa: BLE001  reported below, not swallowed
                errors.append(err)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=issue, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == ["01/TB", "02/TB"]  # minutes of a team without an office
    assert len(refusals) == 2 and all("đã được ban hành" in r for r in refusals)
    db.session.remove()  # read what the threads committed
    assert db.session.scalar(select(func.count(RegisteredDocument.id))) == 2


def test_a_planned_round_names_its_units_and_a_round_without_units_is_refused(app, make_round,
                                                                              make_unit):
    rnd = make_round(kind="planned", units=[make_unit(name="Xã Tân Lập"),
                                            make_unit(name="Phường Minh Khai", kind="ward")])
    text = _text(chain.issue("plan", rnd, None, ON))
    assert "Đối tượng kiểm tra: Ủy ban nhân dân phường Minh Khai, xã Tân Lập." in text
    assert "Hình thức kiểm tra: kiểm tra theo kế hoạch;" in text
    empty = make_round(kind="planned")
    empty.units = []
    db.session.commit()
    with pytest.raises(Refused, match="chưa có đơn vị nào"):
        chain.issue("plan", empty, None, ON)


def test_a_notice_chain_runs_on_to_the_units_report_and_its_verification(app, client, make_round,
                                                                         make_minutes, make_user,
                                                                         make_unit):
    unit = make_unit(name="Xã Tân Lập")
    rnd = make_round(units=[unit])
    made = make_minutes(unit=unit, team=rnd.team)
    made.minutes.inspection.round = rnd
    items = [RemediationItem(uuid=f"5d1c0f7a-3b2e-4c8d-9a61-7e2f4b8c0d{n:02}", unit=unit,
                             inspection=made.minutes.inspection, action=f"Việc {n}",
                             deadline=date(2026, 12, 20)) for n in (1, 2)]
    db.session.add_all(items)
    db.session.commit()
    notice = chain.issue("notice", made.minutes, None, ON)
    head = make_user(roles.UNIT_HEAD, unit=unit)
    admin = make_user(roles.ADMIN)

    def chain_text(user):
        sign_in(client, user)
        return " ".join(client.get(f"/documents/{notice.public_id}").get_data(as_text=True)
                        .split())

    assert "Báo cáo kết quả khắc phục</strong>: <span class=\"muted\">đơn vị chưa gửi" \
        in chain_text(admin)
    for item in items:
        operations.report_item(head, item, "Đã niêm yết lại bộ thủ tục mới.")
    sent = reports.send_report(head, "12/BC-UBND", "Phạm Thị Lan", "Chủ tịch", None)
    operations.verify_item(admin, items[0])
    text = chain_text(admin)
    assert f'<a href="/remediation/reports/{sent.id}.pdf">số 12/BC-UBND, ngày' in text
    assert (f'Xác minh kết quả khắc phục</strong>: <a href="/remediation/office/units/{unit.id}">'
            "1/2 yêu cầu đã xác minh, ngày") in text
    # The unit head follows the same chain to their own report and their own list.
    text = chain_text(head)
    assert f'<a href="/remediation/reports/{sent.id}.pdf">số 12/BC-UBND' in text
    assert '<a href="/remediation/">1/2 yêu cầu đã xác minh' in text
    assert client.get(f"/remediation/reports/{sent.id}.pdf").status_code == 200
