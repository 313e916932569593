"""How an answer prints in every document and page: a choice's label, Có/Không, a number in
Vietnamese notation with its unit, text as written."""
from .text import nfc

WORDS = {"yes": "Có", "no": "Không", "na": "Không áp dụng", True: "Có", False: "Không"}


def number(v: float) -> str:
    """Vietnamese notation: the decimal comma (2.5 → "2,5"), at most two decimals."""
    return (str(int(v)) if float(v).is_integer() else repr(round(v, 2))).replace(".", ",")


def answer(value, spec: dict | None = None, *, unit: bool = True) -> str:
    """An answer as printed: a choice's label (never its key), Có/Không, a number in Vietnamese
    notation with the item's unit, text as written."""
    spec = spec or {}
    if value is None:
        return "Chưa kiểm tra"
    if isinstance(value, list):
        return ", ".join(answer(x, spec, unit=unit) for x in value)
    if spec.get("type") == "choice" and value != "na":
        for c in spec.get("choices") or ():
            if isinstance(c, dict) and value in (c.get("key"), c.get("id")):
                return nfc(c.get("label") or value)
    if isinstance(value, bool) or (isinstance(value, str) and value in WORDS):
        return WORDS[value]
    if isinstance(value, int | float):
        if not unit or not spec.get("unit"):
            return number(value)
        # "12,5%" but "2 người": Vietnamese writes the percent sign close up.
        return number(value) + ("" if spec["unit"] == "%" else " ") + nfc(spec["unit"])
    return nfc(value)
