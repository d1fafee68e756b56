"""The time and memory of a whole-list download, each in a process of its own, as a worker.

`python -m bench.downloads` (DATABASE_URL names a database made by `manage.py generate_entries`,
e.g. sqlite:////tmp/od100k.sqlite3) downloads each kind's whole list as CSV, JSON and XLSX and
prints, for each: the rows, the bytes, the seconds to the last byte, and how far the process's
memory rose above what it held once warmed up (one small download of the same format): its own
memory (anonymous pages, the target), and its peak RSS, which also counts the pages of an SQLite
file read through its memory map (shared with the system's file cache and every worker).
Lists named as arguments (`actors awards`), formats by BENCH_FORMATS (`csv,xlsx`). Run by
bench/run.py after the page loads; `--child URL FORMAT` is its own inner step.
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LISTS = ("actors", "funding-schemes", "training-programmes", "awards")
FORMATS = ("csv", "json", "xlsx")
# A download of no row: what a worker has loaded (code, templates, connection) before a big one.
WARM_UP_QUERY = "updated_since=2999-01-01T00:00:00Z"


# The process's own memory is read every this many chunks while the download streams: the
# kernel keeps the peak of the RSS only.
SAMPLE_EVERY = 50


def memory_kb(field):
    """A line of /proc/self/status, in kB: VmRSS (all resident pages), RssAnon (its own)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def child(path, file_format):
    """Download `path` in this process; print its figures as JSON."""
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django

    django.setup()
    from django.test import Client

    client = Client()
    separator = "&" if "?" in path else "?"
    warm_up = f"/api/v1/actors/?{WARM_UP_QUERY}&format={file_format}"
    for chunk in client.get(warm_up).streaming_content:
        del chunk
    before_kb, before_anon_kb = memory_kb("VmRSS"), memory_kb("RssAnon")
    peak_anon_kb = before_anon_kb
    started = time.perf_counter()
    response = client.get(f"{path}{separator}format={file_format}")
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    size = lines = 0
    for number, chunk in enumerate(response.streaming_content):
        size += len(chunk)
        lines += chunk.count(b"\n")
        if number % SAMPLE_EVERY == 0:
            peak_anon_kb = max(peak_anon_kb, memory_kb("RssAnon"))
    peak_anon_kb = max(peak_anon_kb, memory_kb("RssAnon"))
    seconds = time.perf_counter() - started
    response.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump(
        {
            "path": path,
            "format": file_format,
            "seconds": round(seconds, 2),
            "megabytes": round(size / 1e6, 1),
            # Text lines: rows + header for CSV (a multi-line cell adds some), meaningless in XLSX.
            "lines": lines if file_format != "xlsx" else None,
            "peak_rise_mb": round((peak_anon_kb - before_anon_kb) / 1024, 1),
            "peak_rss_rise_mb": round((peak_kb - before_kb) / 1024, 1),
        },
        sys.stdout,
    )


def measure(env, paths=LISTS, formats=FORMATS):
    """Each download's figures, each in a fresh process with the settings of `env`."""
    results = []
    for name in paths:
        for file_format in formats:
            run = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.downloads",
                    "--child",
                    f"/api/v1/{name}/",
                    file_format,
                ],
                cwd=BASE_DIR,
                env=env,
                capture_output=True,
                text=True,
            )
            if run.returncode:
                sys.exit(
                    f"bench: download of {name} as {file_format} failed:\n{run.stderr[-3000:]}"
                )
            results.append(json.loads(run.stdout))
            print(f"bench: download {json.dumps(results[-1])}", file=sys.stderr, flush=True)
    return results


def main():
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
        return
    from bench.run import python_env

    if not os.environ.get("DATABASE_URL"):
        sys.exit("bench.downloads: set DATABASE_URL to a generated database")
    env = python_env(DATABASE_URL=os.environ["DATABASE_URL"], ALLOWED_HOSTS="testserver")
    env["PAGE_CACHE_SECONDS"] = "0"
    paths = sys.argv[1:] or LISTS
    formats = os.environ.get("BENCH_FORMATS", ",".join(FORMATS)).split(",")
    json.dump(measure(env, paths, formats), sys.stdout, indent=1)


if __name__ == "__main__":
    main()
