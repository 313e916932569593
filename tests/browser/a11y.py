"""Accessibility measures taken in the page: axe-core's rules, and the size of every tap target.

axe-core comes from the npm registry into tests/a11y/node_modules (`make test` installs it, or
`npm ci --prefix tests/a11y`); the test process reads it and runs it in the page, so nothing is
fetched from the internet and the page's Content-Security-Policy is not loosened.
"""
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[1] / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
MIN_TARGET = 44  # CSS px, WCAG 2.5.5 and the platforms' guidelines


def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` (or `npm ci --prefix tests/a11y`) installs it")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, label: str) -> list[str]:
    """The serious and critical axe-core violations on the page as it is now, one line each."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, which the page's CSP does not govern.
        page.evaluate(axe_source())
    result = page.evaluate(
        "async () => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{label}: {v['id']} ({v['impact']}) {v['help']}: "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:6])
        for v in result["violations"] if v["impact"] in BLOCKING
    ]


# The tap target of a control: the control itself, or the <label> around it (a tap on the label
# works the control: check boxes, and file inputs drawn as buttons). Exception: a link inside
# running text (a paragraph or list line with words of its own), as WCAG 2.5.8 allows.
SMALL_TARGETS = """(min) => {
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  const inline = (el) => {
    if (el.tagName !== 'A') return false;
    const block = el.closest('p, li');
    if (!block) return false;
    let rest = block.textContent;
    for (const other of block.querySelectorAll('a, button')) rest = rest.replace(other.textContent, '');
    return /[\\p{L}\\p{N}]/u.test(rest);
  };
  const out = [];
  for (const el of document.querySelectorAll(controls)) {
    const target = el.closest('label') || el;
    const box = target.getBoundingClientRect();
    if (!target.getClientRects().length || box.width === 0 || inline(el)) continue;
    if (box.width < min - 0.5 || box.height < min - 0.5) {
      const name = (el.textContent || el.getAttribute('aria-label') || el.name || el.type || '').trim();
      out.push(`${el.tagName.toLowerCase()}.${el.className} "${name.slice(0, 30)}" `
        + `${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return [...new Set(out)];
}"""


def small_targets(page, label: str) -> list[str]:
    """Tap targets on the page smaller than 44x44 CSS px, one line each."""
    return [f"{label}: {line}" for line in page.evaluate(SMALL_TARGETS, MIN_TARGET)]
