"""The Celery application: ``celery -A portal worker`` and ``celery -A portal beat``.

Tasks live in each app's ``tasks.py``; their settings are the ``CELERY_*`` Django settings.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
