"""The app shell: which files the service worker precaches, and the version named by their content.

The cache name is a hash of the shell's sources (the page template, every JS module, the CSS, the
icons, the manifest and the worker itself), so any change to any of them makes browsers install a
new worker; nobody bumps a number by hand. The rendered page is not hashed: it carries the
session's CSRF token, which would make every sign-in look like a new version.
"""
import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKER_SOURCE = HERE / "sw.js"
TEMPLATE = HERE.parent / "templates" / "pwa" / "app.html"
SHELL_URL = "/app"
MANIFEST_URL = "/manifest.webmanifest"
THEME_COLOUR = "#8b1a14"
CSS_FILES = ("css/app.css", "css/offline.css")
ENTRY = "js/app.js"
# `import … from './x.js'`, `export … from './x.js'`, `import './x.js'`; not `import('./x.js')`.
STATIC_IMPORT = re.compile(
    r"""^\s*(?:import|export)\s[^'"();]*?\bfrom\s*['"](\.[^'"]+)['"]|^\s*import\s*['"](\.[^'"]+)['"]""",
    re.MULTILINE)
ICONS = (
    ("icons/icon-192.png", "192x192", "any"),
    ("icons/icon-512.png", "512x512", "any"),
    ("icons/icon-maskable-512.png", "512x512", "maskable"),
)


@dataclass(frozen=True)
class Shell:
    """The shell as served now: its version and the URLs it is made of."""

    version: str
    modules: tuple[str, ...]   # static paths of the JS modules, e.g. "js/app.js"
    static: tuple[str, ...]    # every static path precached (modules, CSS, icons)
    # What the first screen needs: the modules app.js imports, directly or not. Screens that
    # are opened later (the minutes…) are imported on demand; offline, the worker has them.
    first_screen: tuple[str, ...] = ()


def _static_paths(static_dir: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    modules = tuple(sorted(p.relative_to(static_dir).as_posix()
                           for p in (static_dir / "js").rglob("*.js")))
    others = tuple(path for path in (*CSS_FILES, *(icon[0] for icon in ICONS))
                   if (static_dir / path).is_file())
    return modules, modules + others


def first_screen(static_dir: Path, entry: str = ENTRY) -> tuple[str, ...]:
    """The modules reached from `entry` through static imports, in path order."""
    seen, todo = set(), [entry]
    while todo:
        path = todo.pop()
        if path in seen or not (static_dir / path).is_file():
            continue
        seen.add(path)
        for match in STATIC_IMPORT.finditer((static_dir / path).read_text(encoding="utf-8")):
            spec = match.group(1) or match.group(2)
            todo.append(posixpath.normpath(posixpath.join(posixpath.dirname(path), spec)))
    return tuple(sorted(seen))


def manifest(static_url: str = "/static/") -> dict:
    """The web app manifest (installable, standalone, opening on the shell)."""
    return {
        "name": "Kiểm tra cải cách hành chính",
        "short_name": "Kiểm tra CCHC",
        "lang": "vi",
        "start_url": SHELL_URL,
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#f6f7f9",
        "theme_color": THEME_COLOUR,
        "icons": [{"src": static_url + path, "sizes": sizes, "type": "image/png",
                   "purpose": purpose} for path, sizes, purpose in ICONS],
    }


def _signature(files: list[Path]) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


_memo: dict = {}


def current(static_dir: str | Path) -> Shell:
    """The shell now on disk; recomputed only when a file is added, removed or changed."""
    static_dir = Path(static_dir)
    modules, static = _static_paths(static_dir)
    files = [WORKER_SOURCE, TEMPLATE, *(static_dir / p for p in static)]
    key = (str(static_dir), _signature(files))
    if _memo.get("key") != key:
        digest = hashlib.sha256()
        digest.update(json.dumps(manifest(), sort_keys=True, ensure_ascii=False).encode())
        for path in files:
            # The name goes in too: renaming a module changes the shell as much as editing it.
            digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
        _memo.update(key=key, shell=Shell(digest.hexdigest()[:16], modules, static,
                                          first_screen(static_dir)))
    return _memo["shell"]


def worker_script(shell: Shell, static_url: str = "/static/") -> str:
    """The service worker's source with this shell's version and file list filled in."""
    config = {"version": shell.version, "shell": SHELL_URL,
              "precache": [SHELL_URL, MANIFEST_URL, *(static_url + p for p in shell.static)]}
    source = WORKER_SOURCE.read_text(encoding="utf-8")
    return source.replace("self.SHELL_CONFIG", json.dumps(config, ensure_ascii=False), 1)
