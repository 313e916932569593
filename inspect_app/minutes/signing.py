"""The office's signature on issued minutes. Certificates and signing live in
`documents.certificates` and `documents.signing` (one place for every document); these are the
names the minutes have always used."""
import logging
from pathlib import Path

from ..documents import certificates
from ..documents.certificates import SignerCertificate, SigningNotConfigured
from ..documents.signing import OFFICE_FIELD as FIELD_NAME
from ..documents.signing import sign_by_office

__all__ = ["FIELD_NAME", "SignerCertificate", "SigningNotConfigured", "init_app",
           "office_certificate", "sign_pdf"]

log = logging.getLogger(__name__)


def office_certificate(config=None) -> SignerCertificate:
    """The office's configured certificate (PKCS#12, token, or development)."""
    return certificates.certificate("office", config)


def sign_pdf(pdf_bytes: bytes, config=None) -> bytes:
    """The PDF with one PAdES signature of the office (invisible) appended as an update."""
    return sign_by_office(pdf_bytes, config)


def init_app(app) -> None:
    """Production fails at start-up, not at the first issue, without usable certificates.
    Elsewhere a broken setting is logged, so `flask signers check` can still say what is wrong."""
    app.config.setdefault("MINUTES_SIGNING_DIR", str(Path(app.instance_path) / "minutes-signing"))
    for role in certificates.ROLES:
        s = certificates.settings_of(role, app.config)
        if app.config.get("INSPECT_ENV") == "production":
            certificates.certificate(role, app.config)
        elif s["P12"] or s["PKCS11_MODULE"]:
            try:
                certificates.certificate(role, app.config)
            except SigningNotConfigured as err:
                log.warning("signer %s cannot sign: %s", role, err)
