"""Checks for uploaded documents: type by content (not by name or browser claim), size, and a
safe display name. Files are stored under PRIVATE_MEDIA_ROOT, outside the web root."""

from __future__ import annotations

import re
import unicodedata
from typing import IO

from django.conf import settings
from django.core.files.storage import FileSystemStorage

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# Leading bytes ("magic numbers") of the formats we accept.
_SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
]
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


class UploadRejectedError(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "empty", "too_large" or "type"


def sniff_content_type(head: bytes) -> str | None:
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def check_upload(file: IO[bytes], size: int) -> str:
    """The file's real content type, or UploadRejectedError."""
    if size <= 0:
        raise UploadRejectedError("empty")
    if size > MAX_UPLOAD_BYTES:
        raise UploadRejectedError("too_large")
    file.seek(0)
    content_type = sniff_content_type(file.read(16))
    file.seek(0)
    if content_type is None:
        raise UploadRejectedError("type")
    return content_type


def safe_filename(name: str, content_type: str) -> str:
    """A display name without paths, control characters or a misleading extension."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", base)
    # Any whitespace (tabs, line breaks) becomes one space: a name must fit on one line.
    stem = re.sub(r"\s+", " ", stem)
    stem = re.sub(r"[^\w .,()-]", "", stem, flags=re.UNICODE).strip(" .")[:100]
    return f"{stem or 'dokument'}{EXTENSIONS[content_type]}"


def private_storage() -> FileSystemStorage:
    """Storage for personal documents: no URL, so nothing is served without a view."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
