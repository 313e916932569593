"""Charts drawn on the server as inline SVG: no chart library, nothing loaded from elsewhere.

Each chart scales to its container (viewBox, width 100%), so it reads on a 360 px phone; every
mark carries a <title> with its exact figure.
"""
from markupsafe import Markup, escape

COLOURS = {"overdue": "#b3261e", "open": "#e8a317", "reported": "#3b6fb6", "verified": "#2e7d32"}
LABELS = {"overdue": "Quá hạn", "open": "Chưa khắc phục", "reported": "Đã báo cáo",
          "verified": "Đã xác minh"}
LINE_COLOURS = ("#8b1a14", "#3b6fb6", "#2e7d32", "#e8a317", "#6a1b9a", "#00838f")


def stacked_bars(rows: list[tuple[str, dict[str, int]]], series=tuple(COLOURS)) -> Markup:
    """Horizontal stacked bars, one per label, of the counts in `series` order."""
    if not rows:
        return Markup("")
    bar, gap, label_w, width = 18, 6, 150, 560
    top = max(sum(counts.get(s, 0) for s in series) for _, counts in rows) or 1
    height = len(rows) * (bar + gap) + 24
    parts = [(f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="Biểu đồ tình trạng khắc phục">')]
    for n, (label, counts) in enumerate(rows):
        y = n * (bar + gap)
        parts.append(f'<text x="{label_w - 6}" y="{y + bar - 5}" text-anchor="end" '
                     f'font-size="12">{escape(_short(label))}</text>')
        x = float(label_w)
        for s in series:
            value = counts.get(s, 0)
            if not value:
                continue
            w = (width - label_w - 40) * value / top
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" '
                         f'fill="{COLOURS.get(s, "#777")}"><title>{escape(label)}: '
                         f'{escape(LABELS.get(s, s))} {value}</title></rect>')
            x += w
        total = sum(counts.get(s, 0) for s in series)
        parts.append(f'<text x="{x + 4:.1f}" y="{y + bar - 5}" font-size="12">{total}</text>')
    parts.append(_legend(series, height - 6))
    parts.append("</svg>")
    return Markup("".join(parts))


def trend(points: list[str], lines: dict[str, list[float | None]]) -> Markup:
    """Lines of percentages (0–100) over `points` (e.g. inspection dates); gaps where None."""
    if not points or not lines:
        return Markup("")
    width, height, left, bottom = 560, 220, 36, 40
    step = (width - left - 20) / max(len(points) - 1, 1)
    plot_h = height - bottom - 10

    def xy(i, value):
        return left + i * step, 10 + plot_h * (1 - value / 100)

    parts = [(f'<svg class="chart" viewBox="0 0 {width} {height + 20 * len(lines)}" width="100%" '
             f'role="img" aria-label="Điểm theo thời gian">')]
    for tick in (0, 50, 100):
        _, y = xy(0, tick)
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="#ddd"/><text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" '
                     f'font-size="11">{tick}</text>')
    for i, label in enumerate(points):
        x, _ = xy(i, 0)
        parts.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                     f'font-size="11">{escape(label)}</text>')
    for n, (name, values) in enumerate(lines.items()):
        colour = LINE_COLOURS[n % len(LINE_COLOURS)]
        known = [(i, v) for i, v in enumerate(values) if v is not None]
        if len(known) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in known))
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                         f'stroke-width="2"/>')
        for i, v in known:
            x, y = xy(i, v)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"><title>'
                         f'{escape(name)} – {escape(points[i])}: {v:.0f}%</title></circle>')
        parts.append(f'<rect x="{left}" y="{height + 20 * n}" width="12" height="12" '
                     f'fill="{colour}"/><text x="{left + 18}" y="{height + 20 * n + 11}" '
                     f'font-size="12">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _legend(series, y: int) -> str:
    out, x = [], 150
    for s in series:
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{COLOURS[s]}"/>'
                   f'<text x="{x + 16}" y="{y}" font-size="12">{escape(LABELS[s])}</text>')
        x += 24 + 8 * len(LABELS[s])
    return "".join(out)


def _short(label: str, limit: int = 24) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"
