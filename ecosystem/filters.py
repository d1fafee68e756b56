import django_filters

from core.filters import EntryFilterSet
from ecosystem.models import Actor


class ActorFilterSet(EntryFilterSet):
    kind = django_filters.ChoiceFilter(choices=Actor._meta.get_field("kind").choices)

    class Meta:
        model = Actor
        fields = ["q", "kind", "region", "tag"]
