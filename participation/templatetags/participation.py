"""Links from the public pages to the proposal and alert forms."""

from django import template
from django.http import QueryDict
from django.urls import reverse

register = template.Library()


@register.simple_tag
def propose_correction_url(entry):
    label = entry._meta.label_lower
    return reverse("participation:propose-correction", args=[label, entry.slug])


@register.simple_tag
def follow_entry_url(entry):
    return reverse("participation:follow-entry", args=[entry._meta.label_lower, entry.slug])


@register.simple_tag
def propose_entry_url(model):
    return f"{reverse('participation:propose-entry')}?type={model._meta.label_lower}"


@register.simple_tag
def follow_list_url(model, filterset):
    """The follow form for the list of `model` as `filterset` filters, searches and sorts it.

    Only the filters' own parameters: a cached list page is shared by every address that differs
    by anything else (a page number, a tracking parameter).
    """
    query = QueryDict(mutable=True)
    for name in filterset.filters:
        values = [value for value in filterset.data.getlist(name) if value]
        if values:
            query.setlist(name, values)
    url = reverse("participation:follow-list", args=[model._meta.label_lower])
    return f"{url}?{query.urlencode()}" if query else url
