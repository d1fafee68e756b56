"""Links from the public pages to the proposal and alert forms."""

from django import template
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
def follow_list_url(model, query):
    """The follow form for the list of `model` as filtered, searched and sorted by `query`."""
    query = query.copy()
    query.pop("page", None)
    url = reverse("participation:follow-list", args=[model._meta.label_lower])
    return f"{url}?{query.urlencode()}" if query else url
