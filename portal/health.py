"""What a load balancer or monitoring asks: is each service this process depends on reachable?"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    key, value = "health:probe", uuid.uuid4().hex
    cache.set(key, value, 30)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")


def check_broker() -> str:
    """``ok`` when the task broker answers, ``eager`` when tasks run in-process (no broker needed)."""
    from portal.celery import app

    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


def readiness() -> dict[str, str]:
    """Each service's state: ``ok`` (or ``eager`` for the broker) or the error it gave."""
    result = {}
    for name, check in (("database", check_database), ("cache", check_cache), ("broker", check_broker)):
        try:
            result[name] = check() or "ok"
        except Exception as exc:
            result[name] = f"error: {type(exc).__name__}"
    return result
