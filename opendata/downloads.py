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
from openpyxl import Workbook
from rest_framework.exceptions import ValidationError

from core.transfer.cells import safe_cell
from opendata.selectors import in_batches
from opendata.tables import LIST_SEPARATOR, Table

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
BYTE_ORDER_MARK = "\ufeff"
# Rows written out per chunk: big enough to keep the overhead of a chunk small.
ROWS_PER_CHUNK = 500


def records(table: Table, queryset, build_url) -> Iterator[list]:
    """The values of each row of `queryset`, read in batches with their relations."""
    for instance in in_batches(queryset, table.enrich):
        yield table.values(instance, build_url)


def text_cell(value) -> str:
    """A value as CSV text: lists joined, dates in ISO 8601, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return str(value)


def csv_chunks(table: Table, rows: Iterable[list], *, byte_order_mark=True) -> Iterator[str]:
    """The CSV text of `rows`, with a header row, a few hundred rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if byte_order_mark:
        buffer.write(BYTE_ORDER_MARK)
    writer.writerow([column.name for column in table.columns])
    for number, row in enumerate(rows, start=1):
        writer.writerow([safe_cell(text_cell(value)) for value in row])
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
    if isinstance(value, datetime.datetime):
        # Spreadsheets have no time zones: UTC, as the header says.
        value = timezone.make_naive(value, datetime.UTC)
    return safe_cell(value)


def xlsx_file(table: Table, rows: Iterable[list]):
    """An XLSX file of `rows`, built row by row on disk (openpyxl's write-only mode)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(table.title))
    sheet.append(
        [
            f"{column.name} (UTC)" if column.type == "datetime" else column.name
            for column in table.columns
        ]
    )
    for row in rows:
        sheet.append([xlsx_cell(value) for value in row])
    # Closed by FileResponse once sent, which deletes it.
    file = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(file)
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
    # The site's origin once, rather than checking the request's host again on every row.
    origin = build_url("/").removesuffix("/")
    rows = records(table, queryset, lambda path: origin + path)
    if file_format == "xlsx":
        return FileResponse(
            xlsx_file(table, rows), as_attachment=True, filename=filename, content_type=content_type
        )
    chunks = csv_chunks(table, rows) if file_format == "csv" else json_chunks(table, rows)
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
