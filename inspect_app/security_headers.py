"""Security headers: what a browser may load, frame and leak for our pages and files.

The app loads nothing from elsewhere and has no inline script or style (scripts are ES modules
under /static, styles /static/css), so its pages can be held to a strict Content-Security-Policy:
an injected <script> or onclick="" does not run. Images also come from blob: (photos taken on the
phone, shown before they are uploaded) and data: (drawn signatures)."""
from flask import Flask, Response

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "connect-src 'self'; font-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; "
    # No one may show our pages in a frame (clickjacking on the sign-off buttons).
    "frame-ancestors 'none'"
)

EVERY_RESPONSE = {
    "X-Content-Type-Options": "nosniff",
    # Our addresses carry ids (inspections, minutes): other sites are told nothing.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
}


def add_headers(response: Response) -> Response:
    """Every response is never sniffed nor framed; an HTML page also gets the CSP."""
    for name, value in EVERY_RESPONSE.items():
        response.headers.setdefault(name, value)
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_headers)
