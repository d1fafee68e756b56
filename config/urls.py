from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.http.health import healthz
from core.public.sitemaps import sitemaps

SITEMAPS = sitemaps()
# A database that does not answer gives a 503 page, any other error the 500 page.
handler500 = "core.http.unavailable.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("opendata.urls")),
    # Outside the language prefixes: probes call one fixed address.
    path("healthz", healthz, name="healthz"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

# French lives at the root, English under /en/ with translated paths (/en/actors/).
urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path(_("acteurs/"), include("ecosystem.urls")),
    path(_("financements/"), include("funding.urls")),
    path(_("formations/"), include("trainings.urls")),
    path("", include("landscape.urls")),
    path("", include("opendata.web_urls")),
    path(_("participer/"), include("participation.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
