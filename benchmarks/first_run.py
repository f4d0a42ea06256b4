"""How long the first `make run` takes on a fresh clone, stage by stage.

Run it from the project root (the virtualenv already installed, as after `make deps`):

    .venv/bin/python benchmarks/first_run.py

It does what `make run` does before serving, on a throwaway SQLite database in a new folder
under /tmp (removed afterwards): compile the Vietnamese messages, migrate, load the demo
(printing the loader's stages as they happen), collect the static files; then loads the demo a
second time, which must add nothing. For each step it prints the wall time and the processor
time (user + system) of the child process: on a machine shared with other work the wall
time grows with the load, the processor time does not. `DOSSIERS=0` skips the desk's year of
dossiers. It prints figures and checks nothing but the exit status of each step.
"""

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def step(name: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run one step as `make run` does, echoing its output; return (wall, processor) seconds."""
    print(f"== {name}", flush=True)
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.run(args, cwd=ROOT, env=env, check=False)  # noqa: S603
    wall = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    if process.returncode != 0:
        sys.exit(f"{name} failed with exit status {process.returncode}")
    print(f"   {name}: {wall:.1f} s wall, {cpu:.1f} s processor", flush=True)
    return wall, cpu


def main() -> None:
    data = Path(tempfile.mkdtemp(prefix="chuan-first-run-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "CHUAN_DEBUG", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        CHUAN_DATA_DIR=str(data),
        CHUAN_SECRET_KEY="benchmark-only-" + "x" * 40,
        CHUAN_HTTPS="0",
        CHUAN_ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONUNBUFFERED="1",
    )
    dossiers = os.environ.get("DOSSIERS")
    load = [PYTHON, "manage.py", "load_demo"] + (["--dossiers", dossiers] if dossiers else [])
    try:
        figures = {
            "messages": step(
                "compilemessages",
                [PYTHON, "manage.py", "compilemessages", "--ignore=.venv", "--verbosity", "0"],
                {**env, "CHUAN_DEBUG": "1"},
            ),
            "migrate": step("migrate", [PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env),
            "load_demo": step("load_demo", load, env),
            "collectstatic": step(
                "collectstatic",
                [PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
                env,
            ),
        }
        again = step("load_demo again", load, env)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    wall = sum(w for w, _cpu in figures.values())
    cpu = sum(c for _w, c in figures.values())
    print()
    print(f"First start (before gunicorn): {wall:.1f} s wall, {cpu:.1f} s processor")
    for name, (w, c) in figures.items():
        print(f"  {name:<14} {w:7.1f} s wall {c:7.1f} s processor")
    print(f"Second start's load_demo: {again[0]:.1f} s wall, {again[1]:.1f} s processor")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Load average now: {load} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
