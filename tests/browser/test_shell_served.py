"""The app shell as the server serves it: manifest, service worker, the /app page (no browser)."""
import io
import re
import shutil

import pytest
from PIL import Image

from inspect_app.org import roles
from inspect_app.pwa import shell


def test_manifest_makes_the_app_installable(client):
    resp = client.get("/manifest.webmanifest")
    assert resp.status_code == 200 and resp.mimetype == "application/manifest+json"
    m = resp.get_json()
    assert (m["name"], m["short_name"]) == ("Kiểm tra cải cách hành chính", "Kiểm tra CCHC")
    assert (m["start_url"], m["scope"], m["display"]) == ("/app", "/", "standalone")
    assert re.fullmatch(r"#[0-9a-f]{6}", m["theme_color"])
    sizes = {}
    for icon in m["icons"]:
        with client.get(icon["src"]) as served:  # a static file: closed, or Python warns
            sizes[(icon["sizes"], icon["purpose"])] = Image.open(io.BytesIO(served.data)).size
    assert sizes == {("192x192", "any"): (192, 192), ("512x512", "any"): (512, 512),
                     ("512x512", "maskable"): (512, 512)}


def test_service_worker_is_served_at_the_root_uncached(client, app):
    resp = client.get("/sw.js")
    assert resp.status_code == 200 and resp.mimetype == "text/javascript"
    assert resp.headers["Cache-Control"] == "no-cache"
    assert resp.headers["Service-Worker-Allowed"] == "/"
    body = resp.get_data(as_text=True)
    version = shell.current(app.static_folder).version
    assert f'"version": "{version}"' in body and "self.SHELL_CONFIG" not in body
    precache = re.search(r'"precache": (\[[^\]]*\])', body).group(1)
    for url in ("/app", "/manifest.webmanifest", "/static/js/app.js", "/static/js/store.js",
                "/static/css/app.css", "/static/css/offline.css", "/static/icons/icon-512.png"):
        assert f'"{url}"' in precache
    assert "/api/" not in precache


@pytest.mark.parametrize("role", roles.FIELD)
def test_shell_opens_for_field_roles(client, login_as, role):
    login_as(role)
    resp = client.get("/app")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert '<meta name="csrf-token"' in html and 'rel="manifest"' in html
    # Nothing from the internet: every src and href is a path on this server (or a fragment).
    for url in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert url.startswith(("/", "#")) and not url.startswith("//"), url


@pytest.mark.parametrize("role", [roles.VIEWER, roles.UNIT_HEAD])
def test_shell_is_refused_to_other_roles(client, login_as, role):
    login_as(role)
    assert client.get("/app").status_code == 403


def test_shell_sends_anonymous_users_to_sign_in(client):
    resp = client.get("/app")
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/login")


def test_shell_version_follows_the_content_of_its_files(tmp_path, app):
    static = tmp_path / "static"
    shutil.copytree(app.static_folder, static)
    first = shell.current(static).version
    assert shell.current(static).version == first  # stable while nothing changes
    (static / "js" / "app.js").write_text((static / "js" / "app.js").read_text() + "\n// v2\n")
    second = shell.current(static).version
    assert second != first
    (static / "js" / "ui" / "extra.js").write_text("export const x = 1;\n")
    third = shell.current(static)
    assert third.version not in (first, second) and "js/ui/extra.js" in third.modules


def test_shell_version_does_not_change_with_the_session(client, login_as, app):
    """The page carries the session's CSRF token; the version must not (or every sign-in would
    look like a new release)."""
    worker = client.get("/sw.js").get_data(as_text=True)
    login_as(roles.INSPECTOR)
    client.get("/app")
    assert client.get("/sw.js").get_data(as_text=True) == worker
