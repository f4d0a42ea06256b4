import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_collectstatic_succeeds_with_the_production_manifest_storage(tmp_path):
    """`make run` collects static files with whitenoise's manifest storage, which fails on
    any missing file a stylesheet or script refers to."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chuan.settings",
        "CHUAN_SECRET_KEY": "collectstatic-test-secret-key-0123456789-abcdefghijklmnop",
        "CHUAN_DATA_DIR": str(tmp_path),
        "CHUAN_HTTPS": "0",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "static" / "staticfiles.json").exists()
