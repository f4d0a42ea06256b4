"""What refusing a zip bomb costs, and what reading an ordinary document costs.

Run it from the project root:

    .venv/bin/python benchmarks/zipbomb.py            # the checks as they are
    .venv/bin/python benchmarks/zipbomb.py --before   # also the bomb parsed in-process

It builds the files in memory (`chuan.core.testing.bad_files`): the 40 MB DOCX bomb (a few
tens of KB that inflate to 40 MB of empty paragraphs, like the file that took a worker to
1.2 GB), an XLSX bomb, a DOCX of 5,000 parts, a DOCX with a VBA project, a PDF with
JavaScript, and ordinary files: a 40-page procedure as DOCX, a 5,000-row XLSX and a PDF.
Each is then checked as an upload (`chuan.core.files.checked_upload`, words read) in a fresh
Python process, so that its figures are its own: wall time of the check, the peak resident
memory of that process (the web worker's side, Django loaded) and, when the file reached the
child reader, the child's peak. Target for the bomb: under 1 s and under 100 MB.

`--before` also parses the bomb with python-docx in-process, as the upload did before the
checks (under a 3 GB address-space cap so a bigger machine does not swap); it takes a
quarter of a minute and about 1.7 GB. It prints figures and checks nothing.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chuan.test_settings")
    import django

    django.setup()


def measure(path: str, name: str) -> None:
    """In a fresh process: check one file as an upload and print the figures as JSON."""
    _setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    import chuan.core.sandbox as sandbox
    from chuan.core.files import checked_upload

    children: list[int] = []
    run = subprocess.run

    def recording_run(*args, **kwargs):  # type: ignore[no-untyped-def]
        finished = run(*args, **kwargs)
        try:
            children.append(int(json.loads(finished.stdout).get("peak_kb", 0)))
        except ValueError:
            children.append(-1)  # killed: no answer
        return finished

    sandbox.subprocess.run = recording_run  # type: ignore[assignment]
    content = Path(path).read_bytes()
    before = _peak_mb()
    began = time.perf_counter()
    try:
        read = checked_upload(
            SimpleUploadedFile(name, content), kinds=("docx", "xlsx", "pdf"), text=True
        )
        outcome = f"accepted, {len(read.text):,} characters of text"
    except ValidationError as exc:
        outcome = "refused: " + " ".join(exc.messages)[:70] + "…"
    seconds = time.perf_counter() - began
    print(
        json.dumps(
            {
                "outcome": outcome,
                "seconds": seconds,
                "peak_mb": _peak_mb(),
                "django_mb": before,
                "child_mb": [kb / 1024 for kb in children],
            }
        )
    )


def before(path: str) -> None:
    """In a fresh process: the bomb parsed with python-docx in-process, as before."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    import io

    import docx

    began = time.perf_counter()
    try:
        document = docx.Document(io.BytesIO(Path(path).read_bytes()))
        outcome = f"parsed, {len(document.paragraphs):,} paragraphs"
    except Exception as exc:
        outcome = f"failed: {type(exc).__name__}"
    print(
        json.dumps(
            {"outcome": outcome, "seconds": time.perf_counter() - began, "peak_mb": _peak_mb()}
        )
    )


def _files() -> dict[str, bytes]:
    from chuan.core.testing import bad_files

    rows = [["Mã", "Tên thủ tục", "Lĩnh vực", "Thời hạn"]] + [
        [f"1.{n:06d}", f"Thủ tục hành chính số {n}", "Hộ tịch", n % 30] for n in range(5000)
    ]
    return {
        "bom-40mb.docx": bad_files.docx_bomb(40),
        "bom-40mb.xlsx": bad_files.xlsx_bomb(40),
        "5000-phan.docx": bad_files.many_parts(bad_files.normal_docx(), 5000),
        "macro.docx": bad_files.docx_with_macros(),
        "javascript.pdf": bad_files.pdf_with_javascript(),
        "quy-trinh-40-trang.docx": _long_docx(),
        "danh-muc-5000-dong.xlsx": bad_files.normal_xlsx(rows),
        "quyet-dinh.pdf": bad_files.pdf(),
    }


def _long_docx() -> bytes:
    import io

    import docx

    document = docx.Document()
    for section in range(1, 41):
        document.add_heading(f"{section}. Mục {section} của quy trình", level=2)
        for n in range(8):
            document.add_paragraph(
                f"Bước {section}.{n}: công chức tiếp nhận kiểm tra thành phần hồ sơ, đối chiếu "
                "bản chính, ghi phiếu kiểm soát quá trình và chuyển bộ phận chuyên môn xử lý "
                "theo quy định tại Nghị định 118/2025/NĐ-CP."
            )
        table = document.add_table(rows=4, cols=3)
        for row in table.rows:
            for cell in row.cells:
                cell.text = "Bộ phận một cửa"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    _setup()
    files = _files()
    with tempfile.TemporaryDirectory(prefix="chuan-bench-zipbomb-") as scratch:
        print(f"{'file':<26}{'size':>10}{'time':>9}{'worker':>10}{'child':>9}  outcome")
        for name, content in files.items():
            path = Path(scratch) / name
            path.write_bytes(content)
            output = subprocess.run(  # noqa: S603 - this script, fixed arguments
                [sys.executable, __file__, "--measure", str(path), name],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            figures = json.loads(output.strip().splitlines()[-1])
            child = ", ".join(f"{mb:.0f} MB" if mb >= 0 else "killed" for mb in figures["child_mb"])
            print(
                f"{name:<26}{len(content) / 1024:>8.0f}KB{figures['seconds'] * 1000:>7.0f}ms"
                f"{figures['peak_mb']:>7.0f} MB{child or '—':>9}  {figures['outcome']}"
            )
        print(
            "(worker: peak resident memory of the checking process, Django loaded, "
            f"~{figures['django_mb']:.0f} MB before the check)"
        )
        if "--before" in sys.argv:
            path = Path(scratch) / "bom-40mb.docx"
            output = subprocess.run(  # noqa: S603 - this script, fixed arguments
                [sys.executable, __file__, "--parse-before", str(path)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            figures = json.loads(output.strip().splitlines()[-1])
            print(
                f"before the checks, python-docx in the worker on bom-40mb.docx: "
                f"{figures['seconds']:.1f} s, {figures['peak_mb']:.0f} MB, {figures['outcome']}"
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        measure(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["--parse-before"]:
        before(sys.argv[2])
    else:
        main()
