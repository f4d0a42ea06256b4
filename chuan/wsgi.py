"""WSGI entry point served by gunicorn."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chuan.settings")
application = get_wsgi_application()

# What the start-up loaded (modules, URL patterns, translations, templates) lives as long as
# the worker: moved out of the collector's sight, it is not walked again by every full
# collection. Measured on the worklist page: 37.8 ms of processor time per request with the
# collector as it comes, 35.2 ms with this (benchmarks/http.py; docs/architecture.md).
gc.collect()
gc.freeze()
