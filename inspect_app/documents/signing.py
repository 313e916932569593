"""PAdES signing, in one place for every document.

An issued plan, decision, notice or report carries two signatures, as Nghị định 30/2020 (Phụ
lục I) describes: first the person with authority's (their signature image between their title
and name), then the office's (its red seal over about the left third of that signature), each in
its own field and revision. Minutes, signed on paper-like drawings on site, carry the office's
signature alone (invisible)."""
import io
from dataclasses import dataclass

from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.sign import fields, signers
from pyhanko.stamp import StaticStampStyle
from reportlab.lib.units import mm

from ..minutes import aio
from . import certificates, stamps
from .form import SignatureSpot

# Field names say whose signature a field holds; verification reads the role from them.
PERSON_FIELD = "ChuKySoNguoiCoThamQuyen"
OFFICE_FIELD = "ChuKySoCoQuan"
FIELD_ROLES = {PERSON_FIELD: "person", OFFICE_FIELD: "office"}
SEAL_SIZE = 34 * mm  # a Sở's round seal is 34-36 mm across
SEAL_COVERS = 1 / 3  # of the signature's width, from its left edge


@dataclass(frozen=True)
class Box:
    page: int  # 0-based
    rect: tuple[float, float, float, float]  # x1, y1, x2, y2 in points


def stamp_boxes(page: int, signature: tuple) -> tuple[Box, Box]:
    """The personal signature's box, and the seal's: as wide as a real seal, centred on the
    signature's height, its right edge a third of the way into the signature."""
    x1, y1, x2, y2 = signature
    right = x1 + (x2 - x1) * SEAL_COVERS
    middle = (y1 + y2) / 2
    seal = (right - SEAL_SIZE, middle - SEAL_SIZE / 2, right, middle + SEAL_SIZE / 2)
    return Box(page, signature), Box(page, seal)


def _style(image) -> StaticStampStyle:
    return StaticStampStyle(
        background=PdfImage(image), background_opacity=1.0, border_width=0,
        background_layout=SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MID,
                                              y_align=AxisAlignment.ALIGN_MID,
                                              margins=Margins.uniform(0)))


def _sign(pdf: bytes, role: str, field: str, reason: str, config, box: Box | None = None,
          image=None) -> bytes:
    cert = certificates.certificate(role, config)
    meta = signers.PdfSignatureMetadata(
        field_name=field, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=reason, location="Việt Nam")
    spec = (fields.SigFieldSpec(field, on_page=box.page, box=box.rect) if box is not None
            else None)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    with cert.open() as signer:
        pdf_signer = signers.PdfSigner(meta, signer, new_field_spec=spec,
                                       stamp_style=_style(image) if image is not None else None)
        return aio.run(pdf_signer.async_sign_pdf(writer)).getvalue()


def sign_by_office(pdf: bytes, config=None) -> bytes:
    """The PDF with the office's signature (invisible) appended as an update: the minutes'."""
    return _sign(pdf, "office", OFFICE_FIELD, "Ban hành biên bản kiểm tra", config)


def sign_issued(pdf: bytes, spot: SignatureSpot, *, signer_name: str, seal_outer: str,
                seal_inner: str, config=None) -> bytes:
    """Signed first by the person with authority, then by the office, with visible stamps at
    `spot` (where the printed page left room for the signature)."""
    if spot.rect is None:
        raise ValueError("the document was printed without room for its signature")
    config = config if config is not None else certificates.current_app.config
    person, seal = stamp_boxes(spot.page - 1, spot.rect)
    signature = stamps.image_from(config.get("DOCUMENT_PERSON_IMAGE"),
                                  stamps.handwriting(signer_name))
    pdf = _sign(pdf, "person", PERSON_FIELD, "Ký ban hành văn bản", config, person, signature)
    office = stamps.image_from(config.get("DOCUMENT_OFFICE_IMAGE"),
                               stamps.seal(seal_outer, seal_inner))
    return _sign(pdf, "office", OFFICE_FIELD, "Xác nhận của cơ quan ban hành", config, seal,
                 office)
