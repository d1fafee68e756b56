"""The texts of funding schemes and awards, in French and in English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from core.public.languages import built_in_french
from core.translation import EntryTranslationOptions, drop_translated_indexes
from funding.models import Award, FundingScheme


@register([FundingScheme, FundingScheme.history.model])
class FundingSchemeTranslationOptions(EntryTranslationOptions):
    fields = (*EntryTranslationOptions.fields, "eligibility", "sectors")


@register([Award, Award.history.model])
class AwardTranslationOptions(TranslationOptions):
    fields = ("note",)


drop_translated_indexes(FundingScheme)
built_in_french(FundingScheme)
built_in_french(Award)
