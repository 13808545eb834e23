"""The dated world of `test_unimplemented` is shared with the quarter report's tests."""

from .test_unimplemented import world  # noqa: F401 - a fixture, used by name
