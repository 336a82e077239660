"""Health checks for a load balancer and for monitoring."""

import pytest

pytestmark = pytest.mark.django_db


def test_liveness_answers_ok(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readiness_reports_database_cache_and_broker(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "eager"}


def test_readiness_answers_503_naming_the_service_that_fails(client, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "set", down)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["cache"] == "error: ConnectionError"
    assert response.json()["database"] == "ok"


def test_readiness_reports_a_broker_that_cannot_be_reached(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")
