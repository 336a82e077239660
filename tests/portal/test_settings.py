"""Settings come from the environment in one place: portal/settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_with(env: dict, *names: str, module: str = "portal.settings.dev") -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    clean = {
        k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL", "DATABASE_URL"}
    }
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=clean | {"DJANGO_SETTINGS_MODULE": module} | env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_without_redis_each_process_has_its_own_cache_and_tasks_run_at_once():
    found = settings_with({}, "CACHES", "CELERY_TASK_ALWAYS_EAGER")

    assert found["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["CELERY_TASK_ALWAYS_EAGER"] is True


def test_redis_url_gives_a_shared_cache_and_a_broker_for_the_workers():
    found = settings_with(
        {"REDIS_URL": "redis://cache.internal:6379/3"},
        "CACHES",
        "CELERY_BROKER_URL",
        "CELERY_TASK_ALWAYS_EAGER",
    )

    assert found["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert found["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/3"
    assert found["CELERY_BROKER_URL"] == "redis://cache.internal:6379/3"
    assert found["CELERY_TASK_ALWAYS_EAGER"] is False


def test_a_bucket_puts_uploads_on_s3_compatible_storage():
    found = settings_with(
        {"AWS_STORAGE_BUCKET_NAME": "portal-media", "AWS_S3_ENDPOINT_URL": "http://minio.internal:9000"},
        "STORAGES",
    )

    default = found["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "portal-media"
    assert default["OPTIONS"]["endpoint_url"] == "http://minio.internal:9000"
    assert default["OPTIONS"]["default_acl"] is None and default["OPTIONS"]["querystring_auth"] is True


def test_app_settings_are_django_settings_read_from_the_environment():
    found = settings_with(
        {
            "MEETINGS_REMINDER_HOURS": "6",
            "MONITORING_PUBLISHER": "Natuurpunt",
            "BIODIVA_SIGNUP_CONFIRM_DAYS": "5",
        },
        "MEETINGS_REMINDER_HOURS",
        "MONITORING_PUBLISHER",
        "BIODIVA_SIGNUP_CONFIRM_DAYS",
    )

    assert found == {
        "MEETINGS_REMINDER_HOURS": 6,
        "MONITORING_PUBLISHER": "Natuurpunt",
        "BIODIVA_SIGNUP_CONFIRM_DAYS": 5,
    }
