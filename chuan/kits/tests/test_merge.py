"""The diff and the three-way merge are pure: checked here exhaustively over every small
text, and on the cases an agency meets."""

import itertools

import pytest

from chuan.kits import merge
from chuan.kits.choices import MergeChunk

# Every sequence of at most three units over two letters: 15 of them, 3,375 triples.
SMALL = [tuple(seq) for n in range(4) for seq in itertools.product("ab", repeat=n)]
TRIPLES = list(itertools.product(SMALL, repeat=3))


def merged(base, ours, theirs, choices=None):
    return merge.resolve(merge.merge3(base, ours, theirs), choices or {})


@pytest.mark.parametrize("base,other", list(itertools.product(SMALL, repeat=2)))
def test_one_side_unchanged_takes_the_other(base, other):
    assert merged(base, base, other) == list(other)
    assert merged(base, other, base) == list(other)
    assert merged(base, other, other) == list(other)


def test_exhaustive_properties():
    for base, ours, theirs in TRIPLES:
        chunks = merge.merge3(base, ours, theirs)
        count = merge.conflicts(chunks)
        swapped = merge.merge3(base, theirs, ours)
        # Conflicts do not depend on which side is which.
        assert merge.conflicts(swapped) == count, (base, ours, theirs)
        if count == 0:
            result = merge.resolve(chunks, {})
            assert result is not None
            assert result == merge.resolve(swapped, {}), (base, ours, theirs)
        else:
            assert merge.resolve(chunks, {}) is None
            assert merge.unresolved(chunks, {}) == list(range(1, count + 1))
            all_ours = dict.fromkeys(range(1, count + 1), merge.OURS)
            all_theirs = dict.fromkeys(range(1, count + 1), merge.THEIRS)
            assert merge.resolve(chunks, all_ours) is not None
            assert merge.resolve(chunks, all_theirs) is not None
        # The merge invents nothing: each unit comes from one of the three.
        for chunk in chunks:
            for unit in (*chunk.units, *chunk.ours, *chunk.theirs, *chunk.base):
                assert unit in base + ours + theirs
        # Chunks of one kind are joined, and nothing empty is shown but a conflict.
        for first, second in itertools.pairwise(chunks):
            assert first.kind != second.kind or first.kind == MergeChunk.CONFLICT
        for chunk in chunks:
            assert chunk.units or chunk.kind == MergeChunk.CONFLICT


def test_changes_in_different_places_are_both_kept():
    base = merge.lines("Điều 1\nĐiều 2\nĐiều 3\nĐiều 4\nĐiều 5")
    ours = merge.lines("Điều 1\nĐiều 2 (xã sửa)\nĐiều 3\nĐiều 4\nĐiều 5")
    theirs = merge.lines("Điều 1\nĐiều 2\nĐiều 3\nĐiều 4\nĐiều 5 (tỉnh sửa)\nĐiều 6")
    chunks = merge.merge3(base, ours, theirs)
    assert merge.conflicts(chunks) == 0
    assert merge.text_of(merge.resolve(chunks, {})) == (
        "Điều 1\nĐiều 2 (xã sửa)\nĐiều 3\nĐiều 4\nĐiều 5 (tỉnh sửa)\nĐiều 6"
    )
    kinds = [chunk.kind for chunk in chunks]
    assert kinds == [
        MergeChunk.SAME,
        MergeChunk.OURS,
        MergeChunk.SAME,
        MergeChunk.THEIRS,
    ]


def test_the_same_line_changed_differently_is_a_conflict_with_both_sides():
    base = ["Thời hạn: 5 ngày", "Kết quả"]
    ours = ["Thời hạn: 4 ngày", "Kết quả"]
    theirs = ["Thời hạn: 3 ngày làm việc", "Kết quả"]
    chunks = merge.merge3(base, ours, theirs)
    assert [c.kind for c in chunks] == [MergeChunk.CONFLICT, MergeChunk.SAME]
    conflict = chunks[0]
    assert (conflict.base, conflict.ours, conflict.theirs) == (
        ("Thời hạn: 5 ngày",),
        ("Thời hạn: 4 ngày",),
        ("Thời hạn: 3 ngày làm việc",),
    )
    assert merge.resolve(chunks, {1: "theirs"}) == ["Thời hạn: 3 ngày làm việc", "Kết quả"]
    assert merge.resolve(chunks, {1: "ours"}) == ["Thời hạn: 4 ngày", "Kết quả"]
    assert merge.resolve(chunks, {1: "neither"}) is None
    assert merge.unresolved(chunks, {1: "neither"}) == [1]


def test_the_same_change_on_both_sides_is_taken_once():
    chunks = merge.merge3(["a", "b"], ["a", "c"], ["a", "c"])
    assert [c.kind for c in chunks] == [MergeChunk.SAME, MergeChunk.BOTH]
    assert merge.resolve(chunks, {}) == ["a", "c"]


def test_steps_merge_as_whole_steps():
    step = lambda name, days: (name, "department", days)  # noqa: E731
    base = [step("Tiếp nhận", "0.5"), step("Thẩm định", "3"), step("Ký", "1")]
    ours = [step("Tiếp nhận", "0.5"), step("Thẩm định", "2"), step("Ký", "1")]
    theirs = [step("Tiếp nhận", "0.5"), step("Thẩm định", "3"), step("Ký", "0.5")]
    chunks = merge.merge3(base, ours, theirs)
    assert merge.resolve(chunks, {}) == [
        step("Tiếp nhận", "0.5"),
        step("Thẩm định", "2"),
        step("Ký", "0.5"),
    ]


def test_diff_names_what_changed():
    pieces = merge.diff(["a", "b", "c"], ["a", "x", "c", "d"])
    assert [(p.op, p.old, p.new) for p in pieces] == [
        ("equal", ("a",), ("a",)),
        ("replace", ("b",), ("x",)),
        ("equal", ("c",), ("c",)),
        ("insert", (), ("d",)),
    ]
    assert merge.changed(["a"], ["b"]) and not merge.changed(["a"], ["a"])


def test_lines_ignore_line_endings_and_trailing_spaces():
    assert merge.lines("a  \r\nb\rc") == ["a", "b", "c"]


def test_json_keeps_both_sides_of_a_conflict():
    rows = merge.to_json(merge.merge3(["x"], ["y"], ["z"]))
    assert rows == [{"kind": "conflict", "base": ["x"], "ours": ["y"], "theirs": ["z"]}]
