"""Security headers on every response, and a strict Content-Security-Policy on every page."""
import re

import pytest

from inspect_app import ROOT
from inspect_app.org import roles


def _directives(policy: str) -> dict[str, str]:
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/login", "/", "/app", "/khong-co-trang-nay"])
def test_pages_have_a_strict_content_security_policy(client, login_as, path):
    login_as(roles.INSPECTOR)
    resp = client.get(path)
    assert resp.mimetype == "text/html"
    policy = _directives(resp.headers["Content-Security-Policy"])
    assert policy["default-src"] == "default-src 'self'"
    assert policy["script-src"] == "script-src 'self'"
    assert policy["style-src"] == "style-src 'self'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["object-src"] == "object-src 'none'"
    assert "unsafe" not in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/login", "/api/sync/pull", "/sw.js", "/manifest.webmanifest",
                                  "/static/js/app.js", "/static/css/app.css", "/api/openapi.json",
                                  "/api/khong-co"])
def test_every_response_is_never_sniffed_framed_or_referred(client, login_as, path):
    login_as(roles.INSPECTOR)
    with client.get(path) as resp:  # a static file is streamed: closed after reading the headers
        pass
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["X-Frame-Options"] == "DENY"
    assert resp.headers["Referrer-Policy"] == "same-origin"


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:",
                    re.IGNORECASE)


@pytest.mark.parametrize("template", sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "inspect_app" / "templates").rglob("*.html")))
def test_templates_hold_no_inline_script_or_style(template):
    """The CSP would block them: every script is a file under /static, every style in app.css."""
    assert not INLINE.findall((ROOT / template).read_text())
