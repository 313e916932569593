"""An S3-compatible server for the tests: moto's standalone server in its own process, on a free
127.0.0.1 port, checking signatures against keys it issued; and a TCP relay that can cut an
upload half-way, as a dropped link does."""
import os
import socket
import struct
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest

from inspect_app import storage as storage_module
from inspect_app.storage.s3 import S3Storage

from .nginx_stack import free_port
from .sockets import shut

ROOT = Path(__file__).resolve().parent.parent
REGION = "us-east-1"
# moto answers the first N requests unsigned, then only keys it issued: enough to make an
# IAM user with an access key and a policy allowing everything.
SETUP_REQUESTS = 3
ALLOW_ALL = ('{"Version": "2012-10-17", "Statement": '
             '[{"Effect": "Allow", "Action": "*", "Resource": "*"}]}')


def _wait_for(port: int, proc: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"moto_server exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("moto_server did not start listening")


@dataclass
class ObjectStore:
    endpoint: str
    access_key: str
    secret_key: str

    def client(self):
        return boto3.client("s3", endpoint_url=self.endpoint, region_name=REGION,
                            aws_access_key_id=self.access_key,
                            aws_secret_access_key=self.secret_key)

    def new_bucket(self) -> str:
        name = f"inspect-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def storage(self, bucket: str, prefix: str = "", *, endpoint: str | None = None,
                secret_key: str | None = None, attempts: int = 2) -> S3Storage:
        return S3Storage(bucket, prefix, endpoint_url=endpoint or self.endpoint, region=REGION,
                         access_key=self.access_key, secret_key=secret_key or self.secret_key,
                         attempts=attempts, timeout=5)

    def config(self, bucket: str, prefix: str = "files") -> dict:
        """App settings that put its files in this bucket (what STORAGE_URL etc. give)."""
        return {"STORAGE_URL": f"s3://{bucket}/{prefix}", "S3_ENDPOINT_URL": self.endpoint,
                "AWS_REGION": REGION, "AWS_ACCESS_KEY_ID": self.access_key,
                "AWS_SECRET_ACCESS_KEY": self.secret_key}


@contextmanager
def running_object_store(log_path: Path, *, keep_alive: bool = False) -> Iterator[ObjectStore]:
    """moto_server on a free port for as long as the block runs, with an access key of its own;
    also what bench/bench_end_of_day.py stores photos in. With keep_alive, moto's app is served
    by gunicorn (one process: moto keeps its objects in memory), which keeps connections open
    as S3 and MinIO do: the bench's CPU figures then do not count a reconnection per request."""
    port = free_port()
    env = {**os.environ, "INITIAL_NO_AUTH_ACTION_COUNT": str(SETUP_REQUESTS)}
    if keep_alive:
        command = [str(Path(sys.executable).with_name("gunicorn")), "--worker-class", "gthread",
                   "--workers", "1", "--threads", "16", "--keep-alive", "75",
                   "--bind", f"127.0.0.1:{port}", "--pythonpath", str(ROOT), "tests.moto_wsgi:app"]
    else:
        command = [str(Path(sys.executable).with_name("moto_server")),
                   "-H", "127.0.0.1", "-p", str(port)]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for(port, proc)
            endpoint = f"http://127.0.0.1:{port}"
            iam = boto3.client("iam", endpoint_url=endpoint, region_name=REGION,
                               aws_access_key_id="setup", aws_secret_access_key="setup")
            iam.create_user(UserName="inspect-app")
            key = iam.create_access_key(UserName="inspect-app")["AccessKey"]
            iam.put_user_policy(UserName="inspect-app", PolicyName="all",
                                PolicyDocument=ALLOW_ALL)
            yield ObjectStore(endpoint, key["AccessKeyId"], key["SecretAccessKey"])
        finally:
            proc.terminate()
            proc.wait(10)


@pytest.fixture(scope="session")
def object_store(tmp_path_factory):
    with running_object_store(tmp_path_factory.mktemp("moto") / "moto.log") as store:
        yield store


@pytest.fixture
def s3_app(app, object_store, monkeypatch):
    """The app configured for the object store (STORAGE_URL=s3://...), in a bucket of its own;
    returns that storage."""
    for name, value in object_store.config(object_store.new_bucket()).items():
        monkeypatch.setitem(app.config, name, value)
    monkeypatch.setitem(app.extensions, "storage", app.extensions["storage"])
    storage_module.init_app(app)
    store = app.extensions["storage"]
    assert isinstance(store, S3Storage)
    return store


class CuttingRelay:
    """Relays TCP to a server; with `cut_after` set, a connection that has sent more than that
    many bytes upstream is reset, as a dropped mobile link or a dying proxy would."""

    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self.cut_after: int | None = None
        self.cuts = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False),
                             daemon=True).start()

    def _pump(self, src, dst, counting):
        sent = 0
        try:
            while chunk := src.recv(65536):
                if counting and self.cut_after is not None and sent + len(chunk) > self.cut_after:
                    dst.sendall(chunk[:max(self.cut_after - sent, 0)])
                    self.cuts += 1
                    for s in (src, dst):  # reset, not a clean close: the request is incomplete
                        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                        s.close()
                    return
                sent += len(chunk)
                dst.sendall(chunk)
        except OSError:
            pass
        finally:
            shut(src, dst)

    def close(self):
        self.listener.close()


@pytest.fixture
def relay(object_store):
    relay = CuttingRelay(int(object_store.endpoint.rsplit(":", 1)[1]))
    yield relay
    relay.close()
