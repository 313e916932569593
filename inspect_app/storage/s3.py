"""Storage in an S3-compatible object store (AWS S3, MinIO, Ceph...) through the MinIO client.

One PUT makes an object visible whole or not at all, so no reader sees half a photo. Every object
carries the SHA-256 of its bytes (metadata `sha256`) for `flask storage check` and `copy-to`.
The server checks each body: over HTTPS against its Content-MD5, over plain HTTP against the
payload hash the request is signed with.

Why the MinIO client rather than boto3: a photo upload writes two objects, and boto3 spent
~1.5–3 ms of CPU on each request (its event hooks, endpoint rules and parsers), the MinIO client
~0.6–1.4 ms (bench/README.md, "bench_end_of_day.py")."""
import hashlib
import io
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import urlsplit

import urllib3
from minio import Minio
from minio.credentials import ChainedProvider, EnvAWSProvider, IamAwsProvider
from minio.error import MinioException, S3Error

from .interface import ObjectMissing, Storage, StorageUnavailable

CREDENTIALS_REFUSED = {"InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied",
                       "InvalidToken", "ExpiredToken"}
MISSING = {"NoSuchKey", "NoSuchObject"}
# What a request can fail with short of an answer: the network, the server, the client itself.
FAILURES = (MinioException, urllib3.exceptions.HTTPError, OSError, ValueError)


class S3Storage(Storage):
    def __init__(self, bucket: str, prefix: str = "", *, endpoint_url: str | None = None,
                 region: str | None = None, access_key: str | None = None,
                 secret_key: str | None = None, attempts: int = 3, timeout: float = 10):
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.endpoint_url = endpoint_url
        where = urlsplit(endpoint_url or "https://s3.amazonaws.com")
        http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=timeout, read=timeout), maxsize=10,
            retries=urllib3.Retry(total=attempts - 1, backoff_factor=0.2,
                                  status_forcelist=[500, 502, 503, 504]))
        self.client = Minio(
            where.netloc, access_key=access_key, secret_key=secret_key,
            secure=where.scheme == "https", region=region or "us-east-1", http_client=http,
            # Without explicit keys: AWS_ACCESS_KEY_ID etc., or the host's instance role.
            credentials=None if access_key else ChainedProvider([EnvAWSProvider(),
                                                                 IamAwsProvider()]))

    def _key(self, key: str) -> str:
        if not key or key.startswith("/") or ".." in key.split("/"):
            raise ValueError(f"bad storage key: {key!r}")
        return self.prefix + key

    def _unavailable(self, err: Exception, action: str) -> StorageUnavailable:
        where = self.describe()
        if isinstance(err, S3Error):
            if err.code == "NoSuchBucket":
                return StorageUnavailable(f"{where}: the bucket {self.bucket!r} does not exist")
            if err.code in CREDENTIALS_REFUSED:
                return StorageUnavailable(
                    f"{where}: credentials refused while trying to {action} ({err.code}); "
                    "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
            return StorageUnavailable(f"{where}: could not {action}: {err.code} {err.message}")
        return StorageUnavailable(f"{where}: could not {action}: {err}")

    def put(self, key: str, data: bytes) -> None:
        name = self._key(key)
        try:
            self.client.put_object(self.bucket, name, io.BytesIO(data), len(data),
                                   metadata={"sha256": hashlib.sha256(data).hexdigest()})
        except FAILURES as err:
            raise self._unavailable(err, f"store {key}") from err

    def open(self, key: str) -> BinaryIO:
        name = self._key(key)
        try:
            return _Body(self.client.get_object(self.bucket, name), self, key)
        except S3Error as err:
            if err.code in MISSING:
                raise ObjectMissing(key) from None
            raise self._unavailable(err, f"read {key}") from err
        except FAILURES as err:
            raise self._unavailable(err, f"read {key}") from err

    def get(self, key: str) -> bytes:
        with self.open(key) as body:
            return body.read()

    def _head(self, key: str):
        name = self._key(key)
        try:
            return self.client.stat_object(self.bucket, name)
        except S3Error as err:
            if err.code not in MISSING:
                raise self._unavailable(err, f"look up {key}") from err
        except FAILURES as err:
            raise self._unavailable(err, f"look up {key}") from err
        # HEAD answers a bare 404 for a missing bucket too: tell the two apart.
        try:
            exists = self.client.bucket_exists(self.bucket)
        except FAILURES as err:
            raise self._unavailable(err, f"look up {key}") from err
        if not exists:
            raise StorageUnavailable(
                f"{self.describe()}: the bucket {self.bucket!r} does not exist")
        return None

    def exists(self, key: str) -> bool:
        return self._head(key) is not None

    def recorded_sha256(self, key: str) -> str | None:
        head = self._head(key)
        if head is None:
            raise ObjectMissing(key)
        return (head.metadata or {}).get("x-amz-meta-sha256")

    def delete(self, key: str) -> None:
        name = self._key(key)
        try:
            self.client.remove_object(self.bucket, name)
        except FAILURES as err:
            raise self._unavailable(err, f"delete {key}") from err

    def keys(self, prefix: str = "") -> Iterator[str]:
        try:
            for obj in self.client.list_objects(self.bucket, prefix=self.prefix + prefix,
                                                recursive=True):
                yield obj.object_name[len(self.prefix):]
        except FAILURES as err:
            raise self._unavailable(err, "list the objects") from err

    def describe(self) -> str:
        url = f"s3://{self.bucket}/{self.prefix}".rstrip("/")
        return f"{url} at {self.endpoint_url}" if self.endpoint_url else url


class _Body(io.RawIOBase):
    """An object's bytes as a stream; closing it hands the connection back to the pool, and a
    connection lost while reading is StorageUnavailable like any other failure."""

    def __init__(self, response, store: S3Storage, key: str):
        self._response, self._store, self._key = response, store, key

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            return self._response.readinto(buffer)
        except FAILURES as err:
            raise self._store._unavailable(err, f"read {self._key}") from err

    def readall(self) -> bytes:
        try:
            return self._response.read()
        except FAILURES as err:
            raise self._store._unavailable(err, f"read {self._key}") from err

    def close(self) -> None:
        if not self.closed:
            self._response.close()
            self._response.release_conn()
        super().close()
