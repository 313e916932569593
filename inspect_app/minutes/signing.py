"""The office certificate and PAdES signing of issued minutes (the key never leaves the server)."""
import fcntl
import io
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from flask import current_app
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import aio

DEV_FOLDER = "minutes-signing"
DEV_COMMON_NAME = "Sở Nội vụ (chứng thư thử nghiệm)"
FIELD_NAME = "ChuKySoCoQuan"
_DER = serialization.Encoding.DER


class SigningNotConfigured(RuntimeError):
    """The office certificate is missing or cannot be opened; nothing may be signed."""


@dataclass(frozen=True)
class OfficeCertificate:
    """The signing key and certificate, as pyHanko wants them, and the chain to embed."""

    cert: asn1_x509.Certificate
    key: asn1_keys.PrivateKeyInfo
    chain: tuple[asn1_x509.Certificate, ...]
    development: bool

    def signer(self) -> signers.SimpleSigner:
        registry = SimpleCertificateStore.from_certs([self.cert, *self.chain])
        return signers.SimpleSigner(signing_cert=self.cert, signing_key=self.key,
                                    cert_registry=registry)


_lock = threading.Lock()
_cache: dict[tuple, OfficeCertificate] = {}


def _to_asn1(cert, key, chain=(), development=False) -> OfficeCertificate:
    der_key = key.private_bytes(_DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return OfficeCertificate(
        cert=asn1_x509.Certificate.load(cert.public_bytes(_DER)),
        key=asn1_keys.PrivateKeyInfo.load(der_key),
        chain=tuple(asn1_x509.Certificate.load(c.public_bytes(_DER)) for c in chain),
        development=development)


def load_pkcs12(path: str, passphrase: str | None) -> OfficeCertificate:
    """The production certificate from a PKCS#12 file; a clear error if it cannot be opened."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise SigningNotConfigured(f"MINUTES_PKCS12: cannot read {path}: {err.strerror}") from err
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(
            data, passphrase.encode() if passphrase else None)
    except ValueError as err:
        raise SigningNotConfigured(
            f"MINUTES_PKCS12: cannot open {path} (wrong MINUTES_PKCS12_PASSPHRASE?)") from err
    if key is None or cert is None:
        raise SigningNotConfigured(f"MINUTES_PKCS12: {path} holds no key and certificate")
    return _to_asn1(cert, key, chain or ())


def _make_dev_files(folder: Path) -> None:
    """A self-signed RSA certificate for development; key written 0600, certificate last."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Sở Nội vụ"),
                      x509.NameAttribute(NameOID.COMMON_NAME, DEV_COMMON_NAME)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_cert_sign=True,
            crl_sign=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    fd = os.open(folder / "key.pem", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem_key)
    tmp = folder / "cert.pem.part"
    tmp.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    os.replace(tmp, folder / "cert.pem")  # its presence says the pair is complete


def load_dev(folder: Path) -> OfficeCertificate:
    """The development certificate in folder, made on first use (one process makes it)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    # A file lock, so two workers starting together do not make two different certificates.
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "cert.pem").is_file():
            _make_dev_files(folder)
    cert = x509.load_pem_x509_certificate((folder / "cert.pem").read_bytes())
    key = serialization.load_pem_private_key((folder / "key.pem").read_bytes(), None)
    return _to_asn1(cert, key, development=True)


def office_certificate(config=None) -> OfficeCertificate:
    """The configured certificate: PKCS#12 if set, the development one outside production."""
    config = config if config is not None else current_app.config
    path = config.get("MINUTES_PKCS12")
    if path:
        source = ("p12", path, config.get("MINUTES_PKCS12_PASSPHRASE"))
    elif config.get("INSPECT_ENV") == "production":
        raise SigningNotConfigured(
            "Production needs the office certificate: set MINUTES_PKCS12 (a PKCS#12 file) and "
            "MINUTES_PKCS12_PASSPHRASE. No development certificate is used in production.")
    else:
        source = ("dev", config["MINUTES_SIGNING_DIR"], None)
    with _lock:
        if source not in _cache:
            _cache[source] = (load_pkcs12(path, source[2]) if source[0] == "p12"
                              else load_dev(Path(source[1])))
        return _cache[source]


def sign_pdf(pdf_bytes: bytes, config=None) -> bytes:
    """The PDF with one PAdES signature of the office (invisible) appended as an update."""
    office = office_certificate(config)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason="Ban hành biên bản kiểm tra", location="Việt Nam")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    return aio.run(signers.async_sign_pdf(writer, meta, signer=office.signer())).getvalue()


def init_app(app) -> None:
    """Fail at start-up, not at the first issue, when production has no usable certificate."""
    app.config.setdefault("MINUTES_SIGNING_DIR", str(Path(app.instance_path) / DEV_FOLDER))
    if app.config.get("MINUTES_PKCS12") or app.config.get("INSPECT_ENV") == "production":
        office_certificate(app.config)
