"""The texts of actors, in French and in English (django-modeltranslation)."""

from modeltranslation.translator import register

from core.public.languages import built_in_french
from core.translation import EntryTranslationOptions, drop_translated_indexes
from ecosystem.models import Actor


@register([Actor, Actor.history.model])
class ActorTranslationOptions(EntryTranslationOptions):
    pass


drop_translated_indexes(Actor)
built_in_french(Actor)
