"""Benchmark settings (`make bench`): the test settings plus the bench app and its admin.

DEBUG stays off, so timings are those of production code paths; the database comes from
DATABASE_URL, set per run by scripts/bench.py.
"""

from .test import *  # noqa: F403
from .test import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "brygga.bench"]
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
