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
def download_urls(context):
    """{format: the API list of this page's kind as a file, with its filters, search and sort}.

    Empty for a kind the API does not serve (a new kind of entry, until it has its endpoint).
    """
    list_name = API_LISTS.get(context["view"].model)
    if list_name is None:
        return {}
    query = context["request"].GET.copy()
    query.pop("page", None)
    urls = {}
    for file_format in ("csv", "xlsx", "json"):
        query["format"] = file_format
        urls[file_format] = f"{reverse(list_name)}?{query.urlencode()}"
    return urls
