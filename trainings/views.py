from django.utils.translation import gettext_lazy as _

from core.public.entry_views import EntryDetailView, EntryListView
from trainings.filters import ProgrammeFilterSet
from trainings.models import TrainingProgramme


class ProgrammeListView(EntryListView):
    page_description = _(
        "Les diplômes et parcours qui forment aux usages de l'intelligence artificielle en santé en France."
    )
    model = TrainingProgramme
    filterset_class = ProgrammeFilterSet


class ProgrammeDetailView(EntryDetailView):
    model = TrainingProgramme
    always_fetched = {"providers": ()}
