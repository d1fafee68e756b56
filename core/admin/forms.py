"""Form pieces for the back-office: the entry form, inline autocompletes."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.models import AnonymousUser, User
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from simple_history.models import is_historic, to_historic
from simple_history.utils import get_m2m_reverse_field_name

from core.models import PublicationStatus, Tag
from core.publishing import workflow
from core.publishing.locking import concurrent_edit_messages

SCHEDULE_FIELDS = ("publish_at", "unpublish_at")
# Where an entry stands in the workflow, which a revert keeps as it is.
WORKFLOW_FIELDS = ("status", *SCHEDULE_FIELDS)
STORED_FIELDS = (*WORKFLOW_FIELDS, "reviewed_at", "created_at", "version")
# An address typed without its scheme (« example.org ») is read as https, as Django 6 will do;
# Django 5 reads it as http and warns of the change on every form that does not choose.
# As core.admin.mixins.InlineAdminMixin, which this module may not import: core.admin imports it.
if TYPE_CHECKING:
    InlineAdminMixin = admin.options.InlineModelAdmin
else:
    InlineAdminMixin = object

HTTPS_URL_FIELDS: dict[type[models.Field], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class FrenchFieldsForm(forms.ModelForm):
    """A form whose translated fields edit the French under their own name (`name`), the English
    under theirs (`name_en`), side by side (core.admin.languages.side_by_side).

    Django reads and writes a field through its attribute, which django-modeltranslation points
    at the active language: the form reads and writes with the French active, so an editor whose
    back-office is in English still edits the French in « Nom », beside « Nom [en] ».
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with override(settings.LANGUAGE_CODE):
            super().__init__(*args, **kwargs)
        for name in translated_fields(self._meta.model):
            for language, _name in settings.LANGUAGES:
                column = self.fields.get(build_localized_fieldname(name, language))
                if isinstance(column, forms.CharField):
                    # A translation left empty is NULL, as saving stores it (core.details).
                    column.empty_value = None

    def _post_clean(self) -> None:
        with override(settings.LANGUAGE_CODE):
            # BaseModelForm's hook that validates the instance, which django-stubs leaves out.
            super()._post_clean()  # type: ignore[misc]


def translated_fields(model: type[models.Model]) -> Sequence[str]:
    """The names of `model`'s fields written in each language (django-modeltranslation)."""
    try:
        return translator.get_options_for_model(model).get_field_names()
    except NotRegistered:
        return []


class LoadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete select that labels its current choice from an object already loaded.

    The stock widget runs one query per row to find the label of the selected option: an
    inline of three hundred awards would run three hundred queries.
    """

    loaded: models.Model | None = None

    def optgroups(
        self, name: str, value: Sequence[str], attr: dict[str, Any] | None = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int | None]]:
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.loaded is None or selected != [str(self.loaded.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(self.loaded)
        options.append(self.create_option(name, self.loaded.pk, label, True, len(options)))
        return [(None, options, 0)]


class LoadedAutocompleteForm(FrenchFieldsForm):
    """Hand each loaded-autocomplete widget the related object the instance already holds."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            # The admin wraps each relation widget in a RelatedFieldWidgetWrapper.
            widget = getattr(field.widget, "widget", field.widget)
            if not isinstance(widget, LoadedAutocompleteSelect):
                continue
            model_field = self.instance._meta.get_field(name)
            if model_field.is_cached(self.instance):
                widget.loaded = getattr(self.instance, name)


class LoadedAutocompleteInlineMixin(InlineAdminMixin):
    """For inlines whose queryset selects the related objects of its autocomplete fields."""

    form = LoadedAutocompleteForm

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                LoadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class EntryAdminForm(FrenchFieldsForm):
    """The form of every entry: only the statuses and dates its user may set, checked again.

    `user` is set by EntryAdmin.get_form on the class it builds for each request. The entry's
    stored status decides what may change, and it is read from the database when the form is
    built on an old revision (a revert): that revision's status may not be the entry's.
    """

    user: User | AnonymousUser
    # The version the editor started from, posted back to be compared (optimistic locking).
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stored = self._stored_state()
        if self.stored:
            self.initial["seen_version"] = self.stored["version"]
        current = self.stored["status"] if self.stored else None
        model = type(self.instance)
        if "status" in self.fields:
            allowed = workflow.allowed_statuses(user=self.user, model=model, current=current)
            # A model field with choices makes a ChoiceField, which django-stubs cannot tell.
            self.fields["status"].choices = [  # type: ignore[attr-defined]
                (status.value, status.label) for status in allowed
            ]
            # An editor sees a published entry's status, and may not change it.
            self.fields["status"].disabled = allowed == [current]
        if not workflow.may_schedule(user=self.user, model=model, current=current):
            for name in SCHEDULE_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
        if is_historic(self.instance) and self.stored:
            self._start_from_revision(to_historic(self.instance))
        proposed_tags = getattr(self.instance, "proposed_tag_names", None)
        if proposed_tags is not None and "tags" in self.fields:
            # A working copy's tags (core.publishing): taggit would read the live ones.
            self.initial["tags"] = list(Tag.objects.filter(name__in=proposed_tags))

    def _stored_state(self) -> dict[str, Any] | None:
        """The entry's workflow fields as stored now, or None for a new entry."""
        if self.instance._state.adding:
            return None
        if not is_historic(self.instance):
            return {name: getattr(self.instance, name) for name in STORED_FIELDS}
        # A revert's form is built on an old revision: what stands now is in the database.
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        return rows.values(*STORED_FIELDS).first()

    def _start_from_revision(self, revision: Any) -> None:
        """Show what the entry said in `revision`, where it stands in the workflow today.

        `revision` is a simple-history record, a model of its making, untyped.
        """
        # Only an entry already stored has revisions to start from.
        assert self.stored is not None
        for name in WORKFLOW_FIELDS:
            self.initial[name] = self.stored[name]
        for name in ("reviewed_at", "created_at"):
            setattr(self.instance, name, self.stored[name])
        # The relations as they were, not as the live entry has them.
        for field in revision._history_m2m_fields:
            if field.name in self.fields:
                target = get_m2m_reverse_field_name(field)
                rows = getattr(revision, field.name).all()
                self.initial[field.name] = [getattr(row, f"{target}_id") for row in rows]
        if "tags" in self.fields:
            # Tags are chosen among those that exist: one deleted since is left out.
            self.initial["tags"] = list(Tag.objects.filter(name__in=revision.tag_list))

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        # A model form's clean() returns its cleaned_data.
        assert cleaned_data is not None
        if self.stored:
            self._refuse_if_saved_meanwhile(cleaned_data.get("seen_version"))
        model = type(self.instance)
        current = self.stored["status"] if self.stored else None
        status = cleaned_data.get("status")
        if status and not workflow.may_set_status(
            user=self.user, model=model, current=current, new=status
        ):
            self.add_error(
                "status",
                _("Seul un relecteur peut donner le statut « %(status)s » à cette fiche.")
                % {"status": PublicationStatus(status).label},
            )
        return cleaned_data

    def _refuse_if_saved_meanwhile(self, seen_version: int | None) -> None:
        """Refuse the save if the entry was saved since this editor opened it.

        The row is locked until the end of the admin's transaction: of two saves that arrive
        together, the second waits, then finds the version moved on.
        """
        model = type(self.instance)
        rows = model._default_manager.filter(pk=self.instance.pk)
        if transaction.get_connection(rows.db).in_atomic_block:
            rows = rows.select_for_update()
        current_version = rows.values_list("version", flat=True).first()
        if current_version is None:
            raise forms.ValidationError(
                _("Cette fiche a été supprimée pendant que vous la modifiiez."), code="deleted"
            )
        if seen_version != current_version:
            raise forms.ValidationError(
                concurrent_edit_messages(model, self.instance.pk, seen_version),
                code="saved_meanwhile",
            )
