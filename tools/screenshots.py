"""Takes the README's screenshots from the demo data, in Debian's Chromium.

Builds a fresh demo (SQLite in a temporary folder), serves it on 127.0.0.1, signs in as each demo
account and saves PNGs under docs/screenshots/. Pages that do not answer 200 are skipped with a
note, so the script keeps working while areas are added.

Run: .venv/bin/python tools/screenshots.py
"""
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}

# (account, path, file name, viewport, a JS condition to wait for, or None)
SHOTS = [
    ("inspector", "/app", "app-inspections.png", PHONE,
     "() => document.documentElement.dataset.ready === 'true'"),
    ("lead", "/rounds/", "office-rounds.png", DESKTOP, None),
    ("admin", "/admin/units", "admin-units.png", DESKTOP, None),
    ("admin", "/followup/rounds/1", "office-dashboard.png", DESKTOP, None),
    ("unithead", "/remediation/", "unit-head-remediation.png", PHONE, None),
    ("viewer", "/verify/{minutes}", "verify.png", DESKTOP, None),
    ("admin", "/office/inspections", "office-inspections.png", PHONE, None),
    ("admin", "/office/documents", "office-documents.png", DESKTOP, None),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _demo_env(tmp: str) -> dict:
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp}/demo.db", STORAGE_DIR=f"{tmp}/storage",
               FLASK_APP="inspect_app")
    flask = [sys.executable, "-m", "flask", "--app", "inspect_app"]
    for args in (["db", "upgrade"], ["checklists", "import", "checklists"], ["seed-demo"]):
        subprocess.run(flask + args, cwd=ROOT, env=env, check=True, capture_output=True)
    return env


def _first_minutes(env: dict) -> str:
    """The public id of the demo's first issued minutes, and their first page as a PNG."""
    flask = [sys.executable, "-m", "flask", "--app", "inspect_app", "minutes"]
    listing = subprocess.run(flask + ["list"], cwd=ROOT, env=env, check=True,
                             capture_output=True, text=True).stdout
    public_id = listing.split()[0]
    pdf = Path(env["STORAGE_DIR"]) / "first-minutes.pdf"
    subprocess.run(flask + ["export", public_id, str(pdf)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    _page(pdf, 1, "minutes-page-1")
    # The page the two sides signed: the one with the signature blocks.
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")
    signed = next(n for n, text in enumerate(pages, 1) if "TRƯỞNG ĐOÀN KIỂM TRA" in text)
    _page(pdf, signed, "minutes-signatures")
    return public_id


def _page(pdf: Path, number: int, name: str) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(number), "-l", str(number),
                    "-singlefile", str(pdf), str(OUT / name)], check=True)
    print(f"saved docs/screenshots/{name}.png")


CHAIN = [("01/KH-SNV", "1. Kế hoạch"), ("01/QĐ-SNV", "2. Quyết định"), (None, "3. Biên bản"),
         ("01/TB-SNV", "4. Thông báo kết luận"), ("01/BC-SNV", "5. Báo cáo")]


def _chain(env: dict) -> None:
    """The demo's chain of documents in one picture: the first page of each, left to right."""
    import re

    from PIL import Image, ImageDraw, ImageFont

    flask = [sys.executable, "-m", "flask", "--app", "inspect_app", "documents"]
    folder = Path(env["STORAGE_DIR"])
    order = [0, 1, 3, 2, 4]  # the notice first, to read which minutes it concludes
    found = {}
    for n in order:
        number, label = CHAIN[n]
        if number is None:  # the minutes the notice concludes
            notice = subprocess.run(["pdftotext", str(folder / "chain-3.pdf"), "-"], check=True,
                                    capture_output=True, text=True).stdout
            number = re.search(r"Biên\s+bản\s+kiểm\s+tra\s+số\s+([^\s)]+)", notice).group(1)
        pdf = folder / f"chain-{n}.pdf"
        subprocess.run(flask + ["export", number, str(pdf)], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        png = folder / f"chain-{n}"
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(png)], check=True)
        found[n] = (label, Image.open(f"{png}.png").convert("RGB"))
    pages = [found[n] for n in range(len(CHAIN))]
    font = ImageFont.truetype("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 18)
    w, h, gap, top = pages[0][1].width, pages[0][1].height, 36, 34
    sheet = Image.new("RGB", (len(pages) * (w + gap) - gap + 20, h + top + 10), "white")
    draw = ImageDraw.Draw(sheet)
    for n, (label, page) in enumerate(pages):
        x = 10 + n * (w + gap)
        sheet.paste(page, (x, top))
        draw.rectangle([x, top, x + w - 1, top + h - 1], outline="#888888")
        draw.text((x, 6), label, fill="black", font=font)
        if n:
            y, x0 = top + h // 2, x - gap + 6  # an arrow from the previous page to this one
            draw.line([(x0, y), (x - 10, y)], fill="#b00000", width=3)
            draw.polygon([(x - 4, y), (x - 12, y - 7), (x - 12, y + 7)], fill="#b00000")
    sheet.save(OUT / "documents-chain.png")
    print("saved docs/screenshots/documents-chain.png")


def _serve(env: dict, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "flask", "--app", "inspect_app", "run",
                             "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the demo server did not start")


def _sign_in(page, base: str, account: str) -> None:
    page.goto(base + "/login")
    page.fill("input[name=username]", account)
    page.fill("input[name=password]", "demo")
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state("networkidle")


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="inspect-shots-") as tmp:
        env = _demo_env(tmp)
        minutes = _first_minutes(env)
        _chain(env)
        port = _free_port()
        server = _serve(env, port)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
                for account, path, name, viewport, ready in SHOTS:
                    context = browser.new_context(viewport=viewport, locale="vi-VN",
                                                  device_scale_factor=1)
                    page = context.new_page()
                    _sign_in(page, base, account)
                    response = page.goto(base + path.format(minutes=minutes))
                    if response is None or response.status != 200:
                        print(f"skipped {name}: {path} answered "
                              f"{response.status if response else 'nothing'}")
                        context.close()
                        continue
                    if ready:
                        page.wait_for_function(ready)
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(500)  # let the offline app draw its first list
                    page.screenshot(path=str(OUT / name), full_page=False)
                    print(f"saved docs/screenshots/{name}")
                    context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
