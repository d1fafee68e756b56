"""Security headers on the public site and the editors' space, and pages that obey them."""

from html.parser import HTMLParser

import pytest
from csp.decorators import csp_update
from django.http import HttpResponse

from core.http.middleware import SecurityHeadersMiddleware
from tests import factories

pytestmark = pytest.mark.django_db

PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
ADMIN_POLICY = PUBLIC_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
DISABLED_FEATURES = {
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
}
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def directives(policy):
    """{directive: sources}: django-csp writes the directives in no fixed order."""
    return dict(item.strip().split(" ", 1) for item in policy.split(";"))


def permissions(response):
    return {item.split("=")[0] for item in response["Permissions-Policy"].split(", ")}


def assert_common_headers(response):
    assert {name: response[name] for name in COMMON_HEADERS} == COMMON_HEADERS
    assert permissions(response) == DISABLED_FEATURES
    assert set(response["Permissions-Policy"].split(", ")) == {
        f"{feature}=()" for feature in DISABLED_FEATURES
    }


class _InlineCode(HTMLParser):
    """Finds what a policy without 'unsafe-inline' would block: inline scripts and styles."""

    def __init__(self):
        super().__init__()
        self.scripts, self.handlers, self.styles = [], [], []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [name for name in attrs if name.startswith("on")]
        self.handlers += [
            value for value in attrs.values() if value and value.startswith("javascript:")
        ]
        if "style" in attrs:
            self.styles.append(attrs["style"])
        if tag == "style":
            self.styles.append("<style>")
        # A JSON-LD block is data that browsers never run; every other script must come by src.
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/ld+json":
            self._script = ""

    def handle_data(self, data):
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None


def inline_code(response):
    parser = _InlineCode()
    parser.feed(response.content.decode())
    return parser


def test_public_page_has_every_security_header(client):
    response = client.get("/")

    assert directives(response["Content-Security-Policy"]) == directives(PUBLIC_POLICY)
    assert_common_headers(response)


def test_public_policy_allows_no_inline_script_nor_eval(client):
    header = client.get("/")["Content-Security-Policy"]
    policy = directives(header)

    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in header


def test_cached_public_page_keeps_every_security_header(client, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    client.get("/tags/")

    response = client.get("/tags/")

    assert response.templates == []
    assert directives(response["Content-Security-Policy"]) == directives(PUBLIC_POLICY)
    assert_common_headers(response)


def test_admin_page_has_every_security_header_with_inline_styles_only(editor_client):
    response = editor_client.get("/admin/ecosystem/actor/add/")

    assert directives(response["Content-Security-Policy"]) == directives(ADMIN_POLICY)
    assert directives(response["Content-Security-Policy"])["script-src"] == "'self'"
    assert_common_headers(response)


def test_admin_login_page_has_the_admin_policy(client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]

    assert directives(policy) == directives(ADMIN_POLICY)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/ecosystem/actor/",
        "/admin/ecosystem/actor/add/",
        "/admin/funding/fundingscheme/add/",
        "/admin/trainings/trainingprogramme/add/",
        "/admin/funding/award/add/",
        "/admin/core/tag/add/",
    ],
)
def test_admin_pages_run_no_inline_script(editor_client, url):
    found = inline_code(editor_client.get(url))

    assert (found.scripts, found.handlers) == ([], [])


def test_admin_change_page_runs_no_inline_script(editor_client):
    actor = factories.make_actor(name="Gleamer")
    factories.make_source(actor)
    factories.make_key_figure(actor)

    found = inline_code(editor_client.get(f"/admin/ecosystem/actor/{actor.pk}/change/"))

    assert (found.scripts, found.handlers) == ([], [])


def test_public_pages_have_no_inline_script_nor_style(client):
    tag = factories.make_tag("Imagerie")
    actor = factories.make_actor(name="Gleamer", slug="gleamer", tags=[tag])
    scheme = factories.make_scheme(name="PIA", slug="pia", operators=[actor])
    factories.make_award(scheme=scheme, actor=actor)
    factories.make_programme(slug="du", providers=[actor])
    urls = ["/", "/acteurs/", "/acteurs/gleamer/", "/financements/", "/financements/pia/"]
    urls += ["/formations/", "/formations/du/", "/tags/", f"/tags/{tag.slug}/", "/en/"]

    for url in urls:
        response = client.get(url)
        found = inline_code(response)
        assert response.status_code == 200, url
        assert (found.scripts, found.handlers, found.styles) == ([], [], []), url


def test_a_view_that_changes_the_policy_gets_its_own_and_the_next_page_the_usual_one(rf):
    # The settings' policies are built once and reused; a view that django-csp's decorators
    # change must still get the policy made for it, and must not change the next page's.
    @csp_update({"img-src": ["https://tiles.example.org"]})
    def changed(request):
        return HttpResponse("carte")

    def usual(request):
        return HttpResponse("accueil")

    changed_policy = SecurityHeadersMiddleware(changed)(rf.get("/carte/"))
    usual_policy = SecurityHeadersMiddleware(usual)(rf.get("/"))

    assert directives(changed_policy["Content-Security-Policy"])["img-src"] == (
        "'self' data: https://tiles.example.org"
    )
    assert directives(usual_policy["Content-Security-Policy"]) == directives(PUBLIC_POLICY)
