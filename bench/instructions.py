"""Instructions per request, counted by callgrind: a comparison that a busy machine does not move.

On shared cores, timings of the same code vary by a third from one run to the next (README,
« Dernière mesure »). `valgrind --tool=callgrind` counts the instructions a process executes,
whatever else runs: the same total to within 0.002 % from one run to the next.

    python -m bench.instructions [--requests 10] [--warm] URL...

serves the URLs in-process (Django's WSGI handler, the settings and database of `make bench`,
built by it first; Redis from REDIS_URL if set), each three times to warm the process, then the
first URL `--requests` times; another process does the same with no request after the warm-up.
The difference, divided by the number of requests, is what one request of that URL costs. Every
URL is measured in turn, with the same warm-up. `--warm` turns the page cache on: what a page
served from the cache costs. Run it in a worktree of each commit to compare them (a minute or
two per URL: callgrind runs Python some 50 times slower).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WARM_UPS = 3


def serve(urls, requests):
    """In the measured process: warm every URL up, then ask the first one `requests` times."""
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.client import RequestFactory

    handler, factory = WSGIHandler(), RequestFactory()

    def get(url):
        statuses = []
        environ = factory.get(url, HTTP_ACCEPT_LANGUAGE="fr").environ
        b"".join(handler(environ, lambda status, headers, *args: statuses.append(status)))
        if not statuses[0].startswith("200"):
            sys.exit(f"{url}: {statuses[0]}")

    for _round in range(WARM_UPS):
        for url in urls:
            get(url)
    for _request in range(requests):
        get(urls[0])


def count(urls, requests, env):
    """The instructions a process serving `urls` executes, `requests` measured requests included."""
    with tempfile.TemporaryDirectory() as directory:
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={directory}/callgrind.out",
                sys.executable,
                "-m",
                "bench.instructions",
                "--serve",
                str(requests),
                *urls,
            ],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode != 0 or found is None:
        sys.exit(f"bench.instructions: the measured process failed:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+", metavar="URL")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--warm", action="store_true", help="page cache on")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.serve is not None:
        serve(arguments.urls, arguments.serve)
        return
    from bench import run

    url, vendor = run.database_url()
    run.OUT_DIR.mkdir(parents=True, exist_ok=True)
    entries = int(os.environ.get("BENCH_ENTRIES", "100000"))
    run.build(url, vendor, entries=entries, seed=int(os.environ.get("BENCH_SEED", "0")))
    # As `make bench` does: the production settings serve pages only with collected files.
    setup_env = run.python_env(DATABASE_URL=url)
    run.manage("migrate", "--noinput", "--verbosity", "0", env=setup_env)
    run.manage("collectstatic", "--noinput", "--verbosity", "0", env=setup_env)
    env = run.python_env(
        DATABASE_URL=url,
        ALLOWED_HOSTS="testserver",
        PAGE_CACHE_SECONDS="3600" if arguments.warm else "0",
        # The same hash seed for each process: dictionaries and sets in the same order.
        PYTHONHASHSEED="0",
    )
    urls = arguments.urls
    # A first process fills the caches the others read (counts and facets; pages with --warm),
    # so that every measured process starts from the same state.
    count(urls, 0, env)
    baseline = count(urls, 0, env)
    print(f"{vendor}, {'page cache on' if arguments.warm else 'page cache off'}")
    print("| URL | instructions per request |\n| --- | ---: |")
    for index, measured in enumerate(urls):
        others = urls[:index] + urls[index + 1 :]
        total = count([measured, *others], arguments.requests, env)
        print(f"| `{measured}` | {(total - baseline) // arguments.requests:,} |".replace(",", " "))


if __name__ == "__main__":
    main()
