"""The office signs issued minutes (PAdES); production never falls back to a test certificate."""
import os
import stat
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from inspect_app import create_app
from inspect_app.minutes import signing
from inspect_app.minutes.pdf import render_minutes_pdf

from .conftest import tamper


def pdfsig(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True,
                          check=False).stdout


def make_pkcs12(tmp_path, passphrase: bytes, cn="Sở Nội vụ tỉnh Minh Sơn") -> str:
    """A PKCS#12 file as an office's certificate authority would hand it over."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(key, hashes.SHA256()))
    data = pkcs12.serialize_key_and_certificates(
        b"office", key, cert, None, serialization.BestAvailableEncryption(passphrase))
    path = tmp_path / "office.p12"
    path.write_bytes(data)
    return str(path)


def test_issued_pdf_has_a_valid_pades_signature_by_pdfsig(make_minutes, tmp_path):
    out = pdfsig(make_minutes().pdf, tmp_path)
    assert "Signature is Valid" in out, out
    assert "Total document signed" in out, out
    assert "ETSI.CAdES.detached" in out, out
    assert "Sở Nội vụ (chứng thư thử nghiệm)" in out, out


def test_one_changed_byte_breaks_the_signature_for_pdfsig(make_minutes, tmp_path):
    assert "Signature is Valid" not in pdfsig(tamper(make_minutes().pdf), tmp_path)


def test_development_key_is_private_to_the_server(app, make_minutes):
    pdf = make_minutes().pdf
    folder = app.config["MINUTES_SIGNING_DIR"]
    key_path = Path(folder) / "key.pem"
    assert stat.S_IMODE(os.stat(key_path).st_mode) == 0o600
    key = serialization.load_pem_private_key(key_path.read_bytes(), None)
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    assert der[-64:] not in pdf
    with app.app_context():
        assert signing.office_certificate().development


def test_production_signs_with_the_pkcs12_certificate(app, make_minutes, tmp_path):
    made = make_minutes(issue=False)
    config = {"INSPECT_ENV": "production", "MINUTES_PKCS12": make_pkcs12(tmp_path, b"bi-mat"),
              "MINUTES_PKCS12_PASSPHRASE": "bi-mat"}
    with app.app_context():
        pdf = signing.sign_pdf(render_minutes_pdf(made.record, made.meta),
                               config)
    out = pdfsig(pdf, tmp_path)
    assert "Signature is Valid" in out and "Sở Nội vụ tỉnh Minh Sơn" in out, out


PRODUCTION = {"INSPECT_ENV": "production", "SECRET_KEY": "shared-by-every-host",
              "PUBLIC_BASE_URL": "https://kiemtra.example.vn"}


def test_production_without_a_certificate_refuses_to_start(tmp_path):
    with pytest.raises(signing.SigningNotConfigured, match="MINUTES_PKCS12"):
        create_app({**PRODUCTION, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                    "MINUTES_PKCS12": None, "MINUTES_SIGNING_DIR": str(tmp_path)})
    assert not (tmp_path / "cert.pem").exists()


def test_production_with_a_wrong_passphrase_refuses_to_start(tmp_path):
    p12 = make_pkcs12(tmp_path, b"dung")
    with pytest.raises(signing.SigningNotConfigured, match="MINUTES_PKCS12_PASSPHRASE"):
        create_app({**PRODUCTION, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                    "MINUTES_PKCS12": p12, "MINUTES_PKCS12_PASSPHRASE": "sai"})


def test_signing_refuses_when_production_is_switched_on_later(app):
    with app.app_context(), pytest.raises(signing.SigningNotConfigured):
        signing.sign_pdf(b"%PDF-1.4", {"INSPECT_ENV": "production"})
