"""Settings come from the environment; production refuses to start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_django_check(**env_overrides: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "CACHE_URL"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_django_check(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    result = run_django_check(DEBUG="false", SECRET_KEY="a-real-secret-from-the-environment")
    assert result.returncode != 0
    assert "CACHE_URL is not set" in result.stderr


def test_production_starts_with_a_secret_key_and_a_shared_cache():
    result = run_django_check(
        DEBUG="false", SECRET_KEY="a-real-secret-from-the-environment", CACHE_URL="redis://127.0.0.1:6379/1"
    )
    assert result.returncode == 0, result.stderr


def test_debug_mode_has_a_development_key():
    result = run_django_check(DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_a_letter_retry_cap_below_its_base_is_refused():
    result = run_django_check(DEBUG="true", LETTER_RETRY_BASE_SECONDS="120", LETTER_RETRY_CAP_SECONDS="60")
    assert result.returncode != 0
    assert "LETTER_RETRY_BASE_SECONDS must be at least 1" in result.stderr
