"""The test suite: the same settings as production-like runs, with fast hashing and a temp media root."""

import tempfile
from pathlib import Path

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
