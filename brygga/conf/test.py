"""Test settings: fast hasher, immediate tasks, mail kept in memory, demo mode off."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ["BRYGGA_DEMO_MODE"] = "false"
os.environ["TASKS_BACKEND"] = "immediate"

from .base import *  # noqa: F403
from .base import DATABASES

# A second alias for the replica router's tests: the same test database (a mirror). Off unless
# a test turns REPLICA_READS on and asks for both databases.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
REPLICA_READS = False

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
