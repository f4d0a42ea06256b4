"""Office files (DOCX, XLSX) checked as archives before anything parses them.

A DOCX or XLSX is a ZIP archive of XML parts. A 59 KB DOCX whose XML inflated to 40 MB once
took a worker to 1.2 GB and got it killed: the parsers trust the archive. So every archive is
measured first from its directory alone, without inflating anything: how many parts it
declares, how large they are once unpacked and how strongly they are compressed, each against
a bound (`CHUAN_ARCHIVE_*` settings). Python's zipfile never yields more than the size a part
declares (a part that inflates further fails its checksum), so bounding the declared sizes
bounds what any parser can be made to read. An Office file that carries macros, ActiveX
controls, embedded OLE objects or programs, or that loads a template or object from elsewhere
when opened, is refused too: officials download these files and open them in Word.
"""

import re
import struct
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

MB = 1024 * 1024
# Below this size a part's compression ratio says nothing: a few KB of repeated XML
# compresses a thousand times and harms nobody.
_RATIO_FLOOR = 1 * MB
# A central directory record is 46 bytes and a name; Office part names are short, so a
# directory far larger than the parts it may declare is a forgery (zipfile would build one
# object per record before anyone could count them).
_DIRECTORY_BYTES_PER_ENTRY = 1024
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"

# Parts and content types that run code when the file is opened.
_ACTIVE_NAME = re.compile(
    r"(^|/)(vbaProject\.bin|vbaData\.xml|vbaProjectSignature\.bin)$"
    r"|(^|/)activeX/"
    r"|(^|/)embeddings/.*\.bin$"
    r"|\.(exe|dll|com|scr|pif|cpl|msi|msp|bat|cmd|ps1|vbs|vbe|js|jse|wsf|wsh|hta|jar|lnk|"
    r"sh|elf|app|docm|xlsm|pptm|dotm|xltm|xlam|ppam)$",
    re.IGNORECASE,
)
_ACTIVE_TYPES = (b"macroenabled", b"vbaproject", b"oleobject", b"activex")
# Heads of executables and of OLE compound files (the container of embedded objects and of
# the old macro-carrying formats).
_ACTIVE_HEADS = (
    b"MZ",
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\xcf\xfa\xed\xfe",
    b"\xfe\xed\xfa",
    b"#!",
)
# Relationships that fetch something from elsewhere when the file is opened (the remote
# template and object tricks); external hyperlinks are ordinary and allowed.
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>", re.IGNORECASE)
_EXTERNAL_ACTIVE = re.compile(
    rb"/(attachedTemplate|oleObject|frame|subDocument|package|control)\"", re.IGNORECASE
)


class UnsafeFileError(Exception):
    """The file is refused before parsing, with a message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DamagedArchiveError(UnsafeFileError):
    """Not a readable ZIP archive at all (as opposed to a readable one refused)."""


@dataclass(frozen=True)
class ArchiveLimits:
    entries: int
    unpacked_bytes: int
    ratio: int


def archive_limits(*, unpacked_mb: int | None = None) -> ArchiveLimits:
    """The bounds from settings; `unpacked_mb` narrows the unpacked size (imports, parsed in
    the request's own process, get a smaller one)."""
    return ArchiveLimits(
        entries=int(getattr(settings, "CHUAN_ARCHIVE_MAX_ENTRIES", 1000)),
        unpacked_bytes=(unpacked_mb or int(getattr(settings, "CHUAN_ARCHIVE_MAX_MB", 100))) * MB,
        ratio=int(getattr(settings, "CHUAN_ARCHIVE_MAX_RATIO", 100)),
    )


def _damaged() -> UnsafeFileError:
    return DamagedArchiveError(_("The file is a damaged archive and cannot be read."))


def _directory_extent(file: IO[bytes]) -> tuple[int, int]:
    """The number of entries and the size of the central directory, read from its end
    record (ZIP64 included) without reading the directory itself."""
    file.seek(0, 2)
    size = file.tell()
    tail_size = min(size, 22 + 0xFFFF + 20)
    file.seek(size - tail_size)
    tail = file.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        raise _damaged()
    fields = struct.unpack("<4s4H2LH", tail[at : at + 22])
    entries, directory_size, directory_offset = fields[4], fields[5], fields[6]
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF or directory_offset == 0xFFFFFFFF:
        locator = tail[at - 20 : at] if at >= 20 else b""
        if not locator.startswith(_EOCD64_LOCATOR):
            raise _damaged()
        record_offset = struct.unpack("<4sLQL", locator)[2]
        if record_offset >= size:
            raise _damaged()
        file.seek(record_offset)
        record = file.read(56)
        if len(record) < 56 or not record.startswith(_EOCD64):
            raise _damaged()
        fields64 = struct.unpack("<4sQ2H2L4Q", record)
        entries, directory_size = fields64[7], fields64[8]
    return entries, directory_size


def _too_many(limits: ArchiveLimits) -> UnsafeFileError:
    return UnsafeFileError(
        _(
            "The file holds more than %(n)s parts, far more than a real document; it is "
            "refused as a possible zip bomb."
        )
        % {"n": limits.entries}
    )


def open_archive(file: IO[bytes], limits: ArchiveLimits | None = None) -> zipfile.ZipFile:
    """The ZIP archive, once its directory is bounded (entries and directory size); raise
    UnsafeFileError otherwise. Nothing is inflated yet."""
    limits = limits or archive_limits()
    entries, directory_size = _directory_extent(file)
    if entries > limits.entries or directory_size > limits.entries * _DIRECTORY_BYTES_PER_ENTRY:
        raise _too_many(limits)
    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise _damaged() from exc
    if len(archive.infolist()) > limits.entries:
        raise _too_many(limits)
    return archive


def archive_measure(archive: zipfile.ZipFile, limits: ArchiveLimits | None = None) -> None:
    """Refuse the archive if its parts unpack beyond the bound in total, or if one large part
    is compressed more strongly than real Office XML ever is."""
    limits = limits or archive_limits()
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if total > limits.unpacked_bytes:
            raise UnsafeFileError(
                _(
                    "The file unpacks to more than %(mb)s MB, far more than a real document; "
                    "it is refused as a possible zip bomb."
                )
                % {"mb": limits.unpacked_bytes // MB}
            )
        if info.file_size > _RATIO_FLOOR and (
            info.compress_size == 0 or info.file_size / info.compress_size > limits.ratio
        ):
            raise UnsafeFileError(
                _(
                    "A part of the file is compressed more than %(ratio)s times, which no "
                    "real document is; it is refused as a possible zip bomb."
                )
                % {"ratio": limits.ratio}
            )


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with archive.open(info) as part:
            return part.read(8)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise _damaged() from exc


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # Content types and relationships are a few KB; the archive's bound already applies.
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise _damaged() from exc


def _refuse_active(what: str) -> UnsafeFileError:
    return UnsafeFileError(
        _(
            "The file carries macros, embedded objects or programs (%(part)s), which run when "
            "it is opened; save it again as a plain DOCX or XLSX without them and upload that."
        )
        % {"part": what}
    )


def archive_refuse_active(archive: zipfile.ZipFile) -> None:
    """Refuse an Office file carrying macros, ActiveX, OLE objects or executables, or one
    that loads a template or object from elsewhere when opened."""
    for info in archive.infolist():
        name = info.filename
        if _ACTIVE_NAME.search(name):
            raise _refuse_active(name)
        lowered = name.lower()
        if lowered == "[content_types].xml":
            types = _read_small(archive, info).lower()
            found = next((kind for kind in _ACTIVE_TYPES if kind in types), None)
            if found:
                raise _refuse_active(found.decode())
        elif lowered.endswith(".rels"):
            for relationship in _RELATIONSHIP.findall(_read_small(archive, info)):
                if b"external" in relationship.lower() and _EXTERNAL_ACTIVE.search(relationship):
                    raise _refuse_active(name)
        elif (
            not lowered.endswith(".xml")
            and not info.is_dir()
            and info.file_size
            and _head(archive, info).startswith(_ACTIVE_HEADS)
        ):
            raise _refuse_active(name)


def archive_check(file: IO[bytes], limits: ArchiveLimits | None = None) -> set[str]:
    """Check an Office file as an archive (bounds, then active content); return its part
    names. Raise UnsafeFileError with the reason otherwise. The file is rewound."""
    try:
        with open_archive(file, limits) as archive:
            archive_measure(archive, limits)
            archive_refuse_active(archive)
            return set(archive.namelist())
    finally:
        file.seek(0)
