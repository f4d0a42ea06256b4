"""Uploaded files recognised by their content, never by the name the uploader chose.

A decision, a legal document or a controlled document arrives as a PDF, an Office Open XML
file (DOCX, XLSX) or a scanned image; anything else, a renamed executable included, is
refused before it is stored. Downloads are served as attachments with the type found here.
"""

import hashlib
import zipfile
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils.text import slugify

from chuan.core.text import fold

FILE_MAX_BYTES = 10 * 1024 * 1024

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_MAGIC = ((b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))
# The part an Office Open XML package must hold to be a document of that kind; any other ZIP
# (an archive of executables) is refused.
_OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def _ooxml_kind(file: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for kind, part in _OOXML_PARTS.items() if part in names), None)


def file_kind(file: IO[bytes]) -> str | None:
    """What the file really is (`pdf`, `png`, `jpg`, `docx`, `xlsx`), or None."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    kind = next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)
    if kind is None and head.startswith(b"PK\x03\x04"):
        kind = _ooxml_kind(file)
    file.seek(0)
    return kind


def checked_upload_name(
    file: UploadedFile, *, kinds: tuple[str, ...], message: str, field: str = "file"
) -> str:
    """Check an upload by size and content; return the name to store it under (the original
    stem, folded, with the extension of what it really is). Raise ValidationError on `field`
    with `message` otherwise."""
    if file.size is None or file.size == 0 or file.size > FILE_MAX_BYTES:
        raise ValidationError({field: [message]})
    kind = file_kind(file)
    if kind not in kinds:
        raise ValidationError({field: [message]})
    stem = (file.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    return f"{slugify(fold(stem))[:80] or 'tep'}.{kind}"


def sha256_of(file: IO[bytes]) -> str:
    """The checksum stored beside a file, so a changed file on disk is noticed."""
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(1 << 16), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def download(field_file: Any) -> FileResponse:
    """A stored file as a download, never shown inline (the browser must not render what an
    uploader sent), typed by its checked extension; 404 when it is absent."""
    if not field_file:
        raise Http404
    name = field_file.name.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower()
    content_type = CONTENT_TYPES.get(extension) or "application/octet-stream"
    try:
        handle = field_file.open("rb")
    except OSError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
