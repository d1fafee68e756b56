"""Read a back-office page as an editor sees it: the rows listed, the errors shown, the messages.

The admin's pages are tested through their HTML, like the public ones (tests/html_page.py): a
bug in a template, a widget or a message shows there and nowhere else.
"""

from tests.html_page import page, text, texts


def heading(response):
    """The page's title, as its <h1> shows it."""
    return text(page(response).select_one("#content h1"))


def changelist_column(response, field="name"):
    """The cells of one column of a changelist (`field`'s name), one per row, in order."""
    return texts(response, f"#result_list tbody .field-{field}")


def result_count(response):
    """What the changelist says of how many rows it holds (« 30 acteurs »)."""
    return text(page(response).select_one("p.paginator"))


def fieldset_titles(response):
    """The titles of the change form's sections, in order."""
    return texts(response, "h2.fieldset-heading")


def inline_titles(response):
    """The titles of the change form's inlines (sources, key figures…), in order."""
    return texts(response, "h2.inline-heading")


def field_errors(response):
    """The errors a form shows beside its fields, by field name."""
    return {
        errors["id"].removeprefix("id_").removesuffix("_error"): texts(errors, "li")
        for errors in page(response).select("ul.errorlist[id]")
    }


def form_errors(response):
    """The errors a form shows above its fields, tied to none of them."""
    return texts(response, "ul.errorlist.nonfield li")


def messages_of(response):
    """The messages shown at the top of the page (« 1 entrée est désormais… »)."""
    return texts(response, "ul.messagelist li")


def choices(response, name):
    """The values a <select name=`name`> offers, blank choice aside, in order."""
    return [
        option["value"]
        for option in page(response).select(f'select[name="{name}"] option')
        if option["value"]
    ]


def table_rows(response, caption):
    """The rows of the table captioned `caption`, each as the text of its cells."""
    for table in page(response).select("table"):
        if table.caption is not None and text(table.caption) == caption:
            return [texts(row, "th, td") for row in table.select("tbody tr")]
    raise AssertionError(f"No table captioned « {caption} » on the page.")


# --- Import pages (django-import-export) ---------------------------------------------


def import_types(response):
    """What the preview says each valid row would do (« Création », « Mettre à jour »…)."""
    return texts(response, "table.import-preview td.import-type")


def refused_rows(response):
    """The rows the preview refuses: (line number, [(column, [errors])]) in the page's order."""
    rows = []
    for cell in page(response).select("table.import-preview td.errors"):
        errors = [
            (
                text(item.select_one(".validation-error-field-label")),
                texts(item, "ul li"),
            )
            for item in cell.select("ul.validation-error-list > li")
        ]
        rows.append((int(text(cell.find_previous_sibling("td"))), errors))
    return rows


def import_errors(response):
    """The errors the import page lists for rows it could not even check, as shown."""
    return texts(response, "li.import-error-li .import-error-display-message")


def import_totals(response):
    """The totals the import page shows above its preview, as shown."""
    return texts(response, "ul.import-totals li")


def confirmation(response):
    """What the editor's browser posts when they confirm an import the preview shows."""
    form = page(response).select_one('form[action$="/process_import/"]')
    if form is None:
        raise AssertionError("The import page offers no confirmation.")
    return {field["name"]: field.get("value", "") for field in form.select("input[name]")}


def export_columns(response):
    """The columns the export page offers to tick, by the name of their box."""
    return [box["name"] for box in page(response).select('input[type="checkbox"][resource-id]')]
