from django.utils.translation import gettext_lazy as _

from core.public.entry_views import EntryDetailView, EntryListView
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
    # Most actors have one or two of these six relations (EntryDetailView.relations).
    relations = {
        "members": (),
        "memberships": (),
        "children": (),
        # Reverse relations that the funding and trainings apps attach to actors.
        "awards": ("scheme",),
        "operated_schemes": (),
        "programmes": (),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("parent")
