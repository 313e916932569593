"""moto's S3 and IAM as one WSGI app, for `running_object_store(keep_alive=True)` to serve with
gunicorn: moto_server's own (werkzeug) server closes the connection after every response, which
no real object store does, and a client then pays for a new connection on each request."""
from moto.server import DomainDispatcherApplication, create_backend_app

app = DomainDispatcherApplication(create_backend_app)
