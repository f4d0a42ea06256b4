"""The first load tells the person waiting what it is doing: every stage, with its counts and
the seconds since the start, flushed at once (make run pipes the output)."""

import re
from io import StringIO

from django.contrib.auth.hashers import check_password
from django.core.management import call_command

import pytest

from chuan.accounts.models import User
from chuan.demo.progress import Progress, one_hash_per_password

STAMP = re.compile(r"^\[\s*\d+\.\d s\] ")


@pytest.mark.django_db
def test_the_first_load_prints_each_stage_with_counts_and_time():
    out = StringIO()
    call_command("load_demo", "--gia-lai-only", "--dossiers", "3", stdout=out)
    lines = out.getvalue().strip().splitlines()
    stages = lines[:-1]
    assert len(stages) >= 10
    assert all(STAMP.match(line) for line in stages), stages
    text = "\n".join(stages)
    assert re.search(r"Units: \d+ created", text)
    assert re.search(r"Agencies: \d+ created", text)
    assert re.search(r"QMS roll-out: \d+ events", text)
    assert "Desk: receiving 3 dossiers" in text
    assert re.search(r"Desk: \d dossiers created", text)
    assert lines[-1].startswith("Demo data loaded:")
    assert "processor" in lines[-1]


class _Stream:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.flushes = 0

    def write(self, text: str) -> None:
        self.lines.append(text)

    def flush(self) -> None:
        self.flushes += 1


def test_each_message_is_stamped_and_flushed_at_once():
    stream = _Stream()
    progress = Progress(stream)
    progress.write("Importing 10 units…\n")
    progress.write("Units: 10 created.")
    assert [STAMP.sub("", line) for line in stream.lines] == [
        "Importing 10 units…",
        "Units: 10 created.",
    ]
    assert stream.flushes == 2
    Progress(None).write("nothing happens")  # quiet: no stream


@pytest.mark.django_db
def test_one_hash_per_password_still_signs_in_and_is_undone():
    with one_hash_per_password():
        first = User.objects.create_user(username="a1", password="chuan-demo-2026")
        second = User(username="a2")
        second.set_password("chuan-demo-2026")
    assert first.password == second.password  # hashed once
    assert check_password("chuan-demo-2026", second.password)
    third = User(username="a3")
    third.set_password("chuan-demo-2026")
    assert third.password != first.password  # Django's own function is back
