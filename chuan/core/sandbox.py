"""Reading an uploaded file's content in a child process under a time and memory bound.

Parsers of PDF, DOCX and XLSX are large and a crafted file can make them allocate without
end or loop; in the request's own process that kills the worker and every request it holds.
So the file is handed to `chuan/core/file_reader.py`, run as a separate Python process that
caps its own address space (`CHUAN_FILE_READ_MB`) and CPU time (`CHUAN_FILE_READ_SECONDS`)
before importing a parser; the parent also waits at most that long (plus start-up) and then
kills it. Whatever goes wrong in the child becomes a refusal with a message for the user.
"""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from chuan.core.archives import UnsafeFileError

RUNNER = Path(__file__).with_name("file_reader.py")
# Starting Python and importing a parser takes a fraction of a second; a loaded machine
# may take longer, and that must not count as the file's fault.
_START_SECONDS = 5


def read_limits() -> tuple[int, int]:
    """CPU seconds and memory (MB) the child may use."""
    return (
        int(getattr(settings, "CHUAN_FILE_READ_SECONDS", 10)),
        int(getattr(settings, "CHUAN_FILE_READ_MB", 512)),
    )


def _refusal(reason: str, kind: str, seconds: int, megabytes: int) -> UnsafeFileError:
    label = kind.upper()
    messages = {
        "script": _(
            "The PDF carries scripts or actions that run when it is opened; print it again "
            "to a plain PDF and upload that."
        ),
        "program": _("The PDF carries an embedded program; upload the document without it."),
        "encrypted": _("The PDF is password-protected; upload it without the protection."),
        "unreadable": _("The file is damaged or is not really a %(kind)s file; it cannot be read.")
        % {"kind": label},
    }
    return UnsafeFileError(
        messages.get(reason)
        or _(
            "The file could not be read within %(seconds)s seconds and %(mb)s MB of memory; "
            "it is refused. Save it again (or print it to PDF) and upload that."
        )
        % {"seconds": seconds, "mb": megabytes}
    )


def sandboxed_read(content: bytes, kind: str, *, text: bool) -> str:
    """Check the file's content in the child (a PDF must parse and run nothing; a DOCX or
    XLSX must parse) and, if `text`, return its words. Raise UnsafeFileError otherwise."""
    seconds, megabytes = read_limits()
    command = [
        sys.executable,
        "-I",  # no environment, no user site, not the working directory
        str(RUNNER),
        kind,
        "text" if text else "check",
        str(seconds),
        str(megabytes),
    ]
    try:
        finished = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            command,
            input=content,
            capture_output=True,
            timeout=seconds + _START_SECONDS,
            check=False,
            env={"LC_ALL": "C.UTF-8"},
        )
    except subprocess.TimeoutExpired as exc:  # run() has killed the child
        raise _refusal("time", kind, seconds, megabytes) from exc
    try:
        answer = json.loads(finished.stdout) if finished.returncode == 0 else {}
    except ValueError:
        answer = {}
    if answer.get("ok") is True:
        return str(answer.get("text", ""))
    raise _refusal(str(answer.get("reason", "limits")), kind, seconds, megabytes)
