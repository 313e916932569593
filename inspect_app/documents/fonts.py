"""Fonts for every document: Liberation Serif, metric twin of Times New Roman (NĐ 30/2020)."""
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "DocumentSerif"
STYLES = ("regular", "bold", "italic", "bolditalic")

# Debian's fonts-liberation2 first; fonts-noto-core as a fallback. Not fonts-liberation 1.07:
# it lacks most Vietnamese letters and ReportLab draws nothing for a missing glyph.
CANDIDATES = (
    ("/usr/share/fonts/truetype/liberation2", "LiberationSerif-{}.ttf",
     {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}),
    ("/usr/share/fonts/truetype/noto", "NotoSerif-{}.ttf",
     {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}),
)

_lock = threading.Lock()
_registered: dict[str, str] | None = None


class FontsMissing(RuntimeError):
    """No serif font with Vietnamese letters is installed."""


def font_files() -> dict[str, Path]:
    """The four files of the first installed family, by style."""
    for folder, pattern, names in CANDIDATES:
        paths = {s: Path(folder) / pattern.format(names[s]) for s in STYLES}
        if all(p.is_file() for p in paths.values()):
            return paths
    raise FontsMissing(
        "No serif font with Vietnamese letters found: install the Debian packages "
        "fonts-liberation2 (or fonts-noto-core), e.g. `make system-test-deps`."
    )


def register() -> dict[str, str]:
    """Register the family once; return ReportLab font names by style."""
    global _registered
    with _lock:
        if _registered is None:
            files = font_files()
            names = {s: f"{FAMILY}-{s}" for s in STYLES}
            for style in STYLES:
                pdfmetrics.registerFont(TTFont(names[style], str(files[style])))
            # Without the family, <b>/<i> in paragraphs fall back to Helvetica (no Vietnamese).
            pdfmetrics.registerFontFamily(FAMILY, normal=names["regular"], bold=names["bold"],
                                          italic=names["italic"], boldItalic=names["bolditalic"])
            _registered = names
        return _registered
