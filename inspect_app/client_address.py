"""The client's address, for the sign-in throttle and the audit trail.

Behind nginx every request comes from nginx; the client is named in X-Forwarded-For. That header is
believed only when the request comes from a proxy the office listed in TRUSTED_PROXIES: anyone else
could write any address there, and dodge the throttle or frame another address."""
import functools
import ipaddress

from flask import current_app, has_request_context, request


@functools.cache
def _networks(trusted: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _is_trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def resolve(peer: str | None, forwarded_for: str | None, trusted: tuple[str, ...]) -> str | None:
    """The nearest address, walking X-Forwarded-For from the right, that is not a trusted proxy.

    Each proxy appends the address it heard from, so the right-most entries are the trustworthy
    ones; an entry left of the first untrusted one may be the client's own invention."""
    networks = _networks(trusted)
    if not peer or not networks or not _is_trusted(peer, networks):
        return peer
    hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            return hop[:64]
    return hops[0][:64] if hops else peer


def of_request() -> str | None:
    """This request's client address (None outside a request)."""
    if not has_request_context():
        return None
    return resolve(request.remote_addr, request.headers.get("X-Forwarded-For"),
                   tuple(current_app.config.get("TRUSTED_PROXIES") or ()))
