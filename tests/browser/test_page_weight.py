"""Each public page weighs under 100 KB over the wire, images aside: HTML, CSS and scripts.

The browser measures it (Resource Timing's transferSize: headers and body as received) with an
empty cache. The test server compresses nothing, so this is the weight without gzip: a
production server that compresses sends less. The figures go to test-artifacts/page-weight.json.
"""

import json

from tests.browser import pages

BUDGET_BYTES = 100_000

WEIGHT = """() => {
    const entries = [performance.getEntriesByType('navigation')[0],
                     ...performance.getEntriesByType('resource')];
    const counted = entries.filter(entry => entry.initiatorType !== 'img'
        && !/\\.(png|jpe?g|gif|webp|avif|svg|ico)(\\?|$)/.test(entry.name));
    return Object.fromEntries(counted.map(entry => [entry.name, entry.transferSize]));
}"""


def test_every_public_page_weighs_under_100_kb(site, browser, artifacts):
    weights = {}
    for name, path in pages.page_types().items():
        if name == "admin-login":
            continue
        # A new context each time: an empty cache, as on a first visit.
        context = browser.new_context(locale="fr-FR")
        page = context.new_page()
        page.goto(site.url(path), wait_until="load")
        resources = page.evaluate(WEIGHT)
        context.close()
        assert site.url(path) in resources, f"{name}: the page itself was not measured"
        assert all(size > 0 for size in resources.values()), (name, resources)
        weights[name] = {"total": sum(resources.values()), "resources": resources}
    (artifacts / "page-weight.json").write_text(json.dumps(weights, indent=2))

    too_heavy = {
        name: weight["total"] for name, weight in weights.items() if weight["total"] >= BUDGET_BYTES
    }
    assert not too_heavy, f"Over {BUDGET_BYTES} bytes: {too_heavy}"
