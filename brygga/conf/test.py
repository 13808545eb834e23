"""Test settings: fast hasher, immediate tasks, mail kept in memory, demo mode off."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ["BRYGGA_DEMO_MODE"] = "false"
os.environ["TASKS_BACKEND"] = "immediate"

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
