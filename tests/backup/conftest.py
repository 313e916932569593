from ..inspections.conftest import field, version  # noqa: F401  (fixtures shared with sync tests)
