"""The editors' forms and lists fit the window at 1024 and 1280 px: nothing scrolls sideways."""

import pytest
from playwright.sync_api import expect

from ecosystem.models import Actor
from funding.models import FundingScheme
from tests import factories
from tests.browser.test_editor import PASSWORD, log_in
from trainings.models import TrainingProgramme

WIDTHS = (1024, 1280)
# Every element of the admin's content that is wider than its box, or the page itself.
OVERFLOWING = """() => {
    const wide = [...document.querySelectorAll("#content *")].filter(
        (element) => element.scrollWidth > element.clientWidth + 1
            && ["auto", "scroll"].includes(getComputedStyle(element).overflowX)
    ).map((element) => element.tagName + "." + element.className);
    if (document.documentElement.scrollWidth > window.innerWidth) wide.push("page");
    return wide;
}"""


def admin_pages():
    """{name: path} of each entry form and changelist of the demo."""
    gleamer = Actor.objects.get(slug="gleamer")
    scheme = FundingScheme.objects.get(slug="france-2030")
    programme = TrainingProgramme.objects.first()
    return {
        "actor-change": f"/admin/ecosystem/actor/{gleamer.pk}/change/",
        "actor-add": "/admin/ecosystem/actor/add/",
        "scheme-change": f"/admin/funding/fundingscheme/{scheme.pk}/change/",
        "programme-change": f"/admin/trainings/trainingprogramme/{programme.pk}/change/",
        "actor-list": "/admin/ecosystem/actor/",
        "scheme-list": "/admin/funding/fundingscheme/",
        "award-list": "/admin/funding/award/",
        "programme-list": "/admin/trainings/trainingprogramme/",
        "tag-list": "/admin/core/tag/",
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_admin_forms_and_changelists_fit_the_window(site, browser, width):
    page = log_in(browser, site, factories.make_reviewer(password=PASSWORD))
    page.set_viewport_size({"width": width, "height": 800})
    overflowing = {}
    for name, path in admin_pages().items():
        page.goto(site.url(path))
        expect(page.locator("#content h1")).to_be_visible()
        wide = page.evaluate(OVERFLOWING)
        if wide:
            overflowing[name] = wide
    page.context.close()
    assert overflowing == {}
