"""The « edit under load » scenario: visitors read a mix of pages while an editor saves.

16 connections (wrk -t2 -c16) read every page of bench/pages.py in turn, with the page cache
on, while an editor process saves one published entry every second (a name change, as through
the back-office: the same save(), signals and invalidation). Reports requests/s, p50/p99,
errors, the share of page requests served from the page cache (from the server's request log),
and how long after each save the edited entry's page showed the new name. Then the same
visitors without the editor: what the edits add to the p99.

`python -m bench.edit_load` runs it alone; `make bench` runs it after the cold and warm runs.
Settings: BENCH_EDIT_SECONDS (60), REDIS_URL (the server's cache; files without it),
BENCH_WORKERS (one per core plus one, as config/gunicorn.py; another count to size a server,
docs/scaling.md).
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from bench import load

BASE_DIR = Path(__file__).resolve().parent.parent
# Each second: one published entry of the mix renamed, then its page polled until it shows it.
EDITOR = """
import json, os, time, urllib.request
from ecosystem.models import Actor
base, seconds = os.environ["BENCH_EDIT_BASE"], float(os.environ["BENCH_EDIT_SECONDS"])
actors = list(Actor.objects.published().order_by("pk")[:50])
delays, deadline, turn = [], time.monotonic() + seconds, 0
while time.monotonic() < deadline:
    started = time.monotonic()
    actor = actors[turn % len(actors)]
    turn += 1
    actor.name = f"Édité {turn} {actor.name.split(' ', 2)[-1]}"
    actor.save()
    saved = time.monotonic()
    while time.monotonic() - saved < 10:
        with urllib.request.urlopen(base + actor.get_absolute_url(), timeout=10) as response:
            if actor.name in response.read().decode():
                break
        time.sleep(0.02)
    delays.append(round((time.monotonic() - saved) * 1000, 1))
    time.sleep(max(0, 1 - (time.monotonic() - started)))
print(json.dumps(delays))
"""
LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def _mix_script(paths, folder):
    quoted = ", ".join(json.dumps(path) for path in paths)
    script = folder / "edit-mix.lua"
    script.write_text(LUA % quoted)
    return script


def _cache_outcomes(log, paths):
    """({"hit": n, "miss": n, ...}, {path: pages made again}) of the page requests logged.

    The log names a path without its query: the list and its filtered pages count as one.
    """
    outcomes, made = {}, {}
    wanted = {path.split("?")[0] for path in paths}
    for path, outcome in re.findall(r"atlas\.requests GET (\S+) 200 \S+ cache=(\w+)", log):
        if path in wanted:
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            if outcome == "miss":
                made[path] = made.get(path, 0) + 1
    return outcomes, dict(sorted(made.items(), key=lambda item: -item[1]))


def measure(env, pages, *, seconds, log_path, editor=True):
    """Serve with the page cache on and run the visitors and the editor together (the visitors
    alone with `editor=False`)."""
    paths = [page["url"] for page in pages]
    server = load.Server({**env, "PAGE_CACHE_SECONDS": "3600"}, log_path)
    script = _mix_script(paths, log_path.parent)
    try:
        for path in paths:
            load.get(server.url + path)
        # Count only what the load asked.
        start = log_path.stat().st_size
        editing = editor and subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                EDITOR,
            ],
            cwd=BASE_DIR,
            env={**env, "BENCH_EDIT_BASE": server.url, "BENCH_EDIT_SECONDS": str(seconds)},
            stdout=subprocess.PIPE,
            text=True,
        )
        command = [
            "wrk",
            "-t2",
            "-c16",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(script),
            server.url,
        ]
        figures = load.parse_wrk(
            subprocess.run(command, capture_output=True, text=True, check=True).stdout
        )
        delays = (
            json.loads(editing.communicate(timeout=seconds + 60)[0].strip().splitlines()[-1])
            if editing
            else []
        )
    finally:
        server.stop()
    outcomes, made = _cache_outcomes(log_path.read_bytes()[start:].decode(errors="replace"), paths)
    served = sum(outcomes.values()) or 1
    return {
        **figures,
        "workers": load.WORKERS,
        "cache_hit_share": round(outcomes.get("hit", 0) / served, 3),
        # A stale copy answers while another worker makes its page again (core.caching.pages).
        "stale_share": round(outcomes.get("stale", 0) / served, 3),
        "cache_outcomes": outcomes,
        # What the edits made stale and visitors had made again, per path: where to look next.
        "made_again": made,
        "saves": len(delays),
        "fresh_after_ms_max": max(delays, default=None),
        "fresh_after_ms_median": sorted(delays)[len(delays) // 2] if delays else None,
    }


def measure_without_editor(env, pages, *, seconds, log_path):
    """The same visitors with no editor: the p99 that the machine gives a load served from the
    cache, which the edits add to."""
    found = measure(env, pages, seconds=seconds, log_path=log_path, editor=False)
    return {key: found[key] for key in ("rps", "p50_ms", "p99_ms", "errors", "cache_hit_share")}


def main():
    from bench import run

    entries = int(os.environ.get("BENCH_ENTRIES", "100000"))
    seed = int(os.environ.get("BENCH_SEED", "0"))
    seconds = int(os.environ.get("BENCH_EDIT_SECONDS", "60"))
    run.OUT_DIR.mkdir(parents=True, exist_ok=True)
    url, vendor = run.database_url()
    run.build(url, vendor, entries=entries, seed=seed)
    env = run.python_env(DATABASE_URL=url)
    run.manage("migrate", "--noinput", "--verbosity", "0", env=env)
    run.manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    pages = run.measure_in_process(url)
    env = run.python_env(
        DATABASE_URL=url,
        CACHE_DIR=str(run.OUT_DIR / "cache-edit"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    log_path = run.OUT_DIR / "server-edit.log"
    result = measure(env, pages, seconds=seconds, log_path=log_path)
    result["without_editor"] = measure_without_editor(
        env, pages, seconds=seconds, log_path=log_path
    )
    print(json.dumps({"entries": entries, "database": vendor, **result}, indent=2))


if __name__ == "__main__":
    main()
