"""The child process that reads an uploaded file: run as a script, never imported by Django.

The parent (`chuan.core.sandbox`) starts it with the file on stdin and the kind, the mode
("check" or "text"), a CPU-seconds bound and a memory bound in MB as arguments. It caps its
own address space and CPU time before importing any parser, so a parser blow-up (a crafted
PDF, XML that inflates beyond what the archive check allows) kills only this process. It
writes one JSON object on stdout: {"ok": true, "text": …} or {"ok": false, "reason": …,
"detail": …}. It imports nothing of Chuẩn and needs no database.
"""

import io
import json
import re
import resource
import sys
import time
from typing import Any

TEXT_LIMIT = 200_000
PDF_PAGE_LIMIT = 200
PDF_SECONDS = 3.0
# Objects of a PDF visited when looking for scripts; real documents of a few hundred pages
# hold tens of thousands.
PDF_OBJECT_LIMIT = 500_000
_EXECUTABLE_HEADS = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa", b"#!")
_EXECUTABLE_SUFFIXES = (
    ".exe", ".dll", ".com", ".scr", ".pif", ".cpl", ".msi", ".bat", ".cmd", ".ps1", ".vbs",
    ".vbe", ".js", ".jse", ".wsf", ".hta", ".jar", ".lnk", ".sh", ".app", ".docm", ".xlsm",
)  # fmt: skip


class RefusedError(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


MEMORY_BOUND = [0]


def _peak_bytes() -> int:
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _unreadable(exc: Exception) -> RefusedError:
    """A parser's failure: out of memory or damage. lxml reports a failed allocation as an
    "unknown" syntax error, so a failure after using most of the bound counts as memory."""
    detail = f"{type(exc).__name__}: {exc}"[:200]
    peak = _peak_bytes()
    if "memory" in detail.lower() or peak > MEMORY_BOUND[0] // 2:
        return RefusedError("memory", detail)
    return RefusedError("unreadable", detail)


def limit(seconds: int, megabytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    memory = MEMORY_BOUND[0] = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


# --- PDF ---------------------------------------------------------------------------------


def _embedded_is_program(spec: Any) -> str:
    """The name of an embedded file that is a program, or ""."""
    from pypdf.generic import DictionaryObject

    names = [str(spec.get(key, "")) for key in ("/UF", "/F")]
    for name in names:
        if name.lower().endswith(_EXECUTABLE_SUFFIXES):
            return name
    streams = spec.get("/EF")
    if isinstance(streams, DictionaryObject):
        for key in list(streams.keys()):
            stream: Any = streams[key].get_object()
            data = stream.get_data() if hasattr(stream, "get_data") else b""
            if data.startswith(_EXECUTABLE_HEADS):
                return next((name for name in names if name), "?")
    return ""


def pdf_inspect(reader: Any) -> None:
    """Refuse a PDF that runs something: JavaScript (/JS, /JavaScript, also in /OpenAction),
    additional actions (/AA), launch actions, or an embedded file that is a program. Every
    object reachable from the trailer is visited once; names are compared decoded, so
    `/J#61vaScript` is caught too."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > PDF_OBJECT_LIMIT:
            raise RefusedError("complex")
        if isinstance(item, DictionaryObject):
            keys = set(item.keys())
            for active in ("/JS", "/JavaScript", "/AA"):
                if active in keys:
                    raise RefusedError("script", active)
            action = dict.get(item, "/S")
            if action in ("/JavaScript", "/Launch"):
                raise RefusedError("script", str(action))
            if "/EF" in keys:
                program = _embedded_is_program(item)
                if program:
                    raise RefusedError("program", program)
            stack.extend(dict.values(item))
        elif isinstance(item, ArrayObject):
            stack.extend(list.__iter__(item))


def pdf_read(content: bytes, want_text: bool) -> str:
    from pypdf import PdfReader

    reader: Any = None
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise RefusedError("encrypted")
        pages = reader.pages
        if len(pages) == 0:
            raise RefusedError("unreadable")
        # A reference to nowhere or a broken object stream is damage, not a crash.
        pdf_inspect(reader)
    except (RefusedError, MemoryError, RecursionError):
        raise
    except Exception as exc:  # pypdf raises many kinds for a damaged file
        if reader is not None and reader.is_encrypted:
            raise RefusedError("encrypted", type(exc).__name__) from exc
        raise _unreadable(exc) from exc
    if not want_text:
        return ""
    words: list[str] = []
    size = 0
    began = time.monotonic()
    for page in pages[:PDF_PAGE_LIMIT]:
        try:
            text = page.extract_text() or ""
        except MemoryError:
            raise
        except Exception:  # one unreadable page keeps the others' words
            text = ""
        words.append(text)
        size += len(text)
        # Long manuals: the first pages are enough to be found by.
        if size >= TEXT_LIMIT or time.monotonic() - began > PDF_SECONDS:
            break
    return "\n".join(words)


# --- Office ------------------------------------------------------------------------------


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAIN_PART = re.compile(
    rb'PartName="/([^"]+)"\s+ContentType="application/vnd\.openxmlformats-officedocument\.'
    rb'wordprocessingml\.document\.main\+xml"'
)


def docx_read(content: bytes, want_text: bool) -> str:
    """The text of the main document part, paragraph by paragraph (table cells included, in
    document order), streamed: the standard library's expat parser, not python-docx, so the
    child starts in a few tens of milliseconds (the demo reads a hundred files) and holds
    one paragraph at a time however long the document is."""
    import zipfile
    from xml.etree.ElementTree import iterparse

    paragraphs: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            found = _MAIN_PART.search(archive.read("[Content_Types].xml"))
            name = found.group(1).decode() if found else "word/document.xml"
            with archive.open(name) as part:
                body: Any = None
                current: list[str] = []
                size = 0
                # Expat (2.4.1 and later, bundled with Python 3.11) refuses entity
                # amplification and ElementTree fetches no external entity; this process is
                # bounded besides.
                for event, element in iterparse(part, events=("start", "end")):  # noqa: S314
                    tag = element.tag
                    if event == "start":
                        if tag == _W + "body":
                            body = element
                        continue
                    if tag == _W + "t":
                        current.append(element.text or "")
                    elif tag == _W + "tab":
                        current.append("\t")
                    elif tag in (_W + "br", _W + "cr"):
                        current.append("\n")
                    elif tag == _W + "p":
                        paragraphs.append("".join(current))
                        current = []
                        size += len(paragraphs[-1]) + 1
                        element.clear()
                        if body is not None and len(paragraphs) % 256 == 0:
                            # Finished paragraphs and tables hang on the body; the text is
                            # taken, so let them go (an open table stays in the parser).
                            del body[:]
                        if want_text and size >= TEXT_LIMIT:
                            break
    except MemoryError:
        raise
    except Exception as exc:  # zipfile, expat and a missing part raise many kinds
        raise _unreadable(exc) from exc
    return "\n".join(paragraphs) if want_text else ""


def xlsx_read(content: bytes, want_text: bool) -> str:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        words: list[str] = []
        size = 0
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    if value is not None:
                        words.append(str(value))
                        size += len(words[-1]) + 1
                if size >= TEXT_LIMIT or not want_text:
                    break
        workbook.close()
    except MemoryError:
        raise
    except Exception as exc:
        raise _unreadable(exc) from exc
    return " ".join(words)


READERS = {"pdf": pdf_read, "docx": docx_read, "xlsx": xlsx_read}


def main(argv: list[str]) -> int:
    kind, mode, seconds, megabytes = argv[1], argv[2], int(argv[3]), int(argv[4])
    limit(seconds, megabytes)
    content = sys.stdin.buffer.read()
    try:
        text = READERS[kind](content, mode == "text")
        answer: dict[str, Any] = {"ok": True, "text": text[:TEXT_LIMIT]}
    except RefusedError as refusal:
        answer = {"ok": False, "reason": refusal.reason, "detail": refusal.detail[:200]}
    except MemoryError:
        answer = {"ok": False, "reason": "memory"}
    except RecursionError:
        answer = {"ok": False, "reason": "complex"}
    answer["peak_kb"] = _peak_bytes() // 1024  # for benchmarks and diagnostics
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
