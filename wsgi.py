"""WSGI entry point: ``gunicorn wsgi:app``."""

import gc

from app import create_app

app = create_app()
# What start-up built (mappers, catalogs, routes) lives as long as the process: keep it out of
# the collector's full passes, which otherwise stalled a request for ~100 ms now and then.
gc.freeze()
