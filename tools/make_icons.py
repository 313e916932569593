"""Draw the offline app's icons (static/icons/): 192 and 512 px, and a maskable 512 px.

Run `.venv/bin/python tools/make_icons.py`; the PNGs are committed, so this runs only when the
design changes. A clipboard with a tick on the app's red: no text, so nothing needs a font.
"""
from pathlib import Path

from PIL import Image, ImageDraw

RED = (139, 26, 20)
WHITE = (255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"


def draw(size: int, content: float, rounded: bool) -> Image.Image:
    """The icon at `size` px, its drawing scaled to `content` of the side (maskable: safe zone)."""
    scale = 4  # drawn large, then reduced, for smooth edges
    s = size * scale
    im = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    if rounded:
        d.rounded_rectangle((0, 0, s - 1, s - 1), radius=s // 6, fill=RED)
    else:
        d.rectangle((0, 0, s, s), fill=RED)
    unit = s * content / 10
    ox = oy = (s - 10 * unit) / 2

    def box(x0, y0, x1, y1):
        return (ox + x0 * unit, oy + y0 * unit, ox + x1 * unit, oy + y1 * unit)

    d.rounded_rectangle(box(1.8, 1.2, 8.2, 9.4), radius=unit * 0.6, fill=WHITE)
    d.rounded_rectangle(box(3.6, 0.6, 6.4, 2.2), radius=unit * 0.4, fill=RED)
    d.rounded_rectangle(box(3.9, 0.9, 6.1, 1.9), radius=unit * 0.3, fill=WHITE)
    tick = [(ox + x * unit, oy + y * unit) for x, y in ((3.3, 5.6), (4.6, 6.9), (6.9, 4.0))]
    d.line(tick, fill=RED, width=int(unit * 0.9), joint="curve")
    return im.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    draw(192, 0.8, rounded=True).save(OUT / "icon-192.png", optimize=True)
    draw(512, 0.8, rounded=True).save(OUT / "icon-512.png", optimize=True)
    # Maskable: full-bleed background, drawing inside the central 80% circle the OS may crop to.
    draw(512, 0.6, rounded=False).convert("RGB").save(OUT / "icon-maskable-512.png", optimize=True)
    for path in sorted(OUT.glob("*.png")):
        print(path.relative_to(OUT.parent.parent), path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
