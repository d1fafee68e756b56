from core.filters import EntryFilterSet
from funding.models import FundingScheme


class SchemeFilterSet(EntryFilterSet):
    class Meta:
        model = FundingScheme
        fields = ["q", "kind", "state", "tag"]
