"""Gunicorn's settings for `make serve` and production (gunicorn --config config/gunicorn.py).

HOST and PORT choose where it listens; WEB_CONCURRENCY, how many worker processes it runs.
"""

import os

import gunicorn.http.wsgi

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Gunicorn's advice for synchronous workers: two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * len(os.sched_getaffinity(0)) + 1)
# A request that takes longer than this is stuck: its worker is replaced.
timeout = 30
# The app logs one line per request itself (core.http.middleware.RequestLogMiddleware).
accesslog = None
errorlog = "-"
# Several servers may run on one machine (tests, benchmarks): none needs a control socket.
control_socket_disable = True

# Gunicorn names itself in a Server header; Django adds none. Say nothing about the software.
gunicorn.http.wsgi.SERVER = "atlas"
