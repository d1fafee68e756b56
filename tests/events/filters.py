from core.filters import EntryFilterSet
from tests.events.models import Event


class EventFilterSet(EntryFilterSet):
    class Meta(EntryFilterSet.Meta):
        model = Event
        fields = []
