"""SMTP: settings from the app's configuration, the message as Vietnamese UTF-8 text."""
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

SENDER_NAME = "Hệ thống kiểm tra cải cách hành chính"


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    user: str | None
    password: str | None
    sender: str
    starttls: bool
    timeout: float

    @classmethod
    def from_config(cls, config) -> "Settings | None":
        """None when SMTP_HOST is not set: mail then stays queued."""
        host = config.get("SMTP_HOST")
        if not host:
            return None
        return cls(host=host, port=int(config.get("SMTP_PORT") or 25),
                   user=config.get("SMTP_USER") or None,
                   password=config.get("SMTP_PASSWORD") or None,
                   sender=config.get("SMTP_SENDER") or f"no-reply@{host}",
                   starttls=bool(config.get("SMTP_STARTTLS")),
                   timeout=float(config.get("SMTP_TIMEOUT") or 30))


def connect(settings: Settings) -> smtplib.SMTP:
    """An open, authenticated connection."""
    conn = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        conn.ehlo()
        if settings.starttls:
            conn.starttls(context=ssl.create_default_context())
            conn.ehlo()
        if settings.user:
            conn.login(settings.user, settings.password or "")
    except BaseException:
        close(conn)
        raise
    return conn


def close(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except (smtplib.SMTPException, OSError):
        conn.close()


def message(settings: Settings, recipient: str, subject: str, body: str) -> EmailMessage:
    """A plain-text UTF-8 mail; the subject is encoded for old servers (RFC 2047)."""
    msg = EmailMessage()
    msg["From"] = formataddr((SENDER_NAME, settings.sender))
    msg["To"] = recipient
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    msg.set_content(body, charset="utf-8")
    return msg
