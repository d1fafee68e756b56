"""Links from the site's pages to the open data: a list's downloads, with its filters."""

from django import template
from django.urls import reverse

from ecosystem.models import Actor
from funding.models import FundingScheme
from trainings.models import TrainingProgramme

register = template.Library()

API_LISTS = {
    Actor: "opendata:actor-list",
    FundingScheme: "opendata:scheme-list",
    TrainingProgramme: "opendata:programme-list",
}


@register.simple_tag(takes_context=True)
def download_url(context, file_format):
    """The API list of this page's kind as a file: the same filters, search and sort."""
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = file_format
    return f"{reverse(API_LISTS[context['view'].model])}?{query.urlencode()}"
