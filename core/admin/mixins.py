"""What the back-office's mixins extend: nothing at run time, the admin as mypy reads them.

A mixin of an entry's admin (workflow, images, working copies, history) calls the admin's
methods and reads `self.model`; it extends `object`, so that each admin class keeps the order
in which its bases are listed, but mypy reads it as the class it is mixed into: a ModelAdmin
that is also simple-history's admin, or an inline.

core.admin.forms and core.admin.history, which core.admin imports, say the same for
themselves: importing this module would make a cycle of imports.
"""

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

if TYPE_CHECKING:

    class HistoryModelAdmin(admin.ModelAdmin):
        """simple-history's SimpleHistoryAdmin, which has no type hints: what the atlas uses."""

        object_history_template: ClassVar[str]

        def revert_disabled(self, request: HttpRequest, obj: Model | None = None) -> bool: ...

        def history_form_view(
            self,
            request: HttpRequest,
            object_id: str,
            version_id: str,
            extra_context: dict[str, Any] | None = None,
        ) -> HttpResponse: ...

    ModelAdminMixin = HistoryModelAdmin
    InlineAdminMixin = admin.options.InlineModelAdmin
else:
    ModelAdminMixin = object
    InlineAdminMixin = object
