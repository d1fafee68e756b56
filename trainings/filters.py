from core.filters import EntryFilterSet
from trainings.models import TrainingProgramme


class ProgrammeFilterSet(EntryFilterSet):
    class Meta:
        model = TrainingProgramme
        fields = ["q", "diploma_type", "teaching_format", "tag"]
