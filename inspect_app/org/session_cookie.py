"""The session cookie: sent again when the session changed, or once a day, not on every response.

Flask signs a permanent session's cookie again on every response, so that it lasts 30 days from
the last request. Doing that at most once a day keeps the expiry sliding (to the day) while the
offline app's sync requests, the most frequent, are answered without a new cookie to sign, send
and store.
"""
from datetime import UTC, datetime, timedelta

from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

REFRESH_AFTER = timedelta(days=1)


class DailyRefreshedSession(SecureCookieSessionInterface):
    """Flask's signed-cookie session, which also remembers when its cookie was signed."""

    def open_session(self, app, request):
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, signed_at = serializer.loads(cookie, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        session = self.session_class(data)
        session.signed_at = signed_at
        return session

    def should_set_cookie(self, app, session) -> bool:
        if session.modified:
            return True
        if not (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
            return False
        signed_at = getattr(session, "signed_at", None)
        return signed_at is None or datetime.now(UTC) - signed_at >= REFRESH_AFTER


def init_app(app) -> None:
    app.session_interface = DailyRefreshedSession()
