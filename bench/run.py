"""`make bench`: the atlas at 100 000 entries, served as in production, under load.

1. Builds the benchmark database once: SQLite at var/bench.sqlite3, or, when DATABASE_URL names
   a PostgreSQL server, a database of its own there (atlas_bench, never the tests' databases).
   It is built again when the number of entries, the seed or the generator changes.
2. Counts each page's SQL queries in-process (bench/pages.py), on a first and a repeat visit.
3. Serves the database with `make serve` (gunicorn with one worker per core plus one, as in
   production, or BENCH_WORKERS; WhiteNoise), page cache off ("cold") then on ("warm"), and
   loads each page with wrk -t2 -c16. Two ceilings are loaded
   the same way: a static file served by WhiteNoise, and /healthz, the smallest Django view
   there is (every middleware, no template, one trivial query, never cached).
4. Runs the « edit under load » scenario (bench/edit_load.py): the same pages read by 16
   connections while an editor saves an entry every second, page cache on, then without the
   editor (what the edits add to the p99); then downloads the actors and the awards whole as
   CSV, JSON and XLSX (bench/downloads.py).
5. Prints a Markdown report and writes var/bench/<commit>-<database>.json, for comparing
   commits: `python -m bench.run --compare var/bench/A-sqlite.json var/bench/B-sqlite.json`.

Settings from the environment: BENCH_ENTRIES (100000), BENCH_SEED (0), BENCH_DURATION (8 s per
page), BENCH_EDIT_SECONDS (60), BENCH_REBUILD=1 to build the database again.
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import downloads, edit_load, front, load, report

BASE_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = BASE_DIR / "var" / "bench"
SQLITE_PATH = BASE_DIR / "var" / "bench.sqlite3"
POSTGRESQL_NAME = os.environ.get("BENCH_DATABASE_NAME", "atlas_bench")
# What the generated data depends on: when one of these changes, the database is rebuilt.
GENERATOR_SOURCES = [
    "core/synthetic",
    "ecosystem/synthetic.py",
    "funding/synthetic.py",
    "trainings/synthetic.py",
]
SECRET_KEY = "benchmark-only-not-a-secret-" + "x" * 40
MODES = {"cold": "0", "warm": "3600"}
# Warm pages also loaded through Varnish (bench/front.py).
FRONT_PAGES = ("home", "actor list", "actor detail", "tag page", "search")


def python_env(**variables):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(OUT_DIR / "static"),
        # The API's limit per client address is on, and counted, but far above the load: wrk
        # and bench/pages.py are one address asking thousands of times a minute.
        "API_RATE_LIMIT": "100000000/minute",
        **variables,
    }


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def database_url():
    """The benchmark's own database, and the name of its engine."""
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(given)
        return urlunsplit(parts._replace(path=f"/{POSTGRESQL_NAME}")), "postgresql"
    return f"sqlite:///{SQLITE_PATH}", "sqlite"


def fingerprint(entries, seed):
    digest = hashlib.sha256(f"{entries} {seed}".encode())
    for source in GENERATOR_SOURCES:
        path = BASE_DIR / source
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.hexdigest()


def recreate(url, vendor):
    if vendor == "sqlite":
        SQLITE_PATH.unlink(missing_ok=True)
        return
    import psycopg

    server = urlsplit(url)._replace(path="/postgres")
    with psycopg.connect(urlunsplit(server), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{POSTGRESQL_NAME}"')
        connection.execute(f'CREATE DATABASE "{POSTGRESQL_NAME}"')


def build(url, vendor, *, entries, seed):
    """Generate the database unless the one there was made from the same N, seed and code."""
    marker = OUT_DIR / f"database-{vendor}.json"
    wanted = fingerprint(entries, seed)
    built = json.loads(marker.read_text()).get("fingerprint") if marker.exists() else None
    if built == wanted and os.environ.get("BENCH_REBUILD") != "1":
        print(
            f"bench: reusing the {vendor} database ({entries} entries); BENCH_REBUILD=1 rebuilds it"
        )
        return
    print(f"bench: building a {vendor} database of {entries} entries (a few minutes)")
    marker.unlink(missing_ok=True)
    recreate(url, vendor)
    env = python_env(DATABASE_URL=url)
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    manage("generate_entries", str(entries), "--seed", str(seed), env=env)
    marker.write_text(json.dumps({"fingerprint": wanted, "entries": entries, "seed": seed}))


def static_url():
    manifest = json.loads((OUT_DIR / "static" / "staticfiles.json").read_text())
    return f"/static/{manifest['paths']['css/atlas.css']}"


def measure_mode(mode, url, pages, *, duration):
    """Serve the database in `mode` and load every page and both ceilings."""
    cache_dir = OUT_DIR / f"cache-{mode}"
    shutil.rmtree(cache_dir, ignore_errors=True)
    env = python_env(
        DATABASE_URL=url,
        PAGE_CACHE_SECONDS=MODES[mode],
        CACHE_DIR=str(cache_dir),
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    load_before = os.getloadavg()[0]
    server = load.Server(env, OUT_DIR / f"server-{mode}.log")
    try:
        targets = [(page["name"], page["url"]) for page in pages]
        targets += [(report.STATIC, static_url()), (report.DJANGO, "/healthz")]
        figures = {}
        for name, path in targets:
            load.warm_up(server.url + path)
            figures[name] = load.wrk(server.url + path, duration=duration)
            print(f"bench: {mode:4} {figures[name]['rps']:8.0f} req/s  {name}", flush=True)
        through_varnish = None
        if mode == "warm":
            # The same server behind Varnish: a sample of the pages, each one URL as wrk asks.
            shown = [(name, path) for name, path in targets if name in FRONT_PAGES]
            through_varnish = front.measure(server, shown, duration=duration)
        load_after = os.getloadavg()[0]
        return figures, server.peak_memory_mb(), (load_before, load_after), through_varnish
    finally:
        server.stop()


def measure_in_process(url):
    """Each page's queries and time through the Django test client (bench/pages.py)."""
    env = python_env(
        DATABASE_URL=url,
        PAGE_CACHE_SECONDS="0",
        CACHE_DIR=str(OUT_DIR / "cache-pages"),
        ALLOWED_HOSTS="testserver",
    )
    result = subprocess.run(
        [sys.executable, "bench/pages.py"], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"bench: bench/pages.py failed:\n{result.stderr[-5000:]}")
    return json.loads(result.stdout)


def git(*args):
    return subprocess.run(["git", *args], cwd=BASE_DIR, capture_output=True, text=True).stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    arguments = parser.parse_args()
    if arguments.compare:
        before, after = (json.loads(path.read_text()) for path in arguments.compare)
        print(report.comparison(before, after))
        return
    if shutil.which("wrk") is None:
        sys.exit("bench: wrk is missing (Debian: apt-get install wrk)")
    entries = int(os.environ.get("BENCH_ENTRIES", "100000"))
    seed = int(os.environ.get("BENCH_SEED", "0"))
    duration = int(os.environ.get("BENCH_DURATION", "8"))
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    url, vendor = database_url()
    build(url, vendor, entries=entries, seed=seed)
    env = python_env(DATABASE_URL=url)
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    pages = measure_in_process(url)
    runs, memory, loads, varnish = {}, {}, {}, None
    for mode in MODES:
        runs[mode], memory[mode], loads[mode], found = measure_mode(
            mode, url, pages, duration=duration
        )
        varnish = found or varnish
    edit_env = python_env(
        DATABASE_URL=url,
        CACHE_DIR=str(OUT_DIR / "cache-edit"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    edit_seconds = int(os.environ.get("BENCH_EDIT_SECONDS", "60"))
    edit_log = OUT_DIR / "server-edit.log"
    edit = edit_load.measure(edit_env, pages, seconds=edit_seconds, log_path=edit_log)
    edit["without_editor"] = edit_load.measure_without_editor(
        edit_env, pages, seconds=edit_seconds, log_path=edit_log
    )
    print(f"bench: edit under load {json.dumps(edit)}", flush=True)

    download_figures = downloads.measure(
        python_env(
            DATABASE_URL=url,
            PAGE_CACHE_SECONDS="0",
            CACHE_DIR=str(OUT_DIR / "cache-downloads"),
            ALLOWED_HOSTS="testserver",
        ),
        paths=("actors", "awards"),
    )

    commit = git("rev-parse", "--short", "HEAD").strip()
    results = {
        "commit": commit,
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no").strip()),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "entries": entries,
        "seed": seed,
        "database": vendor,
        "workers": load.WORKERS,
        "wrk": f"-t2 -c16 -d{duration}s",
        "cpu_count": os.cpu_count(),
        "load": loads,
        "memory_mb": memory,
        "pages": pages,
        "runs": runs,
        "edit_under_load": edit,
        "varnish": varnish,
        "downloads": download_figures,
        "seconds": round(time.monotonic() - started),
    }
    path = OUT_DIR / f"{commit}-{vendor}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(report.markdown(results))
    print(f"\nbench: results in {path.relative_to(BASE_DIR)} ({results['seconds']} s)")


if __name__ == "__main__":
    main()
