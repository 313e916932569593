"""How many bytes the offline app's shell weighs: the /app page, its JS modules and CSS.

    .venv/bin/python bench/bench_shell.py

The shell is what must be loaded and parsed before the first screen: the page, the CSS and the
modules app.js imports (directly or not). Screens opened later (the minutes: draft, signing,
preview) are imported on demand; they are precached with the shell, so they open offline too, and
their bytes are printed as a second total. Icons are listed but left out. Sizes as served (no
minification: there is no build step) and gzipped at level 6, as a reverse proxy would send them.
"""
import gzip
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET = 150 * 1024


def _shell_page(app) -> bytes:
    """/app as a signed-in inspector receives it."""
    from inspect_app.extensions import db
    from inspect_app.org import roles
    from inspect_app.org.models import User

    with app.app_context():
        db.create_all()
        user = User(username="bench", full_name="Bench", role=roles.INSPECTOR, password_hash="x")
        db.session.add(user)
        db.session.commit()
        uid, tv = user.id, user.token_version
    client = app.test_client()
    with client.session_transaction() as s:
        s["uid"], s["tv"] = uid, tv
    resp = client.get("/app")
    assert resp.status_code == 200, resp.status
    return resp.data


def main() -> None:
    from inspect_app import create_app
    from inspect_app.pwa import shell

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "STORAGE_DIR": tmp,
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.db"})
        rows = [("/app (HTML)", _shell_page(app))]
        current = shell.current(app.static_folder)
        static = Path(app.static_folder)
        icons, later = [], []
        for path in current.static:
            data = (static / path).read_bytes()
            if path.startswith("icons/"):
                icons.append((path, data))
            elif path.endswith(".js") and path not in current.first_screen:
                later.append((path, data))
            else:
                rows.append((path, data))

    width = max(len(name) for name, _ in rows + icons)
    print(f"{'file':<{width}}  {'bytes':>8}  {'gzip':>7}")
    total = total_gz = 0
    for name, data in rows:
        gz = len(gzip.compress(data, 6))
        total, total_gz = total + len(data), total_gz + gz
        print(f"{name:<{width}}  {len(data):>8}  {gz:>7}")
    print(f"{'shell (HTML + JS + CSS)':<{width}}  {total:>8}  {total_gz:>7}"
          f"   target <= {TARGET} bytes: {'OK' if total <= TARGET else 'OVER'}")
    print("\nloaded when their screen opens (precached for offline use, not in the shell):")
    later_total = later_gz = 0
    for name, data in later:
        gz = len(gzip.compress(data, 6))
        later_total, later_gz = later_total + len(data), later_gz + gz
        print(f"{name:<{width}}  {len(data):>8}  {gz:>7}")
    print(f"{'on demand':<{width}}  {later_total:>8}  {later_gz:>7}")
    print(f"{'everything precached (no icons)':<{width}}  {total + later_total:>8}  "
          f"{total_gz + later_gz:>7}\n")
    print(f"{len([r for r in rows if r[0].endswith('.js')])} JS modules in the shell; "
          f"icons (not counted): " + ", ".join(f"{n} {len(d)}" for n, d in icons))
    print(f"shell version (cache name): shell-{current.version}")


if __name__ == "__main__":
    main()
