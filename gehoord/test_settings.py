"""Settings for the test suite: the real settings with test-only defaults."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("CACHE_URL", "locmemcache://tests")

from gehoord.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
SECURE_HSTS_SECONDS = 0
# One test process: an in-memory cache is shared enough, and tests clear it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
