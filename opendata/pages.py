"""Placeholder replaced below."""

from django.http import HttpResponse
from django.views.generic import TemplateView


class DataView(TemplateView):
    template_name = "opendata/data.html"


def package_download(request):
    return HttpResponse()
