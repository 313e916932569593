"""Who signs, and with what: each signer's certificate and key, from a PKCS#12 file or a PKCS#11
token (a USB token or an HSM), or outside production a development certificate made on first use.

Two signers (Nghị định 30/2020): the person with authority ("person") and the office ("office").
The keys never leave the server or the token."""
import fcntl
import os
import threading
from contextlib import contextmanager
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
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from ..minutes import aio

_DER = serialization.Encoding.DER

# Role → (what the role is called, its environment prefix, the development certificate's name).
ROLES = {
    "office": ("Cơ quan ban hành", "DOCUMENT_OFFICE", "Sở Nội vụ (chứng thư thử nghiệm)"),
    "person": ("Người có thẩm quyền ký", "DOCUMENT_PERSON",
               "Người có thẩm quyền (chứng thư thử nghiệm)"),
}
SETTINGS = ("P12", "P12_PASSPHRASE", "PKCS11_MODULE", "PKCS11_TOKEN", "PKCS11_PIN",
            "PKCS11_KEY_LABEL")


class SigningNotConfigured(RuntimeError):
    """A signer's certificate is missing or cannot be opened; nothing may be signed."""


@dataclass(frozen=True)
class SignerCertificate:
    """A signer's certificate and the chain to embed; `open()` gives pyHanko's signer."""

    role: str
    source: str  # where the key is, as an operator reads it: "PKCS#12 /etc/…", "PKCS#11 token …"
    cert: asn1_x509.Certificate
    chain: tuple[asn1_x509.Certificate, ...]
    development: bool
    key: asn1_keys.PrivateKeyInfo | None = None  # None when the key is on a token
    token: tuple | None = None  # (module, token label, PIN, key label)

    @contextmanager
    def open(self):
        """pyHanko's signer, for one signing; a token session is closed afterwards."""
        if self.key is not None:
            registry = SimpleCertificateStore.from_certs([self.cert, *self.chain])
            yield signers.SimpleSigner(signing_cert=self.cert, signing_key=self.key,
                                       cert_registry=registry)
            return
        with _token_session(*self.token[:3]) as session:
            from pyhanko.sign.pkcs11 import PKCS11Signer

            yield PKCS11Signer(session, key_label=self.token[3], signing_cert=self.cert,
                               ca_chain=self.chain)

    @property
    def subject(self) -> str:
        return self.cert.subject.human_friendly

    @property
    def not_after(self) -> datetime:
        return self.cert["tbs_certificate"]["validity"]["not_after"].native


@contextmanager
def _token_session(module: str, token_label: str | None, pin: str | None):
    try:
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.pkcs11 import open_pkcs11_session
    except ImportError as err:  # python-pkcs11 is an optional dependency
        raise SigningNotConfigured("PKCS#11 needs the python-pkcs11 package "
                                   "(pip install 'inspect_app[pkcs11]')") from err
    try:
        session = open_pkcs11_session(
            module, token_criteria=TokenCriteria(label=token_label) if token_label else None,
            user_pin=pin)
    except Exception as err:  # noqa: BLE001  python-pkcs11 raises many kinds; all mean "cannot"
        raise SigningNotConfigured(
            f"cannot open PKCS#11 token {token_label or '(first)'} with {module}: "
            f"{type(err).__name__} {err}".strip()) from err
    try:
        yield session
    finally:
        session.close()


def _to_asn1(role, source, cert, key, chain=(), development=False) -> SignerCertificate:
    der_key = key.private_bytes(_DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return SignerCertificate(
        role=role, source=source, cert=asn1_x509.Certificate.load(cert.public_bytes(_DER)),
        key=asn1_keys.PrivateKeyInfo.load(der_key),
        chain=tuple(asn1_x509.Certificate.load(c.public_bytes(_DER)) for c in chain),
        development=development)


def load_pkcs12(role: str, path: str, passphrase: str | None, setting: str) -> SignerCertificate:
    """A certificate from a PKCS#12 file; a clear error naming `setting` if it cannot be opened."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise SigningNotConfigured(f"{setting}: cannot read {path}: {err.strerror}") from err
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(
            data, passphrase.encode() if passphrase else None)
    except ValueError as err:
        raise SigningNotConfigured(
            f"{setting}: cannot open {path} (wrong {setting}_PASSPHRASE?)") from err
    if key is None or cert is None:
        raise SigningNotConfigured(f"{setting}: {path} holds no key and certificate")
    return _to_asn1(role, f"PKCS#12 {path}", cert, key, chain or ())


def load_token(role: str, module: str, token_label: str | None, pin: str | None,
               key_label: str | None, setting: str) -> SignerCertificate:
    """The certificate beside the key on a PKCS#11 token (read once; the key stays there)."""
    if not key_label:
        raise SigningNotConfigured(f"{setting}_KEY_LABEL: name the key on the token")
    from pyhanko.sign.pkcs11 import PKCS11Signer

    with _token_session(module, token_label, pin) as session:
        signer = PKCS11Signer(session, key_label=key_label)
        try:
            aio.run(signer.ensure_objects_loaded())
        except Exception as err:  # noqa: BLE001
            raise SigningNotConfigured(
                f"{setting}_KEY_LABEL: no key and certificate labelled {key_label!r} on token "
                f"{token_label or '(first)'}: {err}") from err
        cert = signer.signing_cert
        chain = tuple(c for c in signer.cert_registry if c.dump() != cert.dump())
    return SignerCertificate(role=role, source=f"PKCS#11 token {token_label or '(first)'} "
                             f"key {key_label} ({module})", cert=cert, chain=chain,
                             development=False, token=(module, token_label, pin, key_label))


def _make_dev_files(folder: Path, common_name: str) -> None:
    """A self-signed RSA certificate for development; key written 0600, certificate last."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Sở Nội vụ"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
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


def load_dev(role: str, folder: Path) -> SignerCertificate:
    """The development certificate in folder, made on first use (one process makes it)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    # A file lock, so two workers starting together do not make two different certificates.
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "cert.pem").is_file():
            _make_dev_files(folder, ROLES[role][2])
    cert = x509.load_pem_x509_certificate((folder / "cert.pem").read_bytes())
    key = serialization.load_pem_private_key((folder / "key.pem").read_bytes(), None)
    return _to_asn1(role, f"development certificate in {folder}", cert, key, development=True)


def settings_of(role: str, config) -> dict:
    """The role's settings by short name ("P12", "PKCS11_MODULE", …), and under "P12_NAME" the
    setting the file came from: the office's may also be MINUTES_PKCS12 (its name when only
    minutes were signed)."""
    prefix = ROLES[role][1]
    found = {name: config.get(f"{prefix}_{name}") for name in SETTINGS}
    found["P12_NAME"] = f"{prefix}_P12"
    if role == "office" and not found["P12"] and config.get("MINUTES_PKCS12"):
        found.update(P12=config["MINUTES_PKCS12"], P12_NAME="MINUTES_PKCS12",
                     P12_PASSPHRASE=config.get("MINUTES_PKCS12_PASSPHRASE"))
    return found


def dev_folder(role: str, config) -> Path:
    base = Path(config["MINUTES_SIGNING_DIR"])
    return base if role == "office" else base / role


def _source(role: str, config) -> tuple:
    prefix = ROLES[role][1]
    s = settings_of(role, config)
    if s["P12"] and s["PKCS11_MODULE"]:
        raise SigningNotConfigured(f"{prefix}: set either {prefix}_P12 or {prefix}_PKCS11_MODULE, "
                                   "not both")
    if s["P12"]:
        return ("p12", s["P12"], s["P12_PASSPHRASE"], s["P12_NAME"])
    if s["PKCS11_MODULE"]:
        return ("pkcs11", s["PKCS11_MODULE"], s["PKCS11_TOKEN"], s["PKCS11_PIN"],
                s["PKCS11_KEY_LABEL"])
    if config.get("INSPECT_ENV") == "production":
        raise SigningNotConfigured(
            f"Production needs the certificate of the {role} signer: set {prefix}_P12 (a PKCS#12 "
            f"file) and {prefix}_P12_PASSPHRASE, or {prefix}_PKCS11_MODULE, _TOKEN, _PIN and "
            "_KEY_LABEL (a token)"
            + (" (MINUTES_PKCS12 and MINUTES_PKCS12_PASSPHRASE still name the office's file)"
               if role == "office" else "")
            + ". No development certificate is used in production.")
    return ("dev", str(dev_folder(role, config)))


_lock = threading.Lock()
_cache: dict[tuple, SignerCertificate] = {}


def certificate(role: str, config=None) -> SignerCertificate:
    """The configured certificate of `role` ("person" or "office"), loaded once."""
    config = config if config is not None else current_app.config
    source = _source(role, config)
    prefix = ROLES[role][1]
    with _lock:
        if (role, source) not in _cache:
            kind = source[0]
            _cache[role, source] = (
                load_pkcs12(role, *source[1:]) if kind == "p12"
                else load_token(role, *source[1:], setting=f"{prefix}_PKCS11") if kind == "pkcs11"
                else load_dev(role, Path(source[1])))
        return _cache[role, source]


def check(role: str, config=None) -> SignerCertificate:
    """The certificate, after opening its key for real; refuses one that has expired."""
    cert = certificate(role, config)
    if cert.not_after <= datetime.now(UTC):
        raise SigningNotConfigured(f"{ROLES[role][1]}: the certificate of {cert.subject} expired "
                                   f"on {cert.not_after:%d/%m/%Y}")
    with cert.open() as signer:  # a token is opened, and asked for its key, for real
        aio.run(signer.async_sign_raw(b"check", "sha256"))
    return cert


def trust_roots(config=None) -> list:
    """The certificates a signature of ours chains to: each signer's, and its chain."""
    roots = []
    for role in ROLES:
        try:
            c = certificate(role, config)
        except SigningNotConfigured:
            continue
        roots += [c.cert, *c.chain]
    return roots


def holder_name(cert) -> str:
    """The certificate's holder as people read it: "Đỗ Quang Vinh, Sở Nội vụ" (pyHanko's
    human_friendly spells out "Common Name: …" in English)."""
    subject = cert.subject.native
    parts = [subject.get("common_name"), subject.get("organization_name")]
    names = [x for x in parts if x]
    return ", ".join(dict.fromkeys(names)) or cert.subject.human_friendly
