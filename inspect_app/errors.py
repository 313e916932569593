"""Errors as values: a few exceptions, each mapped once to a JSON 4xx and once to a page."""
from flask import current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from .extensions import db
from .storage import ObjectMissing, StorageUnavailable


class Refused(Exception):
    """An operation refused for a reason the user can act on (shown as given, in Vietnamese)."""

    status = 400

    def __init__(self, reason: str, *, status: int | None = None, field: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.field = field
        if status is not None:
            self.status = status


class NotFound(Refused):
    status = 404


class Forbidden(Refused):
    status = 403


def wants_json() -> bool:
    """API clients get JSON; browsers navigating pages get HTML."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def _render(status: int, message: str, field: str | None = None):
    if wants_json():
        body = {"error": message}
        if field:
            body["field"] = field
        return jsonify(body), status
    return render_template("error.html", status=status, message=message), status


MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Bạn cần đăng nhập.",
    403: "Bạn không có quyền truy cập trang này.",
    404: "Không tìm thấy trang hoặc dữ liệu yêu cầu.",
    405: "Phương thức không được hỗ trợ.",
    413: "Tệp tải lên quá lớn.",
    429: "Quá nhiều lần thử. Vui lòng đợi rồi thử lại.",
}


def init_app(app):
    @app.errorhandler(Refused)
    def _refused(err):
        return _render(err.status, err.reason, err.field)

    @app.errorhandler(StorageUnavailable)
    def _storage_unavailable(err):
        # The operator reads why in the log; the phone keeps its data and retries a 503 later.
        current_app.logger.error("storage unavailable: %s", err.detail)
        # Nothing the request wrote stays: an upload's claim on a photo it could not store
        # must not make the photo look stored.
        db.session.rollback()
        body, status = _render(err.status, err.reason)
        return body, status, {"Retry-After": "30"}

    @app.errorhandler(ObjectMissing)
    def _object_missing(err):
        # Deleted between the look-up and the read: as missing as it gets.
        return _render(404, MESSAGES[404])

    @app.errorhandler(HTTPException)
    def _http(err):
        message = MESSAGES.get(err.code) or err.description or err.name
        # CSRF failures carry their own explanation; show it in Vietnamese terms.
        if err.code == 400 and "CSRF" in (err.description or ""):
            message = "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ (CSRF). Vui lòng tải lại trang."
        body, status = _render(err.code or 500, message)
        # The exception's own headers stay: a 405 names the methods allowed (Allow).
        headers = [(k, v) for k, v in err.get_headers() if k.lower() != "content-type"]
        return body, status, headers
