"""multipart/form-data bodies as a browser's FormData sends photos to POST /api/photos/batch.

Built by hand rather than by werkzeug's test client, whose encoder spools large bodies to a
temporary file it leaves open; the bench sends the same bodies over HTTP."""
import uuid


def form(parts: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """The body and its Content-Type for (part name, media type, bytes) file parts."""
    boundary = uuid.uuid4().hex
    out = []
    for name, content_type, data in parts:
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                   f'filename="blob"\r\nContent-Type: {content_type}\r\n\r\n'.encode())
        out += [data, b"\r\n"]
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"
