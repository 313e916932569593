"""The documents' font has every Vietnamese letter; a missing glyph would print nothing."""
import unicodedata

from reportlab.pdfbase.ttfonts import TTFont

from inspect_app.documents import fonts

BASES = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền sắc hỏi ngã nặng


def vietnamese_letters() -> set[str]:
    lower = {unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES} | {"đ"}
    return lower | {c.upper() for c in lower}


def test_there_are_146_vietnamese_letters():
    letters = vietnamese_letters()
    assert len(letters) == 146 and all(len(c) == 1 for c in letters)


def test_every_style_of_the_family_has_every_vietnamese_letter():
    for style, path in fonts.font_files().items():
        cmap = TTFont(f"check-{style}", str(path)).face.charToGlyph
        missing = sorted(c for c in vietnamese_letters() if ord(c) not in cmap)
        assert missing == [], f"{path.name} lacks {''.join(missing)}"


def test_liberation_serif_is_preferred():
    assert fonts.font_files()["regular"].name == "LiberationSerif-Regular.ttf"


def test_missing_fonts_give_a_clear_error(monkeypatch):
    monkeypatch.setattr(fonts, "CANDIDATES", (("/nonexistent", "X-{}.ttf", {
        s: s for s in fonts.STYLES}),))
    try:
        fonts.font_files()
    except fonts.FontsMissing as err:
        assert "fonts-liberation2" in str(err)
    else:
        raise AssertionError("expected FontsMissing")
