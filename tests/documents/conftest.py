# The minutes' factory and the test run's signing certificate, for the documents that follow them.
from ..minutes.conftest import _signing_dir, make_minutes  # noqa: F401
