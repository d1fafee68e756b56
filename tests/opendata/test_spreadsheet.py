"""The XLSX writer: what openpyxl reads back from it is what was written, typed as written."""

import datetime
import decimal
import io

import openpyxl
import pytest

from opendata.spreadsheet import (
    DATETIME,
    NUMBER,
    TEXT,
    column_letters,
    sheet_name,
    write_xlsx,
)


def read_back(**arguments):
    file = io.BytesIO()
    write_xlsx(file, **arguments)
    file.seek(0)
    return openpyxl.load_workbook(file).active


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (702, "AAA")]
)
def test_column_letters_count_as_spreadsheets_do(index, letters):
    assert column_letters(index) == letters


def test_a_sheet_holds_its_values_with_their_types():
    paris = datetime.timezone(datetime.timedelta(hours=1))
    sheet = read_back(
        title="Acteurs",
        header=["name", "amount", "updated (UTC)"],
        kinds=[TEXT, NUMBER, DATETIME],
        rows=[
            [
                "Œdème & <Cie> ",
                decimal.Decimal("1500000.50"),
                datetime.datetime(2026, 3, 4, 5, 6, 7),
            ],
            ["", None, None],
            ["Ligne 1\nLigne 2", 12, datetime.datetime(2026, 3, 4, 12, 0, tzinfo=paris)],
            [None, "pas un nombre", None],
        ],
    )
    assert sheet.title == "Acteurs"
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["name", "amount", "updated (UTC)"],
        ["Œdème & <Cie> ", 1500000.5, datetime.datetime(2026, 3, 4, 5, 6, 7)],
        [None, None, None],
        ["Ligne 1\nLigne 2", 12, datetime.datetime(2026, 3, 4, 11, 0)],
        [None, "pas un nombre", None],
    ]
    assert sheet["A1"].font.b is True
    assert sheet["C2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert sheet.freeze_panes == "A2"


def test_a_cell_longer_than_a_spreadsheet_holds_is_cut_and_a_bad_sheet_name_cleaned():
    sheet = read_back(
        title="Financements [attribués] : 2024/2025 et suivants",
        header=["text"],
        kinds=[TEXT],
        rows=[["x" * 40_000]],
    )
    assert len(sheet["A2"].value) == 32_767
    assert sheet.title == sheet_name("Financements [attribués] : 2024/2025 et suivants")
    assert sheet.title == "Financements  attribués    2024"
