"""Sending a stored document (a PDF) to a browser: private, cacheable by its hash, never sniffed."""
import hashlib

from flask import Response, request


def pdf_response(data: bytes, filename: str, sha256: str | None = None) -> Response:
    """The PDF shown inline under `filename`, with its hash as the ETag (a 304 when unchanged)."""
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.set_etag(sha256 or hashlib.sha256(data).hexdigest())
    return response.make_conditional(request)
