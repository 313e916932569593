"""Settings from the environment, with defaults for the embedded (SQLite) setup."""
import os
import secrets
from pathlib import Path


class NotConfigured(RuntimeError):
    """Production started without a setting it cannot do without."""


def _secret_key(instance_path: str, env: str) -> str | None:
    """SECRET_KEY from the environment, else (not in production) one generated once and kept in
    the instance folder. Production takes it from the environment only: hosts behind one proxy
    must share it, or each would refuse the others' sessions."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if env == "production":
        return None
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written with 0600 so other local users cannot forge sessions.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def _database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "inspect_app.db")
    # Hosting platforms still hand out the old scheme name; SQLAlchemy only knows postgresql://.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    return url


def engine_options(database_url: str) -> dict:
    """A database server's connection can go stale (a restart, a dropped socket): test it when
    taken from the pool. A SQLite file's cannot, and testing it costs every request a query."""
    return {"pool_pre_ping": not database_url.startswith("sqlite")}


def load(instance_path: str) -> dict:
    """Return the app's configuration as a dict, read from the environment."""
    env = os.environ.get("INSPECT_ENV", "development")
    https = os.environ.get("INSPECT_HTTPS", "1" if env == "production" else "0") == "1"
    return {
        "INSPECT_ENV": env,
        "SECRET_KEY": _secret_key(instance_path, env),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "STORAGE_DIR": os.environ.get("STORAGE_DIR", str(Path(instance_path) / "storage")),
        # s3://bucket/prefix puts files in an S3-compatible store instead of STORAGE_DIR; the
        # client reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY itself (README, "Storage").
        "STORAGE_URL": os.environ.get("STORAGE_URL") or None,
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL") or None,
        "AWS_REGION": os.environ.get("AWS_REGION") or None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 30,
        # Wrong passwords allowed per (user name, address) in the window before each further try
        # waits, twice as long each time up to LOGIN_MAX_DELAY_SECONDS (org/throttle.py).
        "LOGIN_MAX_FAILURES": int(os.environ.get("LOGIN_MAX_FAILURES", "5")),
        "LOGIN_WINDOW_SECONDS": int(os.environ.get("LOGIN_WINDOW_SECONDS", "900")),
        "LOGIN_MAX_DELAY_SECONDS": int(os.environ.get("LOGIN_MAX_DELAY_SECONDS", "300")),
        # How many proxies (nginx: 1) stand between the phones and this host: their
        # X-Forwarded-For and X-Forwarded-Proto name the client (client_address.py). 0: none.
        "TRUSTED_PROXY_COUNT": int(os.environ.get("TRUSTED_PROXY_COUNT", "0")),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_UPLOAD_BYTES", str(25 * 1024 * 1024))),
        "WTF_CSRF_TIME_LIMIT": None,
        # Public address printed on the minutes (QR code), e.g. https://kiemtra.snv.gov.vn.
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL") or None,
        # The office certificate that signs issued minutes; required in production.
        "MINUTES_PKCS12": os.environ.get("MINUTES_PKCS12") or None,
        "MINUTES_PKCS12_PASSPHRASE": os.environ.get("MINUTES_PKCS12_PASSPHRASE") or None,
        "MINUTES_SIGNING_DIR": os.environ.get(
            "MINUTES_SIGNING_DIR", str(Path(instance_path) / "minutes-signing")),
        # Issue signed minutes in the request that completes them (development, tests) or
        # leave them to `flask worker` (production: the phone gets its answer at once).
        "ISSUE_INLINE": os.environ.get(
            "ISSUE_INLINE", "0" if env == "production" else "1") == "1",
        # A worker's claim on an issue job older than this is taken to be a dead worker's.
        "ISSUE_CLAIM_TIMEOUT": int(os.environ.get("ISSUE_CLAIM_TIMEOUT", "300")),
        # The two signers of issued documents (documents/certificates.py): the person with
        # authority and the office, each from a PKCS#12 file or a PKCS#11 token; optional images
        # of the signature and the seal (PNG, transparent) instead of the drawn demo ones.
        **{f"DOCUMENT_{role}_{name}": os.environ.get(f"DOCUMENT_{role}_{name}") or None
           for role in ("PERSON", "OFFICE")
           for name in ("P12", "P12_PASSPHRASE", "PKCS11_MODULE", "PKCS11_TOKEN", "PKCS11_PIN",
                        "PKCS11_KEY_LABEL", "IMAGE")},
        # Unit heads are reminded this many days before a remediation deadline, and after it.
        "REMINDER_DAYS_BEFORE": int(os.environ.get("REMINDER_DAYS_BEFORE", "3")),
        # The offline app warns when work on a phone has waited longer than this to sync.
        "UNSYNCED_WARNING_DAYS": float(os.environ.get("UNSYNCED_WARNING_DAYS", "2")),
        # Reminder e-mail; without SMTP_HOST it waits in the outbox (mail_outbox table).
        "SMTP_HOST": os.environ.get("SMTP_HOST") or None,
        "SMTP_PORT": int(os.environ.get("SMTP_PORT", "587")),
        "SMTP_USER": os.environ.get("SMTP_USER") or None,
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD") or None,
        "SMTP_SENDER": os.environ.get("SMTP_SENDER") or None,
        "SMTP_STARTTLS": os.environ.get("SMTP_STARTTLS", "1") == "1",
    }


# What production refuses to start without, and why it matters there.
REQUIRED_IN_PRODUCTION = {
    "SECRET_KEY": "the same on every host, or a session signed by one is refused by the others",
    "PUBLIC_BASE_URL": "the address the minutes' QR code and link print",
}


def check_production(config) -> None:
    """Refuse to start a production app that lacks a required setting, naming each."""
    if os.environ.get("TRUSTED_PROXIES"):
        # A list of proxy addresses was believed before; ignoring it silently would put every
        # phone behind the proxy's one address in the sign-in throttle.
        raise NotConfigured("TRUSTED_PROXIES is no longer read: set TRUSTED_PROXY_COUNT to the "
                            "number of proxies in front of this host (nginx alone: 1)")
    if config.get("INSPECT_ENV") != "production":
        return
    missing = [f"{key} ({why})" for key, why in REQUIRED_IN_PRODUCTION.items()
               if not config.get(key)]
    if missing:
        raise NotConfigured("Production needs these settings in the environment: "
                            + "; ".join(missing))
