"""Prints how many XLSForms of a folder convert, strict and lenient, and the commonest reasons.

Run: .venv/bin/python bench/bench_xlsform.py FOLDER [FOLDER…]
(e.g. pyxform's tests/example_xls and tests/bug_example_xls, extracted outside the repository).
Every .xls, .xlsx and .xlsm under the folders is converted; nothing is written.
"""
import collections
import re
import sys
import time
from pathlib import Path

from inspect_app.checklists import xlsform


def reason(line: str) -> str:
    """A report line without its row, item id and names, so that alike reasons count together."""
    line = re.sub(r"^[^:]*?Trang (survey|choices|settings)(, dòng \d+)?( \([^)]*\))?: ", "", line)
    line = re.sub(r"^bỏ qua (dòng end|dòng|lựa chọn|ô \S+): ", "", line)
    line = re.sub(r"^\([^)]*\) ", "", line)
    if line.startswith("kiểu '"):
        return re.sub(r"^kiểu '([^' ]+)[^']*'", r"kiểu '\1 …'", line)
    return re.sub(r"'[^']*'|\$\{[^}]*\}|\d+", "…", line)


def main(folders: list[str]) -> None:
    files = sorted(p for f in folders for p in Path(f).rglob("*")
                   if p.suffix.lower() in (".xls", ".xlsx", ".xlsm"))
    counts = collections.Counter()
    refusals, left_out, skipped = collections.Counter(), collections.Counter(), collections.Counter()
    print(f"{'file':44} {'strict':>8} {'lenient':>8} {'left out':>9} {'skipped':>8} {'ms':>6}")
    for path in files:
        start = time.perf_counter()
        strict = xlsform.convert(path)
        lenient = xlsform.convert(path, lenient=True)
        ms = (time.perf_counter() - start) * 1000
        s_ok, l_ok = strict.definition is not None, lenient.definition is not None
        counts["strict"] += s_ok
        counts["lenient"] += l_ok
        counts["refused"] += not l_ok
        refusals.update({reason(p) for p in strict.problems})
        left_out.update(reason(p) for p in lenient.dropped)
        skipped.update(reason(p) for p in lenient.skipped)
        print(f"{path.name[:44]:44} {'ok' if s_ok else 'refused':>8} "
              f"{'ok' if l_ok else 'refused':>8} {len(lenient.dropped):>9} "
              f"{len(lenient.skipped):>8} {ms:>6.0f}")
        if not l_ok:
            print(f"{'':6}lenient refused: {'; '.join(lenient.problems)[:160]}")
    print(f"\n{len(files)} forms: {counts['strict']} convert strict, {counts['lenient']} lenient, "
          f"{counts['refused']} refused even lenient")
    for title, counter in (("strict refusals (forms)", refusals),
                           ("rows left out in lenient mode", left_out),
                           ("rows skipped (metadata)", skipped)):
        print(f"\ntop {title}:")
        for text, n in counter.most_common(12):
            print(f"  {n:4}  {text}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
