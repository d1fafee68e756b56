"""Gunicorn's settings for `make serve` and production (gunicorn --config config/gunicorn.py).

HOST and PORT choose where it listens; WEB_CONCURRENCY, how many worker processes it runs.
"""

import gc
import os

import gunicorn.http.wsgi

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# One synchronous worker per core, plus one. Gunicorn advises two per core plus one, for workers
# that wait on the network; here the page cache serves nearly everything and the workers wait
# on the processor. On 2 cores, 16 visitors while an editor saves each second (bench.edit_load,
# docs/scaling.md): p99 36-38 ms with 3 workers, 54-67 with 2, 44 with 4, 100 with 5.
workers = int(os.environ.get("WEB_CONCURRENCY") or len(os.sched_getaffinity(0)) + 1)
# A request that takes longer than this is stuck: its worker is replaced.
timeout = 30
# The app logs one line per request itself (core.http.middleware.RequestLogMiddleware).
accesslog = None
errorlog = "-"
# Several servers may run on one machine (tests, benchmarks): none needs a control socket.
control_socket_disable = True

# Gunicorn names itself in a Server header; Django adds none. Say nothing about the software.
gunicorn.http.wsgi.SERVER = "atlas"


def post_worker_init(worker: object) -> None:
    """Leave what loading the site made (Django, the models, the URLs) out of garbage collection.

    Python's collector otherwise walks those objects, by the hundred thousand, each time it
    collects its oldest generation: one request in a few hundred waited 50 to 70 ms for it (an
    API page, in-process). Frozen, they are never walked; what requests make is collected as
    before.
    """
    gc.freeze()
