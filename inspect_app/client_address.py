"""The client's address, for the sign-in throttle, the audit trail and the minutes.

Behind nginx every request comes from nginx; the phone is named in X-Forwarded-For, the scheme it
used in X-Forwarded-Proto. werkzeug's ProxyFix believes exactly TRUSTED_PROXY_COUNT proxies:
each appends the address it heard from, so only the right-most entries are trustworthy, and an
entry further left may be the client's own invention. With no proxy configured the headers are
ignored: anyone could write any address there, and dodge the throttle or frame another address.
An app port reachable without passing the proxies would let a client forge the entries it reads,
so hosts behind a proxy listen on an address only the proxy reaches (deploy/)."""
from flask import has_request_context, request
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app) -> None:
    """Read the client's address and scheme from the configured number of proxies' headers."""
    count = app.config.get("TRUSTED_PROXY_COUNT") or 0
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


def of_request() -> str | None:
    """This request's client address (None outside a request)."""
    return request.remote_addr if has_request_context() else None
