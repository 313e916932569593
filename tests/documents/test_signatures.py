"""Issued documents carry two signatures (Nghị định 30/2020): the person with authority's, with
their signature image between title and name, then the office's, its red seal over the left
third of that signature. pyHanko and poppler's pdfsig both check them; /verify lists both."""
import io
import subprocess
from datetime import date

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import select

from inspect_app.documents import certificates, form, issuing, signing
from inspect_app.documents.cli import group as documents_cli
from inspect_app.documents.kinds import KINDS
from inspect_app.documents.models import OfficeDocument
from inspect_app.documents.signers_cli import group as signers_cli
from inspect_app.documents.styles import p
from inspect_app.extensions import db
from inspect_app.minutes import aio, verify

from .signer_files import SOFTHSM_MODULE, make_pkcs12, make_token

PERSON, OFFICE = certificates.ROLES["person"][0], certificates.ROLES["office"][0]


def pdfsig(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True,
                          check=False).stdout


def printed() -> tuple[bytes, form.SignatureSpot]:
    """A one-page document with the authority's signature block, as every kind ends."""
    spot = form.SignatureSpot()
    block = form.signature_block(form.Signer(["GIÁM ĐỐC"], "Đỗ Quang Vinh", spot=spot))
    story = [p("THÔNG BÁO", "title"), *form.signatures(None, block)]
    return form.build(story, title="Thông báo", author="Sở Nội vụ tỉnh Minh Sơn"), spot


def signed(config=None) -> bytes:
    pdf, spot = printed()
    return signing.sign_issued(pdf, spot, signer_name="Đỗ Quang Vinh",
                               seal_outer="UBND tỉnh Minh Sơn", seal_inner="Sở Nội vụ",
                               config=config)


def rects(pdf: bytes) -> dict:
    """Each signature field's widget rectangle, by field name."""
    reader = PdfFileReader(io.BytesIO(pdf))
    return {s.field_name: [float(v) for v in s.sig_field["/Rect"]]
            for s in reader.embedded_signatures}


def assert_seal_over_left_third(pdf: bytes) -> None:
    found = rects(pdf)
    px1, py1, px2, py2 = found[signing.PERSON_FIELD]
    sx1, sy1, sx2, sy2 = found[signing.OFFICE_FIELD]
    third = px1 + (px2 - px1) / 3
    assert abs(sx2 - third) < 1, (found, third)  # the seal ends a third into the signature
    assert sx1 < px1 < sx2  # …and starts left of it
    assert sy1 < py1 and sy2 > py2  # a seal is taller than the signature it covers
    assert abs((sy1 + sy2) / 2 - (py1 + py2) / 2) < 1


def pyhanko_bottom_lines(pdf: bytes) -> list[tuple[str, bool]]:
    reader = PdfFileReader(io.BytesIO(pdf))
    context = ValidationContext(trust_roots=certificates.trust_roots())
    # Through the app's aio.run: Playwright's sync API (browser tests, same process) leaves an
    # event loop running, where pyHanko's synchronous wrapper cannot start its own.
    return [(s.field_name, aio.run(async_validate_pdf_signature(s, context)).bottom_line)
            for s in reader.embedded_signatures]


def test_demo_issues_every_kind_signed_by_the_person_then_the_office(app, tmp_path, monkeypatch):
    from inspect_app.demo import seed

    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://kiemtra.minhson.gov.vn")
    runner = app.test_cli_runner()
    with app.app_context():
        seed.seed(app.config["CHECKLIST_DIR"], today=date(2026, 12, 4))
        for kind in KINDS:
            doc = db.session.scalars(select(OfficeDocument).where(OfficeDocument.kind == kind)
                                     .order_by(OfficeDocument.id)).first()
            pdf = issuing.pdf_of(doc)
            assert pyhanko_bottom_lines(pdf) == [(signing.PERSON_FIELD, True),
                                                 (signing.OFFICE_FIELD, True)], kind
            out = pdfsig(pdf, tmp_path)
            assert out.count("Signature is Valid") == 2, (kind, out)
            assert "Signature #2" in out and "Signature #3" not in out, (kind, out)
            assert "Người có thẩm quyền (chứng thư thử nghiệm)" in out, out
            assert "Sở Nội vụ (chứng thư thử nghiệm)" in out, out
            assert_seal_over_left_third(pdf)
            verdict = verify.verify_pdf(pdf)
            assert verdict.ok and verdict.document.id == doc.id, (kind, verdict.reasons)
            assert [(s.role, s.valid) for s in verdict.signatures] == [(PERSON, True),
                                                                       (OFFICE, True)]
    (tmp_path / "doc.pdf").write_bytes(pdf)
    result = runner.invoke(documents_cli, ["verify", str(tmp_path / "doc.pdf")])
    assert result.exit_code == 0, result.output
    assert "Chữ ký số 1: " in result.output and f"({PERSON}): hợp lệ" in result.output
    assert "Chữ ký số 2: " in result.output and f"({OFFICE}): hợp lệ" in result.output


def test_the_seal_covers_the_left_third_of_the_personal_signature(app):
    with app.app_context():
        assert_seal_over_left_third(signed())


def test_a_signature_by_an_unknown_person_is_listed_as_invalid(app, tmp_path):
    config = {**app.config, "DOCUMENT_PERSON_P12": make_pkcs12(tmp_path, "Kẻ Mạo Danh", b"x"),
              "DOCUMENT_PERSON_P12_PASSPHRASE": "x"}
    with app.app_context():
        verdict = verify.verify_pdf(signed(config))
    assert verify.PERSON_NOT_VALID in verdict.reasons
    assert [(s.name, s.role, s.valid) for s in verdict.signatures][0] == (
        "Kẻ Mạo Danh", PERSON, False)
    assert verdict.signatures[1].valid  # the office's own signature is sound


def test_a_third_signature_is_refused(app):
    with app.app_context(), certificates.certificate("office").open() as office:
        third = aio.run(signers.async_sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(signed())),
            signers.PdfSignatureMetadata(field_name="ChuKyThem"), signer=office)).getvalue()
        verdict = verify.verify_pdf(third)
    assert verify.MANY in verdict.reasons and not verdict.ok


def test_verify_page_lists_both_signers(app, client):
    with app.app_context():
        pdf = signed()
    resp = client.post("/verify", data={"pdf": (io.BytesIO(pdf), "van-ban.pdf")},
                       content_type="multipart/form-data")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "Chữ ký số trong tệp" in html
    assert "Người có thẩm quyền (chứng thư thử nghiệm)" in html and PERSON in html
    assert "Sở Nội vụ (chứng thư thử nghiệm)" in html and OFFICE in html
    assert html.count(">hợp lệ<") == 2  # both sound; only the register lacks this test file


def test_a_key_on_a_pkcs11_token_signs(app, tmp_path, monkeypatch):
    """SoftHSM2 as a real token: its own configuration, a key and certificate imported with
    pkcs11-tool; the person signs from it, the office from its file; both verify."""
    env = make_token(tmp_path, "so-noi-vu", "123456", "giam-doc", "Đỗ Quang Vinh")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for name, value in {"PKCS11_MODULE": SOFTHSM_MODULE, "PKCS11_TOKEN": "so-noi-vu",
                        "PKCS11_PIN": "123456", "PKCS11_KEY_LABEL": "giam-doc"}.items():
        monkeypatch.setitem(app.config, f"DOCUMENT_PERSON_{name}", value)
    with app.app_context():
        assert certificates.check("person").source.startswith("PKCS#11 token so-noi-vu")
        pdf = signed()
        assert pyhanko_bottom_lines(pdf) == [(signing.PERSON_FIELD, True),
                                             (signing.OFFICE_FIELD, True)]
        verdict = verify.verify_pdf(pdf)
    assert verdict.reasons == [verify.NOT_ISSUED]  # signatures sound; a test file, not issued
    assert [(s.name, s.valid) for s in verdict.signatures] == [
        ("Đỗ Quang Vinh", True), ("Sở Nội vụ (chứng thư thử nghiệm), Sở Nội vụ", True)]
    out = pdfsig(pdf, tmp_path)
    assert out.count("Signature is Valid") == 2 and "Đỗ Quang Vinh" in out, out
    monkeypatch.setitem(app.config, "DOCUMENT_PERSON_PKCS11_PIN", "000000")
    result = app.test_cli_runner().invoke(signers_cli, ["check"])
    assert result.exit_code == 1
    assert "person: LỖI: cannot open PKCS#11 token so-noi-vu" in result.output


def test_signers_list_and_check_name_each_signer(app):
    runner = app.test_cli_runner()
    listed = runner.invoke(signers_cli, ["list"])
    assert listed.exit_code == 0, listed.output
    assert "office\tCơ quan ban hành\tCommon Name: Sở Nội vụ (chứng thư thử nghiệm)" in (
        listed.output)
    assert "person\tNgười có thẩm quyền ký\t" in listed.output
    checked = runner.invoke(signers_cli, ["check"])
    assert checked.exit_code == 0, checked.output
    assert "office: ký được" in checked.output and "person: ký được" in checked.output


@pytest.mark.parametrize("setting, expected", [
    ("wrong passphrase", "DOCUMENT_PERSON_P12: cannot open"),
    ("expired", "expired on"),
    ("missing", "cannot read"),
])
def test_signers_check_explains_what_is_wrong(app, tmp_path, monkeypatch, setting, expected):
    path = make_pkcs12(tmp_path, "Đỗ Quang Vinh", b"dung", days=-1 if setting == "expired" else 30)
    monkeypatch.setitem(app.config, "DOCUMENT_PERSON_P12",
                        str(tmp_path / "none.p12") if setting == "missing" else path)
    monkeypatch.setitem(app.config, "DOCUMENT_PERSON_P12_PASSPHRASE",
                        "sai" if setting == "wrong passphrase" else "dung")
    result = app.test_cli_runner().invoke(signers_cli, ["check"])
    assert result.exit_code == 1
    assert "office: ký được" in result.output
    assert "person: LỖI: " in result.output and expected in result.output, result.output
