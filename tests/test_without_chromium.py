"""`make test` on a machine without Chromium: installed when root, otherwise one line saying
how — never a wall of Playwright errors, one per browser test."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MISSING = "/nonexistent/chromium"


def _make_chromium(**variables: str) -> subprocess.CompletedProcess[str]:
    args = ["make", "-s", "chromium", *(f"{key}={value}" for key, value in variables.items())]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_make_stops_with_one_line_when_not_root():
    result = _make_chromium(CHROMIUM=MISSING, USER_ID="1000")
    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if not line.startswith(("make:", "make["))]
    assert ours == [
        "make test needs Debian's Chromium for the browser tests: sudo apt-get install -y chromium"
    ]
    assert result.stdout == ""


def test_make_installs_it_when_root():
    result = _make_chromium(CHROMIUM=MISSING, USER_ID="0", APT_GET="echo apt-get")
    assert result.returncode == 0
    assert "apt-get install -y -qq chromium" in result.stdout


def test_make_does_nothing_when_chromium_is_there():
    result = _make_chromium(CHROMIUM=sys.executable, USER_ID="1000")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_browser_tests_stop_once_with_the_instruction():
    env = {**os.environ, "CHUAN_CHROMIUM": MISSING}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-m",
            "browser",
            "-p",
            "no:randomly",
            "tests/browser",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert output.count("sudo apt-get install -y chromium") == 1
    assert "Traceback" not in output
    assert "playwright" not in output.lower()
