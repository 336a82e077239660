"""WSGI entry point: ``gunicorn portal.wsgi``."""

import gc
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
# A web worker answers one request at a time: no pool of linear-algebra threads per worker (numpy's
# OpenBLAS starts one per core in each, where they compete with the workers themselves).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.urls import get_resolver  # noqa: E402

application = get_wsgi_application()
# Import every view now rather than on the first request.
get_resolver().url_patterns  # noqa: B018
# What is loaded by now lives as long as the process: the garbage collector leaves it out of its
# scans, which otherwise go over the whole framework after every few requests' allocations.
gc.freeze()
