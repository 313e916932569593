"""Copy a store into another and check stored bytes against their SHA-256 (the CLI's work)."""
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .interface import ObjectMissing, Storage, StorageUnavailable

# Issued PDFs are named by the SHA-256 of their bytes (minutes, documents, remediation reports).
# Photos are not: the name is the hash the phone sent, the bytes are stripped of their metadata.
NAMED_BY_HASH = re.compile(r"^(minutes|documents|remediation-reports)/[0-9a-f]{2}/([0-9a-f]{64})\.pdf$")


def name_sha256(key: str) -> str | None:
    """The SHA-256 a content-addressed key names, None for other keys."""
    m = NAMED_BY_HASH.match(key)
    return m.group(2) if m else None


@dataclass
class Tally:
    copied: int = 0
    already: int = 0
    verified: int = 0
    unrecorded: int = 0  # objects whose store keeps no hash to compare with (local disk, photos)
    damaged: list[str] = field(default_factory=list)


def _damage(key: str, actual: str, recorded: str | None) -> str | None:
    named = name_sha256(key)
    if named and actual != named:
        return f"{key}: SHA-256 {actual} differs from its name"
    if recorded and actual != recorded:
        return f"{key}: SHA-256 {actual} differs from the recorded {recorded}"
    return None


def copy_store(source: Storage, target: Storage, report: Callable[[str], None] = print) -> Tally:
    """Copy every object of `source` missing from `target` (or different there), reading each
    copy back and comparing its SHA-256; objects already there are skipped, so a second run after
    an interruption goes on where the first stopped. A damaged source object is not copied."""
    tally = Tally()
    next(iter(target.keys()), None)  # an unusable target is said at once, not after the reading
    for key in source.keys():
        data = source.get(key)
        sha = hashlib.sha256(data).hexdigest()
        damage = _damage(key, sha, source.recorded_sha256(key))
        if damage:
            tally.damaged.append(damage)
            report(f"not copied: {damage}")
            continue
        try:
            if target.recorded_sha256(key) == sha:
                tally.already += 1
                continue
        except ObjectMissing:
            pass
        target.put(key, data)
        back = hashlib.sha256(target.get(key)).hexdigest()
        if back != sha:
            target.delete(key)
            raise StorageUnavailable(f"{key}: read back with SHA-256 {back}, sent {sha}")
        tally.copied += 1
        if tally.copied % 100 == 0:
            report(f"{tally.copied} copied...")
    return tally


def check_store(store: Storage) -> Tally:
    """Read every object and compare its SHA-256 with its name and with the recorded one."""
    tally = Tally()
    for key in store.keys():
        sha = hashlib.sha256(store.get(key)).hexdigest()
        recorded = store.recorded_sha256(key)
        damage = _damage(key, sha, recorded)
        if damage:
            tally.damaged.append(damage)
        elif recorded or name_sha256(key):
            tally.verified += 1
        else:
            tally.unrecorded += 1
    return tally
