"""Certificates as an authority hands them over, for the signing tests: PKCS#12 files, and keys
imported into a real SoftHSM2 token with pkcs11-tool."""
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"


def make_cert(cn: str, days: int = 30):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = datetime.now(UTC)
    start = now - timedelta(days=1) if days > 0 else now + timedelta(days=days - 10)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(now + timedelta(days=days))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_pkcs12(folder: Path, cn: str, passphrase: bytes, days: int = 30) -> str:
    key, cert = make_cert(cn, days)
    path = folder / f"{abs(hash(cn))}.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"signer", key, cert, None, serialization.BestAvailableEncryption(passphrase)))
    return str(path)


def make_token(folder: Path, label: str, pin: str, key_label: str, cn: str) -> dict:
    """A SoftHSM2 token in `folder` holding one key and its certificate; the environment its
    library needs (SOFTHSM2_CONF) is returned, to be set before the library is loaded."""
    tokens = folder / "tokens"
    tokens.mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
                    "log.level = ERROR\n")
    env = {"SOFTHSM2_CONF": str(conf)}
    run = dict(check=True, capture_output=True, env={**env, "PATH": "/usr/bin:/bin"})
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin,
                    "--so-pin", "87654321"], **run)
    key, cert = make_cert(cn)
    (folder / "key.der").write_bytes(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    (folder / "cert.der").write_bytes(cert.public_bytes(serialization.Encoding.DER))
    for kind, file in (("privkey", "key.der"), ("cert", "cert.der")):
        subprocess.run(["pkcs11-tool", "--module", SOFTHSM_MODULE, "--token-label", label,
                        "--login", "--pin", pin, "--write-object", str(folder / file),
                        "--type", kind, "--label", key_label, "--id", "01"], **run)
    (folder / "key.der").unlink()  # the key lives on the token now
    return env
