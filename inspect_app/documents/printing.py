"""How every office document prints: the form's header, the kind's title and subject, its body,
"Nơi nhận" beside the signer, and the QR code that verifies it. Each kind gives only its body."""
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import KeepTogether, Paragraph

from . import form
from .issuer import Issuer
from .styles import p, t


@dataclass(frozen=True)
class Printed:
    """What the page prints beside the record: none of it before the document is issued."""

    number: str | None = None  # "01/TB-SNV"; None prints the form's blank "Số:    /TB-SNV"
    verify_url: str | None = None
    short_url: str | None = None


def common(issuer: Issuer, settings, kind: str, recipients: list[str]) -> dict:
    """The part of a record every kind has: who issues, under which symbol, who signs, to whom."""
    return {"issuer": {"superior": issuer.superior, "name": issuer.name,
                       "full_name": issuer.full_name, "place": issuer.place,
                       "abbreviation": issuer.abbreviation},
            "symbol": settings.symbol(kind),
            "signer": {"heading": settings.signer_heading(), "full_name": settings.signer_name},
            # "Giám đốc Sở Nội vụ": who decides, as running text names them
            "head": f"{settings.signer_title} {issuer.name}",
            "recipients": recipients}


def issuer_of_record(record: dict) -> Issuer:
    return Issuer(**record["issuer"])


def render(record: dict, body: list, on: date, printed: Printed, *, title: str,
           noun: str, spot: form.SignatureSpot | None = None) -> bytes:
    """The A4 PDF of one document. `title` is the kind in capitals ("THÔNG BÁO"), `noun` how
    running text names it ("thông báo"). `spot`, if given, notes where the signer's digital
    signature goes."""
    issuer = issuer_of_record(record)
    # The signature page carries the text's last paragraph (with its heading), and the QR code
    # is never alone on a last page: all are kept together (a table of one row never splits, so
    # the blocks' own KeepTogethers are unwrapped: one nested in another is measured as a page).
    n = len(body) - 1 if body and isinstance(body[-1], Paragraph) else len(body)
    while 0 < n < len(body) and body[n - 1].getKeepWithNext():  # its heading comes too
        n -= 1
    last = body[n:]
    story = [*form.header(issuer, printed.number, record["symbol"], on),
             p(t(title), "title"), p(t(record["subject"]), "subject"),
             *body[:len(body) - len(last)]]
    archive = [issuer.abbreviation] if issuer.abbreviation else []
    signer = record["signer"]
    sign = form.signature_block(form.Signer(signer["heading"], signer.get("full_name"),
                                                spot=spot))
    end = [*last, *form.signatures(form.recipients(record["recipients"], archive), sign)]
    if printed.verify_url:
        # Signed twice (documents/signing.py): the page names both signers.
        signers = f"{signer.get('full_name') or 'người có thẩm quyền'} và {issuer.full_name}"
        end += form.verification(noun, signers, printed.verify_url, printed.short_url)
    story.append(KeepTogether([part for f in end for part in getattr(f, "_content", [f])]))
    footer = (f"Xác thực: {printed.short_url or printed.verify_url}" if printed.verify_url
              else "Dự thảo, chưa ban hành")
    return form.build(story, title=f"{title.capitalize()} – {record['subject']}",
                      author=issuer.full_name, subject=record["subject"], footer=footer)


def numbered(items: list[str], style: str = "indent") -> list:
    """Paragraphs "1. …", "2. …"."""
    return [p(f"{n}. {t(text)}", style) for n, text in enumerate(items, 1)]


def dashed(items: list[str], style: str = "indent") -> list:
    """Paragraphs "- …;" ending with "." on the last, as a list in running text is written."""
    out = []
    for n, text in enumerate(items):
        end = "." if n == len(items) - 1 else ";"
        out.append(p(f"- {t(text.rstrip('.;'))}{end}", style))
    return out
