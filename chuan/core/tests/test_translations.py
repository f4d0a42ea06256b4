"""The Vietnamese catalogue: complete, well-formed, and what the UI actually shows.

Vietnamese is the default language, so every source string must have a translation. These
tests read the .po file only; `make test` compiles it to .mo before pytest runs, and the
rendering checks below use that compiled catalogue through Django's own gettext.
"""

import ast
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import translation

import pytest

PO_PATH = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def msgstrs(self) -> list[str]:
        return [value for key, value in self.fields.items() if key.startswith("msgstr")]


def _unquote(literal: str) -> str:
    # A PO string literal uses C escapes (\", \\, \n, \t), which Python's literal syntax reads
    # the same way.
    return str(ast.literal_eval(literal))


def parse_po(text: str) -> list[Entry]:
    """Entries of a .po file, without obsolete (#~) ones; the header is the first entry."""
    entries: list[Entry] = []
    current: Entry | None = None
    key = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            current = None
            continue
        if line.startswith("#~"):
            continue
        if current is None:
            current = Entry(line=number)
            entries.append(current)
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD.match(line):
            key = match.group(1)
            current.fields[key] = _unquote(match.group(2))
        elif line.startswith('"'):
            current.fields[key] += _unquote(line)
        else:
            raise AssertionError(f"{PO_PATH.name}:{number}: cannot read {raw!r}")
    return [entry for entry in entries if "msgid" in entry.fields]


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    assert PO_PATH.exists(), f"{PO_PATH} is missing: run makemessages -l vi"
    return parse_po(PO_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def messages(entries: list[Entry]) -> list[Entry]:
    return [entry for entry in entries if entry.msgid != ""]


def _where(entry: Entry) -> str:
    return f"line {entry.line}: {entry.msgid!r}"


def test_header_declares_vietnamese_utf8_and_one_plural_form(entries: list[Entry]) -> None:
    header = entries[0]
    assert header.msgid == ""
    assert "fuzzy" not in header.flags
    text = header.fields["msgstr"]
    assert "Language: vi\n" in text
    assert "charset=UTF-8" in text
    assert "Plural-Forms: nplurals=1; plural=0;" in text


def test_every_message_is_translated_and_none_is_fuzzy(messages: list[Entry]) -> None:
    assert len(messages) > 100
    untranslated = [_where(e) for e in messages if not all(s.strip() for s in e.msgstrs)]
    fuzzy = [_where(e) for e in messages if "fuzzy" in e.flags]
    assert not untranslated, "untranslated:\n" + "\n".join(untranslated)
    assert not fuzzy, "fuzzy:\n" + "\n".join(fuzzy)


def test_plural_messages_have_exactly_one_form(messages: list[Entry]) -> None:
    plural = [e for e in messages if "msgid_plural" in e.fields]
    wrong = [
        _where(e)
        for e in plural
        if set(e.fields) - {"msgctxt"} != {"msgid", "msgid_plural", "msgstr[0]"}
    ]
    assert not wrong, "Vietnamese has one plural form (msgstr[0] only):\n" + "\n".join(wrong)


def test_translations_keep_placeholders_and_quotes(messages: list[Entry]) -> None:
    problems = []
    for entry in messages:
        sources = [entry.msgid, entry.fields.get("msgid_plural", entry.msgid)]
        wanted = set().union(*(_PLACEHOLDER.findall(s) for s in sources))
        for text in entry.msgstrs:
            if set(_PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"{_where(entry)}: placeholders differ in {text!r}")
            if "{{" in text or "{%" in text:
                problems.append(f"{_where(entry)}: template syntax in {text!r}")
            if "“" in entry.msgid and ("“" not in text or "”" not in text):
                problems.append(f"{_where(entry)}: lost the “ ” quotes in {text!r}")
    assert not problems, "\n".join(problems)


def test_activity_is_never_called_an_audit(messages: list[Entry]) -> None:
    # "Activity" is nhật ký hoạt động; "audit" (đánh giá nội bộ) is a different ISO process.
    wrong = [
        _where(e) for e in messages for s in e.msgstrs if re.search(r"kiểm toán|audit", s, re.I)
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_msgfmt_accepts_the_catalogue_with_format_checks() -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt is not None
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "--output-file=/dev/null", str(PO_PATH)],
        capture_output=True,
        text=True,
        check=False,
        env={"LC_ALL": "C"},
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("source", "vietnamese"),
    [
        ("Sign in", "Đăng nhập"),
        ("Sign out", "Đăng xuất"),
        ("Agencies", "Cơ quan"),
        ("Administrative units", "Đơn vị hành chính"),
        ("Overview", "Tổng quan"),
        ("Activity", "Nhật ký hoạt động"),
        ("Not found", "Không tìm thấy"),
        ("Electronic agency code", "Mã định danh điện tử"),
        ("Provincial department or board", "Sở, ban, ngành cấp tỉnh"),
        ("Public administrative service centre", "Trung tâm Phục vụ hành chính công"),
    ],
)
def test_key_strings_render_in_vietnamese(source: str, vietnamese: str) -> None:
    assert MO_PATH.exists(), "the catalogue is not compiled: run `make messages`"
    with translation.override("vi"):
        assert translation.gettext(source) == vietnamese
    with translation.override("en"):
        assert translation.gettext(source) == source


def test_plural_and_placeholders_render_in_vietnamese() -> None:
    assert MO_PATH.exists(), "the catalogue is not compiled: run `make messages`"
    with translation.override("vi"):
        for count in (1, 2, 21):
            text = translation.ngettext("%(counter)s item", "%(counter)s items", count)
            assert text % {"counter": count} == f"{count} mục"
        assert translation.gettext("Hello, %(name)s") % {"name": "Lan"} == "Xin chào, Lan"


def test_vietnamese_is_the_default_language() -> None:
    assert settings.LANGUAGE_CODE == "vi"
