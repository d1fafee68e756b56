"""A filtered list as a file: CSV, JSON or XLSX, streamed so that memory stays flat.

Rows are read from the database a thousand at a time (opendata.selectors.in_batches) and written
out as they come. CSV starts with a byte order mark: Excel reads UTF-8 only with it (without, it
guesses the ANSI code page and breaks every accent), and LibreOffice recognises and drops it.
Every text cell of a CSV or XLSX file goes through core.transfer.cells.safe_cell: a spreadsheet
never runs what it holds. JSON is not read by spreadsheets and keeps each value as it is.
"""

import csv
import datetime
import decimal
import io
import json
import tempfile
from collections.abc import Iterable, Iterator

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from core.transfer.cells import safe_cell
from opendata import spreadsheet
from opendata.selectors import in_batches
from opendata.tables import LIST_SEPARATOR, Addresses, Table

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
BYTE_ORDER_MARK = "\ufeff"
# Rows written out per chunk: big enough to keep the overhead of a chunk small.
ROWS_PER_CHUNK = 500


def records(table: Table, queryset, build_url) -> Iterator[list]:
    """The values of each row of `queryset`, read in batches with their relations.

    The addresses' routes are reversed now, in the request's language, not when the first row
    is read: a streamed file's rows are read once the view has returned.
    """
    addresses = Addresses(build_url, [table.model])
    return (table.values(instance, addresses) for instance in in_batches(queryset, table.enrich))


def text_cell(value) -> str:
    """A value as CSV text: lists joined, dates in ISO 8601, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return str(value)


def safe_text(value) -> str:
    """A value as CSV text (text_cell) that a spreadsheet shows and never runs."""
    return safe_cell(value if value.__class__ is str else text_cell(value))


# Each column's way of writing a cell is chosen once per file rather than found per cell: at
# 100 000 rows of 16 columns, that search cost a second.
NUMBERS = {int, float, decimal.Decimal}


def is_number(value) -> bool:
    return value.__class__ in NUMBERS


def number_text(value) -> str:
    # A number's text is never a formula: only text of another kind needs neutralising.
    return str(value) if is_number(value) else safe_text(value)


CSV_CELLS = {"integer": number_text, "number": number_text, "datetime": text_cell}


def csv_chunks(table: Table, rows: Iterable[list], *, byte_order_mark=True) -> Iterator[str]:
    """The CSV text of `rows`, with a header row, a few hundred rows at a time."""
    cells = [CSV_CELLS.get(column.type, safe_text) for column in table.columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if byte_order_mark:
        buffer.write(BYTE_ORDER_MARK)
    writer.writerow([column.name for column in table.columns])
    for number, row in enumerate(rows, start=1):
        writer.writerow([cell(value) for cell, value in zip(cells, row, strict=True)])
        if number % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_value(value):
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        return text_cell(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def json_chunks(table: Table, rows: Iterable[list]) -> Iterator[str]:
    """A JSON array of one object per row, written as the rows come."""
    names = [column.name for column in table.columns]
    yield "["
    separator = "\n"
    for row in rows:
        yield separator + json.dumps(
            dict(zip(names, row, strict=True)), default=json_value, ensure_ascii=False
        )
        separator = ",\n"
    yield "\n]\n"


def xlsx_cell(value):
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    return safe_cell(value)


def xlsx_number(value):
    return value if value is None or is_number(value) else xlsx_cell(value)


def xlsx_datetime(value):
    return value if value is None or isinstance(value, datetime.datetime) else xlsx_cell(value)


XLSX_KINDS = {"integer": spreadsheet.NUMBER, "number": spreadsheet.NUMBER}
XLSX_CELLS = {"integer": xlsx_number, "number": xlsx_number, "datetime": xlsx_datetime}


def xlsx_file(table: Table, rows: Iterable[list]):
    """An XLSX file of `rows`, written row by row to a temporary file (opendata/spreadsheet.py)."""
    # A text column holds a string or None, a list column a list (tables.py).
    cells = [
        xlsx_cell if column.many else XLSX_CELLS.get(column.type, safe_cell)
        for column in table.columns
    ]
    # Closed by FileResponse once sent, which deletes it.
    file = tempfile.TemporaryFile()  # noqa: SIM115
    spreadsheet.write_xlsx(
        file,
        title=str(table.title),
        # Spreadsheets have no time zones: dates are written in UTC, as the header says.
        header=[
            f"{column.name} (UTC)" if column.type == "datetime" else column.name
            for column in table.columns
        ],
        kinds=[
            spreadsheet.DATETIME
            if column.type == "datetime"
            else XLSX_KINDS.get(column.type, spreadsheet.TEXT)
            for column in table.columns
        ],
        rows=([cell(value) for cell, value in zip(cells, row, strict=True)] for row in rows),
    )
    file.seek(0)
    return file


def download(queryset, *, table: Table, file_format: str, build_url):
    """The whole of `queryset` as a file of `file_format`, named after the table and the day."""
    if file_format not in FORMATS:
        raise ValidationError(
            {
                "format": [
                    _("Format « %(format)s » inconnu : choisissez parmi %(formats)s.")
                    % {"format": file_format, "formats": ", ".join(FORMATS)}
                ]
            }
        )
    content_type, extension = FORMATS[file_format]
    filename = f"atlas-ia-sante-{table.name}-{timezone.localdate().isoformat()}.{extension}"
    rows = records(table, queryset, build_url)
    if file_format == "xlsx":
        return FileResponse(
            xlsx_file(table, rows), as_attachment=True, filename=filename, content_type=content_type
        )
    chunks = csv_chunks(table, rows) if file_format == "csv" else json_chunks(table, rows)
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
