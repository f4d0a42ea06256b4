"""The words of a controlled document's file, for search: the paragraphs and tables of a
DOCX, the cells of an XLSX, the text layer of a PDF (a scanned PDF has none and is found
by its code and title only).

The file is read once, at upload, in a child process bounded in time and memory
(`chuan.core.sandbox`), after its archive was checked (`chuan.core.archives`): a file that
cannot be read there is refused with the reason, never stored without its words and never
able to take the web worker down.
"""

from django.core.files.uploadedfile import UploadedFile

from chuan.core.files import CheckedFile, checked_upload

DOCUMENT_FILE_KINDS = ("docx", "pdf", "xlsx")


def document_file_read(file: UploadedFile, *, field: str = "file") -> CheckedFile:
    """Check a controlled document's file and read its words; raise ValidationError on
    `field` with the reason (size, type, zip bomb, macros, scripts, unreadable)."""
    return checked_upload(file, kinds=DOCUMENT_FILE_KINDS, field=field, text=True)
