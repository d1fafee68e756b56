"""The texts of training programmes, in French and in English (django-modeltranslation)."""

from modeltranslation.translator import register

from core.public.languages import built_in_french
from core.translation import EntryTranslationOptions, drop_translated_indexes
from trainings.models import TrainingProgramme


@register([TrainingProgramme, TrainingProgramme.history.model])
class TrainingProgrammeTranslationOptions(EntryTranslationOptions):
    fields = (*EntryTranslationOptions.fields, "audience", "objectives", "prerequisites")


drop_translated_indexes(TrainingProgramme)
built_in_french(TrainingProgramme)
