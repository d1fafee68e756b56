"""Tags in the back-office, as an editor and a reviewer meet them (core/admin/tags.py)."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_editor import PASSWORD, choose_tag, log_in, save_and_continue


def test_editor_finds_a_tag_without_typing_its_accents_and_cannot_create_one(site, browser):
    editor = factories.make_editor(password=PASSWORD)
    draft = factories.make_actor(name="Radiologie Lyon", status="draft")
    page = log_in(browser, site, editor)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(site.url(f"/admin/ecosystem/actor/{draft.pk}/change/"))

    # What the editor types matches only existing tags, each shown with its group.
    page.locator(".field-tags .select2-selection").click()
    page.locator(".field-tags .select2-search__field").fill("telemedecine")
    expect(page.locator(".select2-results__option")).to_have_text(
        ["télémédecine (Soins et parcours)"]
    )
    page.locator(".field-tags .select2-search__field").fill("une étiquette qui n'existe pas")
    expect(page.locator(".select2-results__option")).to_have_text(["Aucun résultat trouvé"])
    page.keyboard.press("Escape")
    choose_tag(page, "diabete", "diabète (Pathologies)")
    # Only reviewers see the « + » that creates a tag.
    expect(page.locator("#add_id_tags")).to_have_count(0)
    save_and_continue(page, "a été modifié avec succès")

    expect(page.locator(".field-tags .select2-selection__choice")).to_contain_text(
        ["diabète (Pathologies)"]
    )
    assert errors == [], "the autocomplete broke the content security policy or a script"
    page.context.close()


def test_reviewer_creating_a_near_duplicate_tag_is_pointed_to_the_existing_one(site, browser):
    reviewer = factories.make_reviewer(password=PASSWORD)
    page = log_in(browser, site, reviewer)
    page.goto(site.url("/admin/core/tag/add/"))

    page.locator("#id_name").fill("Imageries medicales")
    page.locator('[name="_save"]').click()

    expect(page.locator(".field-name .errorlist")).to_have_text(
        "«\N{NO-BREAK SPACE}Imageries medicales\N{NO-BREAK SPACE}» ressemble trop à l'étiquette "
        "«\N{NO-BREAK SPACE}imagerie médicale\N{NO-BREAK SPACE}», qui existe déjà\N{NO-BREAK SPACE}: "
        "choisissez-la plutôt dans la fiche."
    )
    page.context.close()


def test_entry_form_autocompletes_are_named_by_their_labels(site, browser):
    page = log_in(browser, site, factories.make_editor(password=PASSWORD))
    page.goto(site.url("/admin/ecosystem/actor/add/"))
    choose_tag(page, "diab", "diabète (Pathologies)")

    results = Axe().run(
        page,
        context={"include": [[".field-tags"], [".field-parent"], [".field-members"]]},
        options={"runOnly": {"type": "rule", "values": ["label", "aria-input-field-name"]}},
    )

    assert [violation["id"] for violation in results.response["violations"]] == []
    expect(page.get_by_role("combobox", name="Étiquettes")).to_have_count(1)
    page.context.close()
