"""Storage in an S3-compatible object store (AWS S3, MinIO, Ceph...) through boto3.

One PUT makes an object visible whole or not at all, so no reader sees half a photo. Every object
carries the SHA-256 of its bytes (metadata `sha256`) for `flask storage check` and `copy-to`."""
import base64
import hashlib
from collections.abc import Iterator
from typing import BinaryIO

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from .interface import ObjectMissing, Storage, StorageUnavailable

CREDENTIALS_REFUSED = {"InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied",
                       "InvalidToken", "ExpiredToken", "403", "Forbidden"}
MISSING = {"NoSuchKey", "404", "NotFound"}


class S3Storage(Storage):
    def __init__(self, bucket: str, prefix: str = "", *, endpoint_url: str | None = None,
                 region: str | None = None, access_key: str | None = None,
                 secret_key: str | None = None, attempts: int = 3, timeout: float = 10):
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.endpoint_url = endpoint_url
        config = Config(
            connect_timeout=timeout, read_timeout=timeout,
            retries={"total_max_attempts": attempts, "mode": "standard"},
            # MinIO and most self-hosted stores address buckets by path, not by host name.
            s3={"addressing_style": "path" if endpoint_url else "auto"},
            # Content-MD5 is what every S3-compatible server checks; newer CRC headers are not.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required")
        # Without explicit keys boto3 reads AWS_ACCESS_KEY_ID etc. (or an instance role) itself.
        self.client = boto3.session.Session().client(
            "s3", endpoint_url=endpoint_url, region_name=region or "us-east-1",
            aws_access_key_id=access_key, aws_secret_access_key=secret_key, config=config)

    def _key(self, key: str) -> str:
        if not key or key.startswith("/") or ".." in key.split("/"):
            raise ValueError(f"bad storage key: {key!r}")
        return self.prefix + key

    def _unavailable(self, err: Exception, action: str) -> StorageUnavailable:
        where = self.describe()
        if isinstance(err, ClientError):
            code = err.response.get("Error", {}).get("Code", "")
            if code == "NoSuchBucket":
                return StorageUnavailable(f"{where}: the bucket {self.bucket!r} does not exist")
            if code in CREDENTIALS_REFUSED:
                return StorageUnavailable(
                    f"{where}: credentials refused while trying to {action} ({code}); check "
                    "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
            return StorageUnavailable(f"{where}: could not {action}: {code} "
                                      f"{err.response.get('Error', {}).get('Message', '')}")
        return StorageUnavailable(f"{where}: could not {action}: {err}")

    def put(self, key: str, data: bytes) -> None:
        md5 = base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode()
        try:
            self.client.put_object(
                Bucket=self.bucket, Key=self._key(key), Body=data, ContentMD5=md5,
                Metadata={"sha256": hashlib.sha256(data).hexdigest()})
        except (ClientError, BotoCoreError) as err:
            raise self._unavailable(err, f"store {key}") from err

    def open(self, key: str) -> BinaryIO:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._key(key))["Body"]
        except ClientError as err:
            if err.response.get("Error", {}).get("Code") in MISSING:
                raise ObjectMissing(key) from None
            raise self._unavailable(err, f"read {key}") from err
        except BotoCoreError as err:
            raise self._unavailable(err, f"read {key}") from err

    def get(self, key: str) -> bytes:
        body = self.open(key)
        try:
            return body.read()
        except BotoCoreError as err:
            raise self._unavailable(err, f"read {key}") from err
        finally:
            body.close()

    def _head(self, key: str) -> dict | None:
        try:
            return self.client.head_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as err:
            if err.response.get("Error", {}).get("Code") not in MISSING:
                raise self._unavailable(err, f"look up {key}") from err
        except BotoCoreError as err:
            raise self._unavailable(err, f"look up {key}") from err
        # HEAD answers a bare 404 for a missing bucket too: tell the two apart.
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as err:
            if err.response.get("Error", {}).get("Code") in MISSING:
                raise StorageUnavailable(
                    f"{self.describe()}: the bucket {self.bucket!r} does not exist") from err
            raise self._unavailable(err, f"look up {key}") from err
        except BotoCoreError as err:
            raise self._unavailable(err, f"look up {key}") from err
        return None

    def exists(self, key: str) -> bool:
        return self._head(key) is not None

    def recorded_sha256(self, key: str) -> str | None:
        head = self._head(key)
        if head is None:
            raise ObjectMissing(key)
        return head.get("Metadata", {}).get("sha256")

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self._key(key))
        except (ClientError, BotoCoreError) as err:
            raise self._unavailable(err, f"delete {key}") from err

    def keys(self, prefix: str = "") -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix + prefix)
        try:
            for page in pages:
                for obj in page.get("Contents", []):
                    yield obj["Key"][len(self.prefix):]
        except (ClientError, BotoCoreError) as err:
            raise self._unavailable(err, "list the objects") from err

    def describe(self) -> str:
        url = f"s3://{self.bucket}/{self.prefix}".rstrip("/")
        return f"{url} at {self.endpoint_url}" if self.endpoint_url else url
