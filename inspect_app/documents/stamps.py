"""The images of the two visible signatures, drawn with Pillow (transparent PNG-like RGBA): the
signer's handwritten signature and the office's round red seal (Phụ lục I, NĐ 30/2020: the seal
"màu đỏ, nền trong suốt", over about a third of the signature on its left).

These are demonstration drawings, made from the names alone; an office puts its real signature
and seal images in place of them (DOCUMENT_PERSON_IMAGE, DOCUMENT_OFFICE_IMAGE)."""
import functools
import hashlib
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from . import fonts
from .text import nfc

SEAL_RED = (218, 37, 29)
INK = (20, 40, 140)
SEAL_PX = 600  # the seal is drawn this wide and high, then scaled into its box by the PDF


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(fonts.font_files()["bold"]), size)


@functools.lru_cache(maxsize=16)
def seal(outer: str, inner: str = "") -> Image.Image:
    """A round seal: two red rings, `outer` written around between them, a star in the middle
    and `inner` (the office's name) across it."""
    size = SEAL_PX
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    c = size / 2
    draw.ellipse((6, 6, size - 6, size - 6), outline=SEAL_RED, width=14)
    draw.ellipse((98, 98, size - 98, size - 98), outline=SEAL_RED, width=6)
    _text_around(img, nfc(outer).upper(), c, radius=c - 58, font=_font(40))
    star = [(c + r * math.sin(k * math.pi / 5), c - 70 - r * math.cos(k * math.pi / 5))
            for k, r in zip(range(10), [40, 16] * 5, strict=True)]
    draw.polygon(star, fill=SEAL_RED)
    for n, line in enumerate(_lines(nfc(inner).upper(), 14)[:3]):
        font = _font(44)
        width = draw.textlength(line, font=font)
        draw.text((c - width / 2, c + n * 52 - 10), line, font=font, fill=SEAL_RED)
    return img


def _lines(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _text_around(img: Image.Image, text: str, c: float, radius: float, font) -> None:
    """Letters on a circle, upright to its centre, clockwise from the left, over the top and
    down to the right, the way a seal's upper band reads."""
    widths = [font.getlength(ch) for ch in text]
    spacing = 1.08
    total = sum(widths) * spacing / radius  # radians
    total = min(total, 1.9 * math.pi)
    angle = -total / 2
    for ch, w in zip(text, widths, strict=True):
        step = w * spacing / radius
        mid = angle + step / 2
        if ch.strip():
            box = Image.new("RGBA", (80, 80), (0, 0, 0, 0))
            ImageDraw.Draw(box).text((40, 40), ch, font=font, fill=SEAL_RED, anchor="mm")
            box = box.rotate(-math.degrees(mid), resample=Image.BICUBIC)
            x = c + radius * math.sin(mid) - 40
            y = c - radius * math.cos(mid) - 40
            img.alpha_composite(box, (round(x), round(y)))
        angle += step


@functools.lru_cache(maxsize=16)
def handwriting(name: str) -> Image.Image:
    """A flourish in blue ink, different for every name (its shape comes from the name's hash),
    standing in for the signer's own signature image."""
    w, h = 660, 288  # the 55 × 24 mm box at 12 px/mm
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    seed = hashlib.sha256(nfc(name).encode()).digest()
    points = []
    for i in range(240):
        t = i / 239
        x = 60 + t * (w - 150)
        loops = 3 + seed[0] % 3
        y = (h / 2 + math.sin(t * loops * 2 * math.pi + seed[1] / 40) * (50 + seed[2] % 30)
             * (1 - 0.4 * t) + math.cos(t * 11 + seed[3] / 30) * 18)
        x += math.cos(t * loops * 2 * math.pi + seed[1] / 40) * 34
        points.append((x, y))
    draw.line(points, fill=INK, width=7, joint="curve")
    # The underline stroke a signature usually ends with.
    draw.line([(90, h - 70), (w / 2, h - 52), (w - 60, h - 84)], fill=INK, width=6,
              joint="curve")
    return img


def image_from(path: str | None, default: Image.Image) -> Image.Image:
    """An office's own image file (PNG with transparency) instead of the drawing, if given."""
    if not path:
        return default
    with Image.open(Path(path)) as im:
        return im.convert("RGBA")
