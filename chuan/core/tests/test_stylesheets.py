"""Chuẩn's own stylesheets parse: one unbalanced brace swallows every rule after it (the
risk register's heat map once lost its colours to a merge that dropped one)."""

from pathlib import Path

import pytest

CSS = sorted((Path(__file__).resolve().parents[2] / "static" / "css").glob("*.css"))


@pytest.mark.parametrize("path", CSS, ids=lambda p: p.name)
def test_braces_balance(path):
    depth = 0
    for number, line in enumerate(path.read_text().splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{path.name}:{number} closes a block never opened"
    assert depth == 0, f"{path.name} leaves {depth} block(s) open"
