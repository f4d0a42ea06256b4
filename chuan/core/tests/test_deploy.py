import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_is_clean_under_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chuan.settings",
        "CHUAN_SECRET_KEY": "x" * 20 + "-production-like-secret-" + "y" * 30,
        "CHUAN_DEBUG": "0",
        "CHUAN_ALLOWED_HOSTS": "chuan.gialai.gov.vn",
    }
    for name in ("CHUAN_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "chuan.settings", "CHUAN_DEBUG": "0"}
    env.pop("CHUAN_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "CHUAN_SECRET_KEY" in result.stderr


def test_no_model_has_a_fixed_time_default():
    """Django's fields.W161 fires for a fixed date or time default whenever the checks run
    within seconds of it: `check --deploy` then fails at 07:30, 11:30, 13:00… on a clock."""
    import datetime

    from django.apps import apps

    fixed = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(getattr(field, "default", None), datetime.date | datetime.time)
    ]
    assert not fixed


def test_check_deploy_is_clean_with_a_replica_and_the_redis_queue():
    """The settings of a province past one machine (docs/deployment.md) pass too; nothing
    is connected to."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chuan.settings",
        "CHUAN_SECRET_KEY": "x" * 20 + "-production-like-secret-" + "y" * 30,
        "CHUAN_DEBUG": "0",
        "CHUAN_ALLOWED_HOSTS": "chuan.gialai.gov.vn",
        "DATABASE_URL": "postgres://chuan:secret@127.0.0.1:9/chuan",
        "CHUAN_REPLICA_DATABASE_URL": "postgres://chuan:secret@127.0.0.1:9/chuan",
        "CHUAN_REDIS_URL": "redis://127.0.0.1:9/0",
        "CHUAN_TASKS_BACKEND": "redis",
    }
    for name in ("CHUAN_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_replica_needs_postgresql():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chuan.settings",
        "CHUAN_SECRET_KEY": "x" * 60,
        "CHUAN_REPLICA_DATABASE_URL": "postgres://chuan@127.0.0.1:9/chuan",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "CHUAN_REPLICA_DATABASE_URL" in result.stderr
