from core.public.entry_views import EntryDetailView, EntryListView
from tests.events.filters import EventFilterSet
from tests.events.models import Event


class EventListView(EntryListView):
    model = Event
    filterset_class = EventFilterSet


class EventDetailView(EntryDetailView):
    model = Event
