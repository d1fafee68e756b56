"""The benchmark's results as Markdown: tables, targets met or missed, and a comparison."""

STATIC = "static file"
DJANGO = "minimal Django view"
CEILINGS = (STATIC, DJANGO)

# The targets (issue 5, « Benchmark »).
WARM_SHARE_OF_STATIC = 0.50
COLD_SHARE_OF_DJANGO = 0.10
COLD_P99_MS = 100
WARM_P99_MS = 20
SEARCH_P50_MS = 50
MAX_QUERIES = 10
# Issue 12: through Varnish, and while an editor saves once a second.
VARNISH_TIMES_STATIC = 2
VARNISH_P99_MS = 5
EDIT_P99_MS = 50
EDIT_HIT_SHARE = 0.95
EDIT_FRESH_MS = 1000
# Issue 14: a whole-list download at 100 000 entries.
DOWNLOAD_SECONDS = 10
DOWNLOAD_MEMORY_MB = 50


def _number(value, digits=0):
    return "—" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def _percent(part, whole):
    return "—" if not part or not whole else f"{100 * part / whole:.0f} %"


def run_table(run):
    """One mode's wrk figures, each page's rps also as a share of the two ceilings."""
    static, django = run[STATIC]["rps"], run[DJANGO]["rps"]
    lines = [
        "| Page | req/s | p50 ms | p99 ms | errors | % static | % Django |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, figures in run.items():
        lines.append(
            f"| {name} | {_number(figures['rps'])} | {_number(figures['p50_ms'], 1)} "
            f"| {_number(figures['p99_ms'], 1)} | {figures['errors']} "
            f"| {_percent(figures['rps'], static)} | {_percent(figures['rps'], django)} |"
        )
    return "\n".join(lines)


def edit_summary(edit):
    if not edit:
        return "Not measured."
    return (
        f"{_number(edit['rps'])} req/s, p50 {_number(edit['p50_ms'], 1)} ms, p99 "
        f"{_number(edit['p99_ms'], 1)} ms, {edit['errors']} errors, "
        f"{edit['cache_hit_share']:.1%} of pages from the cache "
        f"(+ {edit.get('stale_share', 0):.1%} stale copies while remade), {edit['saves']} saves, "
        f"each shown after {_number(edit['fresh_after_ms_median'])} ms (median), "
        f"{_number(edit['fresh_after_ms_max'])} ms at most. Pages made again: "
        + (
            ", ".join(f"{path} {count}" for path, count in edit.get("made_again", {}).items())
            or "none"
        )
        + "."
        + _without_editor(edit.get("without_editor"))
    )


def _without_editor(figures):
    if not figures:
        return ""
    return (
        f" The same load without the editor: {_number(figures['rps'])} req/s, p50 "
        f"{_number(figures['p50_ms'], 1)} ms, p99 {_number(figures['p99_ms'], 1)} ms, "
        f"{figures['errors']} errors, {figures['cache_hit_share']:.1%} from the cache."
    )


def varnish_table(figures, static_rps):
    """Pages through Varnish, each also as a multiple of gunicorn's static file rate."""
    if not figures:
        return "Not measured: varnishd is not installed."
    lines = [
        "| Page | req/s | p50 ms | p99 ms | errors | × static file (gunicorn) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, found in figures.items():
        lines.append(
            f"| {name} | {_number(found['rps'])} | {_number(found['p50_ms'], 2)} "
            f"| {_number(found['p99_ms'], 2)} | {found['errors']} "
            f"| {found['rps'] / static_rps:.1f} |"
        )
    return "\n".join(lines)


def queries_table(pages):
    lines = [
        "| Page | URL | queries, first visit | queries, repeat | first visit ms | repeat ms |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for page in pages:
        lines.append(
            f"| {page['name']} | `{page['url']}` | {page['queries_first']} "
            f"| {page['queries_repeat']} | {_number(page['first_ms'], 1)} "
            f"| {_number(page['repeat_ms'], 1)} |"
        )
    return "\n".join(lines)


def downloads_table(downloads):
    lines = [
        "| List | format | text lines | MB | seconds | own memory rise MB | peak RSS rise MB |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for download in downloads:
        lines.append(
            f"| `{download['path']}` | {download['format']} | {_number(download['lines'])} "
            f"| {_number(download['megabytes'], 1)} | {_number(download['seconds'], 1)} "
            f"| {_number(download['peak_rise_mb'], 1)} "
            f"| {_number(download.get('peak_rss_rise_mb'), 1)} |"
        )
    return "\n".join(lines)


def _check(label, failures):
    if not failures:
        return f"- [x] {label}"
    return f"- [ ] {label} — missed by: " + "; ".join(failures)


def targets(results):
    """Each target of the issue, met or not, with the pages that miss it."""
    cold, warm = results["runs"]["cold"], results["runs"]["warm"]
    pages = [page["name"] for page in results["pages"]]
    static, django = warm[STATIC]["rps"], cold[DJANGO]["rps"]
    checks = [
        (
            "warm pages ≥ 50 % of the static file's req/s",
            [
                f"{name} {_percent(warm[name]['rps'], static)}"
                for name in pages
                if warm[name]["rps"] < WARM_SHARE_OF_STATIC * static
            ],
        ),
        (
            "cold pages ≥ 10 % of the minimal Django view's req/s",
            [
                f"{name} {_percent(cold[name]['rps'], django)}"
                for name in pages
                if cold[name]["rps"] < COLD_SHARE_OF_DJANGO * django
            ],
        ),
        (
            "p99 < 100 ms cold",
            [
                f"{name} {_number(cold[name]['p99_ms'])} ms"
                for name in pages
                if not cold[name]["p99_ms"] or cold[name]["p99_ms"] >= COLD_P99_MS
            ],
        ),
        (
            "p99 < 20 ms warm",
            [
                f"{name} {_number(warm[name]['p99_ms'], 1)} ms"
                for name in pages
                if not warm[name]["p99_ms"] or warm[name]["p99_ms"] >= WARM_P99_MS
            ],
        ),
        (
            "search median < 50 ms (cold)",
            [
                f"{_number(cold['search']['p50_ms'])} ms"
                for _ in [1]
                if not cold["search"]["p50_ms"] or cold["search"]["p50_ms"] >= SEARCH_P50_MS
            ],
        ),
        (
            "≤ 10 queries per page (first visit)",
            [
                f"{page['name']} {page['queries_first']}"
                for page in results["pages"]
                if page["queries_first"] > MAX_QUERIES
            ],
        ),
        (
            f"whole-list downloads ≤ {DOWNLOAD_SECONDS} s, own memory rise ≤ "
            f"{DOWNLOAD_MEMORY_MB} MB",
            [
                f"{download['path']} {download['format']} {download['seconds']} s "
                f"{download['peak_rise_mb']} MB"
                for download in results.get("downloads", [])
                if download["seconds"] > DOWNLOAD_SECONDS
                or download["peak_rise_mb"] > DOWNLOAD_MEMORY_MB
            ],
        ),
        (
            f"through Varnish ≥ {VARNISH_TIMES_STATIC}× gunicorn's static file, p99 < "
            f"{VARNISH_P99_MS} ms",
            [
                f"{name} {found['rps'] / static:.1f}× p99 {_number(found['p99_ms'], 1)} ms"
                for name, found in (results.get("varnish") or {}).items()
                if found["rps"] < VARNISH_TIMES_STATIC * static
                or not found["p99_ms"]
                or found["p99_ms"] >= VARNISH_P99_MS
            ],
        ),
        (
            f"edit under load: p99 < {EDIT_P99_MS} ms, ≥ {EDIT_HIT_SHARE:.0%} from the cache, "
            f"0 errors, fresh within {EDIT_FRESH_MS} ms",
            [
                f"p99 {_number(edit['p99_ms'])} ms, {edit['cache_hit_share']:.1%} hits, "
                f"{edit['errors']} errors, fresh within {_number(edit['fresh_after_ms_max'])} ms"
                for edit in [results.get("edit_under_load")]
                if edit
                and (
                    edit["p99_ms"] >= EDIT_P99_MS
                    or edit["cache_hit_share"] < EDIT_HIT_SHARE
                    or edit["errors"]
                    or (edit["fresh_after_ms_max"] or 0) > EDIT_FRESH_MS
                )
            ],
        ),
        (
            "no errors",
            [
                f"{mode} {name} {figures['errors']}"
                for mode, run in results["runs"].items()
                for name, figures in run.items()
                if figures["errors"]
            ],
        ),
    ]
    return "\n".join(_check(label, failures) for label, failures in checks)


def markdown(results):
    """The whole report."""
    load = results["load"]
    header = (
        f"## Benchmark {results['commit']}{' (modified tree)' if results['dirty'] else ''}, "
        f"{results['date']}\n\n"
        f"{_number(results['entries'])} entries (seed {results['seed']}), "
        f"{results['database']}, gunicorn {results['workers']} workers, wrk {results['wrk']}, "
        f"{results['cpu_count']} CPUs. Load average (1 min) before → after: "
        f"cold {load['cold'][0]:.2f} → {load['cold'][1]:.2f}, "
        f"warm {load['warm'][0]:.2f} → {load['warm'][1]:.2f}. "
        f"Workers' peak memory (RSS): cold {results['memory_mb']['cold']:.0f} MB, "
        f"warm {results['memory_mb']['warm']:.0f} MB."
    )
    return "\n\n".join(
        [
            header,
            "### Cold (page cache off)",
            run_table(results["runs"]["cold"]),
            "### Warm (page cache on)",
            run_table(results["runs"]["warm"]),
            "### Edit under load (bench/edit_load.py)",
            edit_summary(results.get("edit_under_load")),
            "### Warm, through Varnish (bench/front.py)",
            varnish_table(results.get("varnish"), results["runs"]["warm"][STATIC]["rps"]),
            "### SQL queries and time in-process (Django test client, same database)",
            queries_table(results["pages"]),
            "### Whole-list downloads (bench/downloads.py, one fresh process each)",
            downloads_table(results.get("downloads", [])),
            "### Targets",
            targets(results),
        ]
    )


def comparison(before, after):
    """req/s and p99 of two result files side by side, page by page."""
    lines = [
        f"## {before['commit']} → {after['commit']}",
        "",
        "| Mode | Page | req/s before | req/s after | change | p99 ms before | p99 ms after |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for mode, run in after["runs"].items():
        for name, figures in run.items():
            old = before["runs"].get(mode, {}).get(name)
            if old is None:
                continue
            change = f"{figures['rps'] / old['rps']:.2f}×" if old["rps"] else "—"
            lines.append(
                f"| {mode} | {name} | {_number(old['rps'])} | {_number(figures['rps'])} "
                f"| {change} | {_number(old['p99_ms'], 1)} | {_number(figures['p99_ms'], 1)} |"
            )
    return "\n".join(lines)
