"""Storage keys for photos: content-addressed, so one picture is stored once whoever sends it."""


def original(sha256: str) -> str:
    return f"photos/{sha256[:2]}/{sha256}.jpg"


def thumbnail(sha256: str) -> str:
    return f"thumbs/{sha256[:2]}/{sha256}.jpg"
