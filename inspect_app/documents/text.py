"""Text as documents print it."""
import unicodedata


def nfc(text) -> str:
    """Text as NFC: decomposed input (some phones, Macs) prints with misplaced marks."""
    return unicodedata.normalize("NFC", "" if text is None else str(text))


# Types of administrative unit that open a unit's name ("Xã Tân Lập", "Thành phố Minh Sơn").
UNIT_TYPES = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Tỉnh", "Huyện", "Quận", "Xã",
              "Phường")


def split_unit_type(name: str) -> tuple[str | None, str]:
    """("Xã", "Tân Lập") for "Xã Tân Lập"; (None, name) when no type opens the name."""
    name = nfc(name).strip()
    for kind in UNIT_TYPES:
        if name.lower().startswith(kind.lower() + " "):
            return name[:len(kind)], name[len(kind) + 1:].strip()
    return None, name


def in_sentence(name: str) -> str:
    """A unit's name as written mid-sentence: its type in lower case ("tại xã Tân Lập")."""
    kind, rest = split_unit_type(name)
    return f"{kind.lower()} {rest}" if kind else nfc(name).strip()


def lower_first(text: str) -> str:
    """Mid-sentence: "Cán bộ …" → "cán bộ …"; an abbreviation ("UBND …") stays."""
    text = nfc(text).strip()
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
