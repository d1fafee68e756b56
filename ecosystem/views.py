from django.utils.translation import gettext_lazy as _

from core.public.entry_views import EntryDetailView, EntryListView
from core.public.selectors import published_prefetch
from ecosystem.filters import ActorFilterSet
from ecosystem.models import Actor


class ActorListView(EntryListView):
    page_description = _(
        "Start-up, organismes publics, hôpitaux, universités, campus et consortiums de l'IA en santé en France."
    )
    model = Actor
    filterset_class = ActorFilterSet


class ActorDetailView(EntryDetailView):
    model = Actor

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("parent")
            .prefetch_related(
                published_prefetch(Actor, "members"),
                published_prefetch(Actor, "memberships"),
                published_prefetch(Actor, "children"),
                # Reverse relations that the funding and trainings apps attach to actors.
                published_prefetch(Actor, "awards", "scheme"),
                published_prefetch(Actor, "operated_schemes"),
                published_prefetch(Actor, "programmes"),
            )
        )
