"""Benchmarks: ``python -m bench`` (``make bench``). Never part of the test suite.

Every scenario runs the real app under gunicorn on 127.0.0.1 next to a *floor*: the smallest
Flask + SQLAlchemy program doing the same database work under the same server settings. The
table reports both and their ratio, which stays comparable on a shared, noisy machine.
"""
