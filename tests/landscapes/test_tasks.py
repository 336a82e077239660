"""Brochures are rendered in the background once a region is saved, before anyone downloads them."""

import pytest
from django.core.files.storage import default_storage

from landscapes import brochures, tasks
from landscapes.services import save_region
from portal import tasks as portal_tasks

pytestmark = pytest.mark.django_db


def test_saving_a_region_queues_its_brochures_when_a_worker_runs_them(
    regions, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    queued = []
    monkeypatch.setattr(portal_tasks, "enqueue", lambda task, **kwargs: queued.append((task, kwargs)) or True)
    region = regions["rupel-zenne-dijle"]

    with django_capture_on_commit_callbacks(execute=True):
        region.name_en = "Rupel, Zenne and Dyle"
        save_region(region=region)

    assert queued == [(tasks.render_brochures, {"region_id": region.pk})]


def test_the_render_task_stores_both_languages_so_downloads_need_no_rendering(regions, client, monkeypatch):
    region = regions["turnhoutse-kempen"]

    assert tasks.render_brochures.apply(kwargs={"region_id": region.pk}).get() == 2

    for language in ("nl", "en"):
        assert default_storage.exists(brochures.generated_name(region=region, language=language))
    monkeypatch.setattr(brochures, "render_brochure", lambda **kw: pytest.fail("rendered during the request"))
    assert client.get(f"/en/regions/{region.slug}/brochure.pdf").status_code == 200
