"""The test suite: the same settings as production-like runs, with fast hashing and a temp media root."""

import logging
import tempfile
from pathlib import Path
from typing import Any, cast

from . import base
from .base import *  # noqa: F403
from .env import env_str

DEBUG = False
SECRET_KEY = "test-only-not-secret-4f1d2e3c5b6a7980"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(env_str("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="portal-test-media-"))
# WhiteNoise wants the folder to exist; the suite finds static files through the finders.
STATIC_ROOT = MEDIA_ROOT / "collected-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAP_TILE_URL = ""
MAP_BACKGROUND = "none"  # tests never fetch tiles; a test that wants them overrides this
# Each test process keeps its own cache, and tasks run at once in the test (no worker, no broker);
# tests/integration runs the real thing (Redis, a Celery worker, two servers).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # rolled back with each test
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True


_AXES_ATTEMPT = ("AXES: New login failure", "AXES: Repeated login failure")


def _axes_attempt_as_info(record: logging.LogRecord) -> bool:
    """django-axes logs each failed login as a WARNING, and the tests fail logins on purpose: here
    such a record is INFO, which the "axes" logger below leaves out. A lockout stays a warning."""
    if record.levelno == logging.WARNING and str(record.msg).startswith(_AXES_ATTEMPT):
        record.levelno, record.levelname = logging.INFO, "INFO"
        return logging.getLogger(record.name).isEnabledFor(logging.INFO)
    return True


# Production logs every failed login and lockout (base.LOGGING); the tests only lockouts.
_BASE_LOGGING = cast(dict[str, Any], base.LOGGING)
LOGGING = {
    **_BASE_LOGGING,
    "filters": {
        "axes_attempt_as_info": {"()": "django.utils.log.CallbackFilter", "callback": _axes_attempt_as_info}
    },
    "loggers": {
        **_BASE_LOGGING["loggers"],
        "axes": {"level": "WARNING"},
        "axes.handlers.database": {"filters": ["axes_attempt_as_info"]},
        "axes.handlers.cache": {"filters": ["axes_attempt_as_info"]},
    },
}
