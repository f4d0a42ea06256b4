"""Uploaded files recognised by their content, never by the name the uploader chose.

A decision, a legal document or a controlled document arrives as a PDF, an Office Open XML
file (DOCX, XLSX) or a scanned image; anything else, a renamed executable included, is
refused before it is stored; so is a zip bomb, an Office file with macros or programs and a
PDF that does not parse or runs scripts (`chuan.core.archives`, `chuan.core.sandbox`).
Downloads are served as attachments with the type found here.
"""

import hashlib
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from chuan.core.archives import (
    ArchiveLimits,
    UnsafeFileError,
    archive_measure,
    archive_refuse_active,
    open_archive,
)
from chuan.core.sandbox import sandboxed_read
from chuan.core.text import fold

FILE_MAX_BYTES = 10 * 1024 * 1024

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
KIND_LABELS = {"pdf": "PDF", "png": "PNG", "jpg": "JPEG", "docx": "DOCX", "xlsx": "XLSX"}
_MAGIC = ((b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))
# The part an Office Open XML package must hold to be a document of that kind; any other ZIP
# (an archive of executables) is refused.
_OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def _ooxml_kind(file: IO[bytes], limits: ArchiveLimits | None) -> str | None:
    """The kind of an Office Open XML package, once the archive is bounded; another ZIP (an
    archive of executables) is None. Raise UnsafeFileError for a bomb or active content."""
    with open_archive(file, limits) as archive:
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names:
            return None
        kind = next((kind for kind, part in _OOXML_PARTS.items() if part in names), None)
        if kind is not None:
            archive_measure(archive, limits)
            archive_refuse_active(archive)
        return kind


def file_kind(file: IO[bytes], limits: ArchiveLimits | None = None) -> str | None:
    """What the file really is (`pdf`, `png`, `jpg`, `docx`, `xlsx`), or None. An Office file
    is checked as an archive first (`chuan.core.archives`): raise UnsafeFileError for a zip bomb
    or for macros and embedded programs."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    kind = next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)
    try:
        if kind is None and head.startswith(b"PK\x03\x04"):
            kind = _ooxml_kind(file, limits)
    finally:
        file.seek(0)
    return kind


def _choices(kinds: tuple[str, ...]) -> str:
    labels = [KIND_LABELS.get(kind, kind.upper()) for kind in kinds]
    if len(labels) < 2:
        return "".join(labels)
    return _("%(first)s or %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def upload_size_message() -> str:
    return _("The file is larger than the %(mb)s MB allowed; choose a smaller file.") % {
        "mb": FILE_MAX_BYTES // (1024 * 1024)
    }


def upload_type_message(kinds: tuple[str, ...]) -> str:
    return _(
        "This type of file is not accepted: choose a %(kinds)s file (of at most %(mb)s MB)."
    ) % {"kinds": _choices(kinds), "mb": FILE_MAX_BYTES // (1024 * 1024)}


@dataclass(frozen=True)
class CheckedFile:
    """An upload found safe: the name to store it under, what it is, and its words when
    they were asked for."""

    name: str
    kind: str
    text: str = ""


def checked_upload(
    file: UploadedFile, *, kinds: tuple[str, ...], field: str = "file", text: bool = False
) -> CheckedFile:
    """Check an upload before it is stored: its size, what its content really is (one of
    `kinds`), that an Office file is no zip bomb and carries no macros or programs, and that
    a PDF parses and runs no script (read in a bounded child process). With `text`, a DOCX,
    XLSX or PDF is also read for its words in that child. Raise ValidationError on `field`
    with the reason: the size, the type and a refused content each have their own message."""
    if not file.size:
        raise ValidationError({field: [_("The file is empty.")]})
    if file.size > FILE_MAX_BYTES:
        raise ValidationError({field: [upload_size_message()]})
    try:
        kind = file_kind(file)
        if kind is None or kind not in kinds:
            raise ValidationError({field: [upload_type_message(kinds)]})
        words = ""
        if kind == "pdf" or (text and kind in ("docx", "xlsx")):
            file.seek(0)
            words = sandboxed_read(file.read(), kind, text=text)
    except UnsafeFileError as exc:
        raise ValidationError({field: [exc.message]}) from exc
    finally:
        file.seek(0)
    stem = (file.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    return CheckedFile(name=f"{slugify(fold(stem))[:80] or 'tep'}.{kind}", kind=kind, text=words)


def checked_upload_name(file: UploadedFile, *, kinds: tuple[str, ...], field: str = "file") -> str:
    """`checked_upload` for a file kept without its words; the name to store it under."""
    return checked_upload(file, kinds=kinds, field=field).name


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
