"""Import and export in the back-office: CSV and XLSX in, CSV, XLSX and JSON out.

Each model's resource is found by convention in its app's `resources.py` (the resource whose
Meta.model is the admin's model), so that an admin gains import and export from this mixin
alone. Importing is for those who may both add and change; exporting, for those who may view.
"""

from importlib import import_module
from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, JSON, XLSX
from import_export.resources import ModelResource
from import_export.results import Result
from import_export.tmp_storages import BaseStorage

from core.transfer.uploads import ImportFileForm, StoredCSV, StoredXLSX, dataset_to_json


def resource_for(model: type[Model]) -> type[ModelResource]:
    """The resource class that `model`'s app declares for it in its resources.py."""
    module = import_module(f"{model._meta.app_label}.resources")
    for candidate in vars(module).values():
        if (
            isinstance(candidate, type)
            and issubclass(candidate, ModelResource)
            # import-export has no type hints: issubclass() cannot tell mypy of its _meta.
            and candidate._meta.model is model  # type: ignore[attr-defined]
        ):
            return candidate
    raise LookupError(f"{module.__name__} declares no resource for {model.__name__}.")


class TransferAdminMixin(ImportExportMixin):
    """Import and export for a model admin; the export keeps the changelist's filters."""

    # The file is read once, by the form; both steps then read the rows it kept (see
    # core.transfer.uploads).
    import_formats = [StoredCSV, StoredXLSX]
    export_formats = [CSV, XLSX, JSON]
    import_form_class = ImportFileForm
    import_template_name = "admin/import_export/atlas_import.html"

    def get_resource_classes(self, request: HttpRequest) -> list[type[ModelResource]]:
        return [resource_for(self.model)]

    def write_to_tmp_storage(self, import_file: Any, input_format: Any) -> BaseStorage:
        tmp_storage = self.get_tmp_storage_class()(
            encoding="utf-8", read_mode="r", **self.get_tmp_storage_class_kwargs()
        )
        tmp_storage.save(dataset_to_json(import_file.dataset).encode())
        return tmp_storage

    def process_import(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        try:
            return super().process_import(request, **kwargs)
        except (OSError, ValueError):
            # The rows kept by the dry run are gone (a server restarted, a form replayed).
            messages.error(
                request, _("Le fichier vérifié n'est plus disponible : importez-le à nouveau.")
            )
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_import")

    def has_import_permission(self, request: HttpRequest) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def process_result(self, result: Result, request: HttpRequest) -> HttpResponse:
        # The file was checked before confirmation; if the atlas changed since and a row is now
        # refused, the import was rolled back: say so rather than report a success.
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _(
                    "L'import a été annulé : une ligne au moins est refusée, rien n'a été "
                    "enregistré. Relancez-le pour voir le détail ligne par ligne."
                ),
            )
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_import")
        return super().process_result(result, request)
