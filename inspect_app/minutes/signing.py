"""The office's signature on issued minutes. Certificates and signing live in
`documents.certificates` and `documents.signing` (one place for every document); these are the
names the minutes have always used."""
from pathlib import Path

from ..documents import certificates
from ..documents.certificates import SignerCertificate, SigningNotConfigured
from ..documents.signing import OFFICE_FIELD as FIELD_NAME
from ..documents.signing import sign_by_office

__all__ = ["FIELD_NAME", "SignerCertificate", "SigningNotConfigured", "init_app",
           "office_certificate", "sign_pdf"]


def office_certificate(config=None) -> SignerCertificate:
    """The office's configured certificate (PKCS#12, token, or development)."""
    return certificates.certificate("office", config)


def sign_pdf(pdf_bytes: bytes, config=None) -> bytes:
    """The PDF with one PAdES signature of the office (invisible) appended as an update."""
    return sign_by_office(pdf_bytes, config)


def init_app(app) -> None:
    """Fail at start-up, not at the first issue, when production has no usable certificates."""
    app.config.setdefault("MINUTES_SIGNING_DIR", str(Path(app.instance_path) / "minutes-signing"))
    for role in certificates.ROLES:
        s = certificates.settings_of(role, app.config)
        if s["P12"] or s["PKCS11_MODULE"] or app.config.get("INSPECT_ENV") == "production":
            certificates.certificate(role, app.config)
