"""Fill or correct entries of a gettext catalogue from a small table, clearing fuzzy marks.

Usage: python scripts/po_fill.py CATALOGUE.po TABLE.py
TABLE.py defines TRANSLATIONS = {msgid: msgstr}, an entry with a msgctxt keyed
"context\\x04msgid"; for a plural entry msgstr is its one Vietnamese form (nplurals=1).
Entries not in the table are left alone. Used when merging translations written beside new
code; stdlib only.
"""

import re
import runpy
import sys
from pathlib import Path


def _unquote(lines: list[str]) -> str:
    parts = []
    for line in lines:
        if '"' not in line:
            continue
        body = line[line.index('"') + 1 : line.rindex('"')]
        parts.append(body.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\"))
    return "".join(parts)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill(catalogue: Path, table: dict[str, str]) -> int:
    blocks = catalogue.read_text(encoding="utf-8").split("\n\n")
    changed = 0
    out = []
    for block in blocks:
        lines = block.split("\n")
        ids = [i for i, ln in enumerate(lines) if ln.startswith("msgid ")]
        strs = [i for i, ln in enumerate(lines) if ln.startswith("msgstr")]
        if not ids or not strs or lines[ids[0]].startswith("msgid_plural"):
            out.append(block)
            continue
        plural = [i for i, ln in enumerate(lines) if ln.startswith("msgid_plural")]
        msgid = _unquote(lines[ids[0] : (plural or strs)[0]])
        ctx = [i for i, ln in enumerate(lines) if ln.startswith("msgctxt ")]
        if ctx:  # a contextual entry is keyed "context\x04msgid", as gettext stores it
            msgid = _unquote(lines[ctx[0] : ids[0]]) + "\x04" + msgid
        if msgid not in table:
            out.append(block)
            continue
        head = [ln for ln in lines[: ids[0]] if not ln.startswith("#|")]
        head = [
            re.sub(r"^#, fuzzy, ", "#, ", ln) if ln.startswith("#, fuzzy,") else ln
            for ln in head
            if ln != "#, fuzzy"
        ]
        keyword = "msgstr[0] " if plural else "msgstr "
        out.append("\n".join([*head, *lines[ids[0] : strs[0]], keyword + _quote(table[msgid])]))
        changed += 1
    catalogue.write_text("\n\n".join(out), encoding="utf-8")
    return changed


if __name__ == "__main__":
    translations = runpy.run_path(sys.argv[2])["TRANSLATIONS"]
    print(fill(Path(sys.argv[1]), translations))
