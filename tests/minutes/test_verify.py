"""verify_pdf: only our signature, intact, over the whole file, of issued minutes, is valid."""
import pytest

from inspect_app.minutes import signing, verify
from inspect_app.minutes.pdf import render_minutes_pdf
from inspect_app.minutes.verify import verify_pdf

from .conftest import tamper


def test_issued_minutes_verify_and_are_found(app, make_minutes):
    made = make_minutes()
    with app.app_context():
        verdict = verify_pdf(made.pdf)
        assert verdict.ok, verdict.reasons
        assert verdict.reasons == []
        assert verdict.minutes.public_id == made.minutes.public_id
        assert verdict.pdf_sha256 == made.minutes.pdf_sha256
        assert "Sở Nội vụ (chứng thư thử nghiệm)" in verdict.signer
        assert verdict.signed_at is not None


def test_one_changed_byte_is_invalid_with_a_reason(app, make_minutes):
    with app.app_context():
        verdict = verify_pdf(tamper(make_minutes().pdf))
    assert not verdict.ok
    assert verdict.minutes is None
    assert verify.NOT_ISSUED in verdict.reasons
    assert any(r in verdict.reasons for r in (verify.NOT_INTACT, verify.NOT_VALID)) or any(
        r.startswith("Không kiểm tra được chữ ký số") for r in verdict.reasons), verdict.reasons


def test_bytes_appended_after_signing_are_invalid(app, make_minutes):
    made = make_minutes()
    # An incremental update that changes nothing visible is still not the issued file.
    pdf = made.pdf + b"\n1 0 obj\n<< >>\nendobj\n"
    with app.app_context():
        verdict = verify_pdf(pdf)
    assert not verdict.ok and verify.NOT_ISSUED in verdict.reasons


def test_a_signature_of_another_certificate_is_not_trusted(app, make_minutes, tmp_path):
    made = make_minutes(issue=False)
    with app.app_context():
        other = signing.sign_pdf(render_minutes_pdf(made.record, made.meta),
                                 {"MINUTES_SIGNING_DIR": str(tmp_path)})
        verdict = verify_pdf(other)
    assert not verdict.ok and verify.NOT_TRUSTED in verdict.reasons


def test_signed_but_not_issued_is_invalid(app, make_minutes):
    made = make_minutes(issue=False)
    with app.app_context():
        pdf = signing.sign_pdf(render_minutes_pdf(made.record, made.meta))
        verdict = verify_pdf(pdf)
    assert verdict.reasons == [verify.NOT_ISSUED]


def test_unsigned_pdf_is_invalid(app, make_minutes):
    made = make_minutes(issue=False)
    with app.app_context():
        verdict = verify_pdf(render_minutes_pdf(made.record, made.meta))
    assert verify.NO_SIGNATURE in verdict.reasons and not verdict.ok


@pytest.mark.parametrize("data", [b"", b"hello", b"%PDF-1.7\n garbage \n%%EOF"])
def test_garbage_is_invalid_and_never_raises(app, data):
    with app.app_context():
        verdict = verify_pdf(data)
    assert not verdict.ok and verdict.reasons


def _pyhanko_status(pdf: bytes, app):
    """pyHanko's own verdict on the file, with the office certificate as the only trust root."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from inspect_app.minutes import aio

    sig = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures[-1]
    context = ValidationContext(trust_roots=[signing.office_certificate().cert])
    # aio.run: the browser tests' Playwright may hold a running loop in this thread.
    return aio.run(async_validate_pdf_signature(sig, context))


INTERNAL = ("Error", "Exception", "EOF marker", "Assertion", "Traceback")


def test_a_file_signed_by_the_office_then_altered_says_so_not_someone_else(app, make_minutes):
    made = make_minutes()
    with app.app_context():
        altered = tamper(made.pdf)
        assert not _pyhanko_status(altered, app).intact  # really altered, says pyHanko
        verdict = verify_pdf(altered)
    assert verify.NOT_INTACT in verdict.reasons
    assert verify.NOT_TRUSTED not in verdict.reasons
    assert not [r for r in verdict.reasons for word in INTERNAL if word in r]


def test_a_file_signed_by_someone_else_says_so(app, make_minutes, tmp_path):
    made = make_minutes(issue=False)
    with app.app_context():
        other = signing.sign_pdf(render_minutes_pdf(made.record, made.meta),
                                 {"MINUTES_SIGNING_DIR": str(tmp_path)})
        assert _pyhanko_status(other, app).intact  # a sound signature, only not ours
        verdict = verify_pdf(other)
    assert verdict.reasons == [verify.NOT_TRUSTED, verify.NOT_ISSUED]
    assert "ký bởi người khác" in verify.NOT_TRUSTED


@pytest.mark.parametrize("cut", [lambda pdf: pdf[:-200], lambda pdf: pdf[:len(pdf) // 2],
                                 lambda pdf: pdf.replace(b"%%EOF", b"%%EOX")])
def test_a_damaged_pdf_is_named_in_vietnamese_without_internal_errors(app, make_minutes, cut):
    made = make_minutes()
    with app.app_context():
        verdict = verify_pdf(cut(made.pdf))
    assert not verdict.ok
    assert verdict.reasons[0] in (verify.DAMAGED_PDF, verify.UNCHECKABLE, verify.NOT_INTACT)
    assert not [r for r in verdict.reasons for word in INTERNAL if word in r], verdict.reasons


def test_something_else_than_a_pdf_is_named(app):
    with app.app_context():
        assert verify_pdf(b"\x89PNG\r\n\x1a\n").reasons == [verify.NOT_PDF]
