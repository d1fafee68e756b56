from core.selectors import published_prefetch
from core.views import EntryDetailView, EntryListView
from trainings.filters import ProgrammeFilterSet
from trainings.models import TrainingProgramme


class ProgrammeListView(EntryListView):
    model = TrainingProgramme
    filterset_class = ProgrammeFilterSet


class ProgrammeDetailView(EntryDetailView):
    model = TrainingProgramme

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(published_prefetch(TrainingProgramme, "providers"))
        )
