from django.utils.translation import gettext_lazy as _

from core.public.entry_views import EntryDetailView, EntryListView
from funding.filters import SchemeFilterSet
from funding.models import FundingScheme


class SchemeListView(EntryListView):
    page_description = _(
        "Les dispositifs publics qui financent et accompagnent l'IA en santé en France, et les financements qu'ils ont attribués."
    )
    model = FundingScheme
    filterset_class = SchemeFilterSet


class SchemeDetailView(EntryDetailView):
    model = FundingScheme
    # A tenth of schemes have sub-schemes (10 000 generated): fetched only for those
    # (EntryDetailView.relations). Nearly all have operators and awards: fetched for all.
    relations = {"children": ()}
    always_fetched = {"operators": (), "awards": ("actor",)}

    def get_queryset(self):
        return super().get_queryset().select_related("parent")
