"""bench/report.py: each Markdown table has as many cells in every row as in its header."""

from bench import report

FIGURES = {"rps": 100.0, "p50_ms": 8.0, "p99_ms": 12.0, "errors": 0}


def cell_counts(table):
    return {row.count("|") for row in table.splitlines()}


def test_every_table_has_as_many_cells_in_each_row():
    run = {"home": FIGURES, report.STATIC: FIGURES, report.DJANGO: FIGURES}
    page = {
        "name": "home",
        "url": "/",
        "queries_first": 5,
        "queries_repeat": 3,
        "first_ms": 20.0,
        "repeat_ms": 10.0,
    }
    download = {
        "path": "/api/v1/actors/",
        "format": "csv",
        "lines": 3,
        "megabytes": 1.0,
        "seconds": 1.0,
        "peak_rise_mb": 10.0,
        "peak_rss_rise_mb": 20.0,
    }
    tables = [
        report.run_table(run),
        report.varnish_table({"home": FIGURES}, static_rps=50.0),
        report.queries_table([page]),
        report.downloads_table([download]),
    ]

    assert [len(cell_counts(table)) for table in tables] == [1, 1, 1, 1]
