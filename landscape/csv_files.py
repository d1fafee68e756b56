"""The data behind a map or a chart as a CSV file, safe to open in a spreadsheet."""

import csv

from django.http import HttpResponse

from core.transfer.cells import safe_cell


def csv_response(filename, header, rows):
    """A CSV download of `rows` under `header`; every cell is made inert (core.transfer.cells)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.writer(response)
    writer.writerow([safe_cell(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response
