"""Photo bytes addressed by SHA-256: HEAD, PUT, GET, and which of a batch the server has. See
docs/sync-protocol.md, "Photos"."""
from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import ClientDisconnected

from ..errors import Refused
from ..inspections.batch import Malformed, parse_json
from ..org import roles
from ..org.auth import current_user, requires
from ..storage import storage
from . import operations, processing

bp = Blueprint("photos_api", __name__, url_prefix="/api/photos")

# Content-addressed bytes never change; "private" keeps them out of shared caches.
CACHE = "private, max-age=31536000, immutable"
BAD_BATCH = (f"Cần multipart/form-data gồm 1 đến {operations.MAX_BATCH} tệp ảnh, mỗi tệp đặt tên "
             "theo mã SHA-256 của nó.")
BATCH_TOO_LARGE = ("Gói ảnh quá lớn ({size} MB); giới hạn là {limit} MB. "
                   "Hãy gửi ít ảnh hơn mỗi lần.")
BAD_KNOWN = (f"Cần JSON {{\"sha256\": [...]}}: danh sách tối đa {operations.MAX_KNOWN} mã SHA-256 "
             "(64 ký tự 0-9, a-f).")


def init_app(app) -> None:
    app.register_blueprint(bp)


@bp.put("/<sha256>")
@requires(roles.ADMIN, roles.LEAD, roles.INSPECTOR, roles.UNIT_HEAD)
def upload(sha256):
    """Store the body as the photo with this hash: 201 when new, 200 when already stored."""
    operations.check_sha256(sha256)
    if request.content_length is not None and request.content_length > operations.max_bytes():
        # Refused before the body is read.
        raise Refused(processing.too_large_reason(request.content_length, operations.max_bytes()),
                      status=413)
    refusal = operations.type_refusal(request.mimetype)
    if refusal:
        raise refusal
    try:
        data = request.get_data(cache=False)
    except ClientDisconnected:
        raise Refused(operations.TRANSFER_BROKEN, status=400)
    photo = operations.store_photo(sha256, data, current_user())
    return jsonify(_stored(photo)), 201 if photo.created else 200


@bp.post("/batch")
@requires(roles.ADMIN, roles.LEAD, roles.INSPECTOR, roles.UNIT_HEAD)
def upload_batch():
    """Several photos in one multipart/form-data request, each a file part named by its
    SHA-256: each is stored or refused on its own, and the answer says which (200)."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > limit:
        raise Refused(BATCH_TOO_LARGE.format(size=processing.mb(request.content_length),
                                             limit=processing.mb(limit)), status=413)
    if request.mimetype != "multipart/form-data":
        raise Refused(BAD_BATCH, status=415)
    try:
        # The whole body first (at most MAX_CONTENT_LENGTH): a transfer cut off is found here,
        # not half-way through parsing, which would leave a part's temporary file open.
        request.get_data(cache=True)
    except ClientDisconnected:
        raise Refused(operations.TRANSFER_BROKEN, status=400)
    parts = [operations.Part(name, f.mimetype, f.read())
             for name, f in request.files.items(multi=True)]
    if request.form or not parts or len(parts) > operations.MAX_BATCH:
        raise Refused(BAD_BATCH, status=400)
    results = []
    for part, got in zip(parts, operations.store_photos(parts, current_user())):
        if isinstance(got, Refused):
            results.append({"sha256": part.sha256, "stored": False, "status": got.status,
                            "error": got.reason})
        else:
            results.append(_stored(got) | {"created": got.created})
    return jsonify({"results": results})


def _stored(photo: operations.StoredPhoto) -> dict:
    return {"sha256": photo.sha256, "width": photo.width, "height": photo.height, "stored": True}


@bp.post("/known")
@requires(roles.ADMIN, roles.LEAD, roles.INSPECTOR, roles.UNIT_HEAD)
def known():
    """Which of the listed photos the server already has: the device uploads only the others.
    (One POST instead of a HEAD per photo, whose 404 a browser logs as a console error.)"""
    try:
        body = parse_json(request.get_data(cache=False))
    except Malformed as err:
        raise Refused(str(err), status=400) from None
    hashes = body.get("sha256") if isinstance(body, dict) else None
    if (not isinstance(hashes, list) or len(hashes) > operations.MAX_KNOWN
            or not all(isinstance(h, str) and operations.is_sha256(h) for h in hashes)):
        raise Refused(BAD_KNOWN, status=400)
    return jsonify({"known": operations.known(current_user(), hashes)})


@bp.get("/<sha256>")
@requires(*roles.ALL)
def original(sha256):
    """The stored photo; HEAD answers whether the server has it without reading it."""
    key = operations.find_photo(current_user(), sha256)
    if request.method == "HEAD":
        return Response(status=200)
    return _image(storage().get(key), sha256)


@bp.get("/<sha256>/thumb")
@requires(*roles.ALL)
def thumb(sha256):
    """The stored thumbnail (JPEG, at most 400 px)."""
    key = operations.find_photo(current_user(), sha256, thumb=True)
    return _image(storage().get(key), sha256 + "-thumb")


def _image(data: bytes, etag: str) -> Response:
    resp = Response(data, mimetype=processing.content_type(data))
    resp.headers["Cache-Control"] = CACHE
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.set_etag(etag)
    return resp.make_conditional(request)
