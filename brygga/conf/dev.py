"""Local development: safe defaults for a laptop, then the base settings."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("BRYGGA_DEMO_MODE", "true")
os.environ.setdefault("TASKS_BACKEND", "immediate")

from .base import *  # noqa: F403

WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
