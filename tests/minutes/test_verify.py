"""verify_pdf: only our signature, intact, over the whole file, of issued minutes, is valid."""
import pytest

from inspect_app.minutes import signing, verify
from inspect_app.minutes.pdf import render_minutes_pdf, stored_image_path
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
        other = signing.sign_pdf(render_minutes_pdf(made.record, made.meta, stored_image_path),
                                 {"MINUTES_SIGNING_DIR": str(tmp_path)})
        verdict = verify_pdf(other)
    assert not verdict.ok and verify.NOT_TRUSTED in verdict.reasons


def test_signed_but_not_issued_is_invalid(app, make_minutes):
    made = make_minutes(issue=False)
    with app.app_context():
        pdf = signing.sign_pdf(render_minutes_pdf(made.record, made.meta, stored_image_path))
        verdict = verify_pdf(pdf)
    assert verdict.reasons == [verify.NOT_ISSUED]


def test_unsigned_pdf_is_invalid(app, make_minutes):
    made = make_minutes(issue=False)
    with app.app_context():
        verdict = verify_pdf(render_minutes_pdf(made.record, made.meta, stored_image_path))
    assert verify.NO_SIGNATURE in verdict.reasons and not verdict.ok


@pytest.mark.parametrize("data", [b"", b"hello", b"%PDF-1.7\n garbage \n%%EOF"])
def test_garbage_is_invalid_and_never_raises(app, data):
    with app.app_context():
        verdict = verify_pdf(data)
    assert not verdict.ok and verdict.reasons
