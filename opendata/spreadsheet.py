"""XLSX files of one sheet of text, numbers and dates, written row by row with memory flat.

Measured on the actors' 50 000 rows of 16 columns (bench/downloads.py, same machine and rows):
openpyxl's write-only mode wrote them in 13 s, XlsxWriter's constant-memory mode in 9 to 11 s,
this module in about 1 s. Both libraries spend microseconds on every cell finding out what it
holds and how to write it: 1.6 million cells for 100 000 rows. A download knows its columns'
types before its first row, so each column's way of writing a cell is chosen once and a row
is one string join; what a workbook needs around its sheet (content types, relationships,
a date format, a bold header) is a few constant parts, as SpreadsheetML (ECMA-376) requires
them. Strings are written inline, as XlsxWriter's constant-memory mode also does: no shared
table to hold in memory. LibreOffice and openpyxl read these files (tests/opendata/).
"""

import datetime
import decimal
import zipfile
from collections.abc import Iterable, Sequence
from typing import BinaryIO
from xml.sax.saxutils import quoteattr

TEXT, NUMBER, DATETIME = "text", "number", "datetime"
# Excel's limits: characters in a cell, rows in a sheet, characters in a sheet's name.
MAX_CELL_LENGTH = 32_767
MAX_ROWS = 1_048_576
MAX_SHEET_NAME = 31
# Rows joined into one write to the archive: few calls, a small buffer.
ROWS_PER_WRITE = 500
# Day 0 of Excel's 1900 date system, as every spreadsheet reads it (its 1900 leap-year bug
# shifts only dates before March 1900).
EXCEL_EPOCH = datetime.datetime(1899, 12, 30)
# Style indexes of styles.xml's cellXfs.
DATE_STYLE, HEADER_STYLE = 1, 2

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = (
    XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
ROOT_RELATIONSHIPS = (
    XML_HEAD + f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELATIONSHIPS = (
    XML_HEAD + f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
STYLES = (
    XML_HEAD + f'<styleSheet xmlns="{MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
# The header row stays in view while the rows scroll.
SHEET_HEAD = (
    XML_HEAD + f'<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    "</sheetView></sheetViews><sheetData>"
)
SHEET_TAIL = "</sheetData></worksheet>"


class TooManyRows(ValueError):
    """More rows than a spreadsheet can hold."""


def column_letters(index: int) -> str:
    """`A` for 0, `Z` for 25, `AA` for 26…"""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def text_cell(reference: str, value, style: str = "") -> str:
    if value is None or value == "":
        return ""
    text = str(value)[:MAX_CELL_LENGTH]
    # xml.sax.saxutils.escape, without its call and its entities' loop: 1.6 million cells.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        f'<c r="{reference}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    )


def number_cell(reference: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float | decimal.Decimal):
        return text_cell(reference, value)
    return f'<c r="{reference}"><v>{value}</v></c>'


def datetime_cell(reference: str, value) -> str:
    if value is None:
        return ""
    if value.tzinfo is not None:
        # Spreadsheets have no time zones: the caller's header says which one this is.
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    delta = value - EXCEL_EPOCH
    days = delta.days + (delta.seconds + delta.microseconds / 1_000_000) / 86_400
    return f'<c r="{reference}" s="{DATE_STYLE}"><v>{days!r}</v></c>'


WRITERS = {TEXT: text_cell, NUMBER: number_cell, DATETIME: datetime_cell}


def sheet_name(title: str) -> str:
    """`title` as a sheet's name: without the characters Excel refuses, 31 at most."""
    cleaned = "".join(" " if character in "[]:*?/\\" else character for character in title)
    return cleaned.strip("' ")[:MAX_SHEET_NAME] or "Sheet1"


def write_xlsx(
    file: BinaryIO,
    *,
    title: str,
    header: Sequence[str],
    kinds: Sequence[str],
    rows: Iterable[Sequence],
) -> None:
    """Write a workbook of one sheet to `file`: `header` in bold, then `rows`, one at a time.

    `kinds` gives each column's type (TEXT, NUMBER or DATETIME); a value that is not of its
    column's type is written as text, None and "" as an empty cell.
    """
    letters = [column_letters(index) for index in range(len(header))]
    writers = [WRITERS[kind] for kind in kinds]
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELATIONSHIPS)
        archive.writestr(
            "xl/workbook.xml",
            XML_HEAD + f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
            f'<sheet name={quoteattr(sheet_name(title))} sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELATIONSHIPS)
        archive.writestr("xl/styles.xml", STYLES)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            bold = f' s="{HEADER_STYLE}"'
            cells = "".join(
                text_cell(f"{letter}1", name, bold)
                for letter, name in zip(letters, header, strict=True)
            )
            buffer = [SHEET_HEAD, f'<row r="1">{cells}</row>']
            number = 1
            for number, row in enumerate(rows, start=2):
                if number > MAX_ROWS:
                    raise TooManyRows(f"A sheet holds {MAX_ROWS} rows at most.")
                cells = "".join(
                    [
                        write(f"{letter}{number}", value)
                        for write, letter, value in zip(writers, letters, row, strict=True)
                    ]
                )
                buffer.append(f'<row r="{number}">{cells}</row>')
                if number % ROWS_PER_WRITE == 0:
                    sheet.write("".join(buffer).encode())
                    buffer.clear()
            buffer.append(SHEET_TAIL)
            sheet.write("".join(buffer).encode())
