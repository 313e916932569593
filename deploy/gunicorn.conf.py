"""gunicorn for one app host behind nginx (deploy/nginx/inspect-app.conf).

    gunicorn -c deploy/gunicorn.conf.py 'inspect_app:create_app()'

Sync workers: nginx reads a phone's whole upload (request buffering) before it passes it on, so a
slow phone never holds a worker; each worker is one CPU-bound request at a time.
"""
import multiprocessing
import os

# An address only nginx reaches: the app believes X-Forwarded-For from exactly one proxy
# (TRUSTED_PROXY_COUNT=1), so a client reaching this port directly could forge its address.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
# Not preloaded: every worker opens its own database pool after the fork.
preload_app = False
# A push of a full inspection is well under this; a worker stuck longer is restarted.
timeout = 60
graceful_timeout = 30
keepalive = 5  # behind nginx's upstream keepalive
# Recycled now and then, so a slow leak never grows for weeks.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# The scheme and client come from ProxyFix in the app (TRUSTED_PROXY_COUNT), not from gunicorn.
forwarded_allow_ips = ""


def post_worker_init(worker):
    """Garbage collection tuned for short requests that allocate many objects (SQLAlchemy rows,
    Pillow, JSON): the app's own objects, loaded once, are frozen out of every collection, and
    the young generation is collected every 50,000 allocations instead of 700. About 1 ms less
    CPU an uploaded photo (bench/README.md, "bench_end_of_day.py"); reference cycles still go."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
