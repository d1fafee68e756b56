"""The file an editor uploads to import: its limits, read once, kept read between the two steps.

An import is a dry run, then a confirmation. The upload is checked and read when the import
form is cleaned: its weight, for an XLSX file (a zip) the weight of what it unpacks to before
openpyxl opens it, then its rows, counted as they are read so that a huge file is dropped
early. What is kept for the confirmation is the rows already read, as JSON, not the file:
the confirmation never reads a spreadsheet again.
"""

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from xml.etree import ElementTree

import openpyxl
import tablib
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.formats.base_formats import CSV, XLSX, Format
from import_export.forms import ImportForm
from import_export.resources import Resource
from openpyxl.utils.exceptions import InvalidFileException

# In Mo as editors' file browsers count them: 1 Mo is a million bytes.
MAX_IMPORT_MEGABYTES = 5
MAX_IMPORT_BYTES = MAX_IMPORT_MEGABYTES * 1_000_000
# What the XLSX zip may unpack to, far above what the rows allowed hold: it bounds what is
# read before a row is counted (a zip bomb is small to send, huge to read).
MAX_UNPACKED_MEGABYTES = 20
MAX_UNPACKED_BYTES = MAX_UNPACKED_MEGABYTES * 1_000_000
# Each row costs some 45 ms to check and as much to save (measured with 500 rows on a busy
# machine: 23 s, then 19 s): more would pass gunicorn's 30 s timeout. A larger file is split.
MAX_IMPORT_ROWS = 500

MESSAGES = {
    "too_heavy": _(
        "Le fichier pèse %(size)s Mo : la limite est de %(limit)d Mo. "
        "Découpez-le en plusieurs fichiers."
    ),
    "too_big_unpacked": _(
        "Ce fichier XLSX se décompresse en plus de %(limit)d Mo : il est refusé. "
        "Enregistrez-le à nouveau avec seulement les colonnes à importer, ou en CSV."
    ),
    "too_many_rows": _(
        "Le fichier compte plus de %(limit)s lignes : découpez-le en fichiers de %(limit)s "
        "lignes au plus."
    ),
    "not_xlsx": _(
        "Ce fichier n'est pas un classeur XLSX lisible : enregistrez-le à nouveau au format "
        "XLSX (Excel 2007 et suivants), ou en CSV."
    ),
    "not_utf8": _(
        "Ce fichier CSV n'est pas encodé en UTF-8 : enregistrez-le à nouveau en « CSV UTF-8 »."
    ),
    "ragged": _(
        "La ligne %(row)s compte plus de colonnes que la ligne des en-têtes : "
        "chaque colonne doit avoir un en-tête."
    ),
}


class ImportFileForm(ImportForm):
    """The import form, which refuses a file over the limits and keeps its rows as read."""

    def __init__(
        self, formats: list[type[Format]], resources: list[type[Resource]], **kwargs: Any
    ) -> None:
        super().__init__(formats, resources, **kwargs)
        self.formats = formats
        self.fields["import_file"].help_text = gettext(
            "CSV en UTF-8 ou XLSX, de %(rows)s lignes et %(megabytes)d Mo au plus."
        ) % {
            "rows": number_format(MAX_IMPORT_ROWS, use_l10n=True, force_grouping=True),
            "megabytes": MAX_IMPORT_MEGABYTES,
        }

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        upload = cleaned_data.get("import_file")
        chosen = cleaned_data.get("format")
        if upload is None or chosen in (None, ""):
            return cleaned_data
        try:
            # The admin reads the rows from here (see TransferAdminMixin.write_to_tmp_storage).
            upload.dataset = read_dataset(upload, self.formats[int(chosen)])
        except ValidationError as error:
            self.add_error("import_file", error)
        return cleaned_data


def read_dataset(upload: File, file_format: type[Format]) -> tablib.Dataset:
    """The rows of `upload`, first row as headers, or a ValidationError saying what is wrong."""
    if upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(
            MESSAGES["too_heavy"],
            code="too_heavy",
            params={
                "size": number_format(upload.size / 1_000_000, 1, use_l10n=True),
                "limit": MAX_IMPORT_MEGABYTES,
            },
        )
    upload.seek(0)
    if issubclass(file_format, XLSX):
        return _dataset(_xlsx_rows(upload), blank=None)
    # As tablib reads a CSV file: a short row is filled with empty text.
    return _dataset(_csv_rows(upload), blank="")


def _xlsx_rows(upload: File) -> Iterator[Sequence[Any]]:
    try:
        with zipfile.ZipFile(upload) as archive:
            _check_unpacked_size(archive)
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    _check_row_count(archive, name)
    except (zipfile.BadZipFile, ElementTree.ParseError):
        raise ValidationError(MESSAGES["not_xlsx"], code="not_xlsx") from None
    upload.seek(0)
    try:
        # Read-only streams the rows, so counting stops reading a file that has too many.
        workbook = openpyxl.load_workbook(upload, read_only=True, data_only=True)
        try:
            yield from workbook.active.iter_rows(values_only=True)
        finally:
            workbook.close()
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, InvalidFileException):
        raise ValidationError(MESSAGES["not_xlsx"], code="not_xlsx") from None


def _check_unpacked_size(archive: zipfile.ZipFile) -> None:
    if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise ValidationError(
            MESSAGES["too_big_unpacked"],
            code="too_big_unpacked",
            params={"limit": MAX_UNPACKED_MEGABYTES},
        )


def _check_row_count(archive: zipfile.ZipFile, sheet_name: str) -> None:
    """Count a sheet's rows, stopping past the limit: openpyxl would first read it all.

    (To find its size, openpyxl reads a whole sheet that does not declare it.)
    """
    rows = 0
    with archive.open(sheet_name) as sheet:
        for _event, element in ElementTree.iterparse(sheet):
            if element.tag.endswith("}row"):
                rows += 1
                if rows > MAX_IMPORT_ROWS + 1:
                    raise _too_many_rows()
                element.clear()


def _too_many_rows() -> ValidationError:
    return ValidationError(
        MESSAGES["too_many_rows"],
        code="too_many_rows",
        params={"limit": number_format(MAX_IMPORT_ROWS, use_l10n=True, force_grouping=True)},
    )


def _csv_rows(upload: File) -> Iterator[list[str]]:
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(MESSAGES["not_utf8"], code="not_utf8") from None
    yield from csv.reader(io.StringIO(text, newline=""))


def _dataset(rows: Iterable[Sequence[Any]], *, blank: str | None) -> tablib.Dataset:
    """The rows as django-import-export reads them: headers, then rows padded to their width."""
    dataset = tablib.Dataset()
    for number, row in enumerate(rows, start=1):
        if number == 1:
            dataset.headers = list(row)
            continue
        if number > MAX_IMPORT_ROWS + 1:
            raise _too_many_rows()
        if not any(cell not in (None, "") for cell in row):
            continue
        if len(row) > dataset.width:
            raise ValidationError(MESSAGES["ragged"], code="ragged", params={"row": number})
        dataset.append([*row, *[blank] * (dataset.width - len(row))])
    return dataset


def dataset_to_json(dataset: tablib.Dataset) -> str:
    """The rows read, as kept between the dry run and the confirmation."""
    # A date typed in a cell goes as its text: no column of the atlas holds a date.
    rows = [list(row) for row in dataset]
    return json.dumps({"headers": dataset.headers, "rows": rows}, default=str)


class StoredRowsMixin:
    """A format whose stored file is the rows already read (JSON), not the upload itself."""

    def create_dataset(self, in_stream: str | bytes, **kwargs: Any) -> tablib.Dataset:
        stored = json.loads(in_stream)
        return tablib.Dataset(*map(tuple, stored["rows"]), headers=stored["headers"])


class StoredCSV(StoredRowsMixin, CSV):
    pass


class StoredXLSX(StoredRowsMixin, XLSX):
    pass
