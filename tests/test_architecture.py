"""docs/architecture.md and the README's « Organisation du code » match the tree."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# A path in backticks: `core/caching/pages.py`, `core/admin/`, `templates/includes/list_page.html`.
PATH = re.compile(r"`((?:[\w.-]+/)+[\w.-]*)`")
# What the checklist creates for a new kind of entry: no such app exists in the tree.
EXAMPLE = re.compile(r"(^|/)events/")


def named_paths(document):
    text = (ROOT / document).read_text()
    return {path for path in PATH.findall(text) if not EXAMPLE.search(path)}


def test_every_path_the_architecture_names_exists():
    assert (
        sorted(path for path in named_paths("docs/architecture.md") if not (ROOT / path).exists())
        == []
    )


def test_the_architecture_names_every_core_package_and_module():
    named = named_paths("docs/architecture.md")
    parts = {f"core/{path.parent.name}/" for path in ROOT.glob("core/*/__init__.py")}
    parts |= {f"core/{path.name}" for path in ROOT.glob("core/*.py")}
    unnamed = (
        parts - named - {"core/migrations/", "core/management/", "core/__init__.py", "core/urls.py"}
    )
    assert sorted(unnamed) == []


def test_the_readme_names_existing_paths_and_every_core_package():
    text = (ROOT / "README.md").read_text()
    section = text.split("## Organisation du code")[1].split("\n## ")[0]
    named = set(PATH.findall(section))
    assert sorted(path for path in named if not (ROOT / path).exists()) == []
    packages = {f"core/{path.parent.name}/" for path in ROOT.glob("core/*/__init__.py")}
    assert sorted(packages - named - {"core/migrations/"}) == []
