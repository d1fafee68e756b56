"""Imports run one way: apps on core, core's packages on the ones below, no cycle, none hidden.

The rules are read from the source files (every import, at any depth), so a new module is
checked the day it is added. A new top-level package must be given its rule in APPS first.
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CONTENT_APPS = {"core", "ecosystem", "funding", "trainings"}
# What each top-level package may import of the others. The apps to come read the four content
# apps and nothing imports them but config (their URLs).
APPS = {
    "core": set(),
    "ecosystem": {"core"},
    "funding": {"core", "ecosystem"},
    "trainings": {"core", "ecosystem"},
    "landscape": CONTENT_APPS,
    "opendata": CONTENT_APPS,
    "participation": CONTENT_APPS,
    "config": CONTENT_APPS | {"landscape", "opendata", "participation"},
}
BELOW_PUBLIC = {
    "core.models",
    "core.registry",
    "core.formats",
    "core.prefetch",
    "core.caching",
    "core.search",
    "core.images",
    "core.publishing",
}
# What each part of core may import of the rest of core (the longest matching name applies;
# a package may always import its own modules). The packages' docstrings say the same.
CORE = {
    # What core.models builds on imports nothing of core.
    "core.public.links": set(),
    "core.publishing.status": {"core.public.languages"},
    "core.public.languages": set(),
    "core.publishing.history": set(),
    # Leaves that import nothing of the atlas.
    "core.images.uploads": set(),
    "core.transfer.cells": set(),
    "core.publishing.models": set(),
    "core.details": {
        "core.public.links",
        "core.public.languages",
        "core.publishing.history",
        "core.transfer.cells",
    },
    "core.models": {
        "core.details",
        "core.public.links",
        "core.publishing.status",
        "core.publishing.history",
        "core.images.uploads",
        "core.transfer.cells",
        "core.publishing.models",
    },
    "core.translation": {"core.models", "core.public.languages"},
    "core.registry": {"core.models"},
    "core.formats": set(),
    "core.prefetch": {"core.models", "core.public.languages"},
    "core.caching": {"core.models", "core.registry", "core.publishing.status"},
    "core.http": {"core.caching"},
    "core.search": {"core.models", "core.registry", "core.caching", "core.prefetch"},
    "core.images": {"core.models", "core.registry"},
    "core.publishing": {"core.models", "core.registry", "core.caching", "core.prefetch"},
    "core.transfer": {"core.models", "core.registry", "core.publishing", "core.search"},
    "core.synthetic": {"core.models", "core.registry", "core.caching", "core.search"},
    "core.public": BELOW_PUBLIC,
    "core.facets": BELOW_PUBLIC,
    "core.filters": BELOW_PUBLIC | {"core.public.selectors", "core.facets"},
    "core.admin": BELOW_PUBLIC | {"core.transfer"},
    "core.management": BELOW_PUBLIC | {"core.synthetic", "core.transfer"},
    "core.migrations": {"core.publishing.permissions"},
    "core.templatetags": BELOW_PUBLIC | {"core.public", "core.admin"},
    "core.urls": {"core.public"},
    "core.apps": {"core.caching", "core.search"},
}


def project_modules():
    """{dotted name: path} of every module of the site's packages (tests and tools aside)."""
    modules = {}
    for package in sorted(path.parent for path in ROOT.glob("*/__init__.py")):
        if package.name in {"tests", "bench"}:
            continue
        for path in package.rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imports(path, modules):
    """(line, imported module, enclosing function or None) for each import of a project module."""
    tree = ast.parse(path.read_text())
    found = []

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                names = [f"{child.module}.{alias.name}" for alias in child.names]
            else:
                visit(child, function)
                continue
            for name in names:
                while name and name not in modules:
                    name = name.rpartition(".")[0]
                if name:
                    found.append((child.lineno, name, function))

    visit(tree, None)
    return found


def rule_for(module):
    return max((name for name in CORE if module == name or module.startswith(f"{name}.")), key=len)


def allowed(importer, imported):
    """Whether `importer` may import `imported`, by the rules above."""
    top, other = importer.split(".")[0], imported.split(".")[0]
    if top != other:
        return other in APPS[top]
    if top != "core" or imported.split(".")[:2] == importer.split(".")[:2]:
        return True
    return any(
        imported == name or imported.startswith(f"{name}.") for name in CORE[rule_for(importer)]
    )


def test_every_import_follows_the_layers():
    modules = project_modules()
    wrong = [
        f"{module} (line {line}) imports {imported}"
        for module, path in modules.items()
        for line, imported, _ in imports(path, modules)
        if not allowed(module, imported)
    ]
    assert wrong == []


def test_every_top_level_package_has_a_rule():
    assert {module.split(".")[0] for module in project_modules()} <= set(APPS)


def test_no_import_of_the_project_inside_a_function_but_in_ready_or_saying_why():
    modules = project_modules()
    hidden = []
    for module, path in modules.items():
        lines = path.read_text().splitlines()
        for line, imported, function in imports(path, modules):
            said_why = "#" in lines[line - 1] or lines[line - 2].strip().startswith("#")
            if function not in {None, "ready"} and not said_why:
                hidden.append(f"{module} (line {line}) imports {imported} in {function}()")
    assert hidden == []


def test_no_import_cycle():
    modules = project_modules()
    graph = {
        module: {name for _, name, _ in imports(path, modules)} for module, path in modules.items()
    }
    for module in graph:
        # Importing a.b.c runs a/__init__.py and a/b/__init__.py first.
        graph[module] |= {
            parent for name in graph[module] for parent in _parents(name) if parent in graph
        }
        graph[module].discard(module)
    assert _cycles(graph) == []


def test_each_core_package_says_what_it_may_import():
    for package in sorted(ROOT.glob("core/*/__init__.py")):
        name = f"core.{package.parent.name}"
        if name in CORE and name not in {"core.management", "core.migrations", "core.templatetags"}:
            docstring = ast.get_docstring(ast.parse(package.read_text())) or ""
            assert "May import" in docstring, name
            assert [other for other in CORE[name] if other not in docstring] == [], name


def _parents(name):
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def _cycles(graph):
    """Each group of modules that import one another, found by Tarjan's algorithm."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph.get(module, ()):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles
