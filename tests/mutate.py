"""Plant one small bug at a time and check that the tests named for it fail (`make mutate`).

Each mutation replaces an exact piece of the code (found exactly once) in a copy of the working
tree, runs the tests that claim the behaviour, and puts the code back, whatever happens. A
mutation is *killed* when those tests fail, *survived* when they pass: a survivor is a bug the
suite would let through. The working tree itself is never modified.

    .venv/bin/python -m tests.mutate            # every mutation
    .venv/bin/python -m tests.mutate search     # those whose name holds « search »
    .venv/bin/python -m tests.mutate --list

Files move (core/cache.py → core/caching/...): each mutation names its file once, below.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutation:
    name: str
    path: str
    original: str
    replacement: str
    tests: tuple


MUTATIONS = [
    # --- Publication: only published entries, within their dates, are public ---------------
    Mutation(
        "publication: review and archived entries are public",
        "core/publishing/status.py",
        'models.Q(**{f"{prefix}status": PublicationStatus.PUBLISHED})',
        '~models.Q(**{f"{prefix}status": PublicationStatus.DRAFT})',
        (
            "tests/core/publishing/test_workflow.py::test_entry_not_published_is_nowhere_on_the_public_site",
        ),
    ),
    Mutation(
        "publication: the withdrawal date is ignored",
        "core/publishing/status.py",
        'models.Q(**{f"{prefix}unpublish_at__isnull": True})',
        'models.Q(**{f"{prefix}unpublish_at__isnull": False})',
        ("tests/core/publishing/test_status.py",),
    ),
    Mutation(
        "publication: a scheduled entry shows only after its moment",
        "core/publishing/status.py",
        'models.Q(**{f"{prefix}publish_at__lte": now})',
        'models.Q(**{f"{prefix}publish_at__lt": now})',
        ("tests/core/publishing/test_status.py",),
    ),
    # --- Filters and facets -----------------------------------------------------------------
    Mutation(
        "filters: only the first tag is applied",
        "core/filters.py",
        "        for tag in tags:\n",
        "        for tag in tags[:1]:\n",
        ("tests/ecosystem/test_filters.py",),
    ),
    Mutation(
        "facets: a facet's counts ignore the other filters",
        "core/facets.py",
        "filtered = self.filters[name].filter(filtered, value)",
        "filtered = filtered",
        ("tests/ecosystem/test_filters.py",),
    ),
    Mutation(
        "facets: a facet's counts apply its own filter",
        "core/facets.py",
        "if name != facet.name:",
        "if name:",
        ("tests/ecosystem/test_filters.py",),
    ),
    Mutation(
        "lists: cards shown in reverse order",
        "templates/includes/entry_grid.html",
        "{% for entry in entries %}",
        "{% for entry in entries reversed %}",
        ("tests/ecosystem/test_filters.py",),
    ),
    # --- Search: folding and ranking --------------------------------------------------------
    Mutation(
        "search: accents not folded (NFC instead of NFKD)",
        "core/search/terms.py",
        'unicodedata.normalize("NFKD", ',
        'unicodedata.normalize("NFC", ',
        ("tests/core/search/test_index.py::test_search_ignores_accents_and_case",),
    ),
    Mutation(
        "search: case not folded",
        "core/search/terms.py",
        "word.casefold().translate(LIGATURES)",
        "word.translate(LIGATURES)",
        ("tests/core/search/test_index.py::test_search_ignores_accents_and_case",),
    ),
    Mutation(
        "search: ranking weighs the description above the name",
        "core/search/index.py",
        'SQLITE_WEIGHTS = "10.0, 4.0, 1.0"',
        'SQLITE_WEIGHTS = "1.0, 4.0, 10.0"',
        (
            "tests/core/search/test_index.py::test_search_ranks_name_matches_before_description_matches",
        ),
    ),
    Mutation(
        "search: worst matches first",
        "core/search/index.py",
        "ORDER BY score DESC, object_id",
        "ORDER BY score, object_id",
        (
            "tests/core/search/test_index.py::test_search_ranks_name_matches_before_description_matches",
        ),
    ),
    # --- Cache invalidation -----------------------------------------------------------------
    Mutation(
        "cache: a save does not make the entry's pages stale",
        "core/caching/receivers.py",
        "    deps.invalidate(entry_keys(instance, before, field_values(instance)), using=using)",
        "    pass",
        ("tests/core/caching/test_invalidation.py",),
    ),
    Mutation(
        "cache: a many-to-many change makes nothing stale",
        "core/caching/receivers.py",
        'if not action.startswith("post_") or pk_set == set():',
        "if True:",
        ("tests/core/caching/test_invalidation.py",),
    ),
    Mutation(
        "cache: nothing is made stale again once the change is committed",
        "core/caching/dependencies.py",
        "transaction.on_commit(lambda: _replace_and_purge(keys), using=using)",
        "transaction.on_commit(lambda: None, using=using)",
        ("tests/core/caching/test_invalidation.py", "tests/core/caching/test_pages.py"),
    ),
    Mutation(
        "cache: a signed-in editor gets cached pages",
        "core/caching/signed_in.py",
        "    return value is not None",
        "    return False",
        ("tests/core/caching/test_signed_in.py", "tests/core/caching/test_pages.py"),
    ),
    Mutation(
        "cache: a cached page loses its headers but the first",
        "core/caching/pages.py",
        "    for name, value in headers:\n",
        "    for name, value in headers[:1]:\n",
        ("tests/system/test_headers_on_every_response.py",),
    ),
    Mutation(
        "cache: the page key leaves out the query string",
        "core/caching/pages.py",
        'address = f"{request.LANGUAGE_CODE} {request.build_absolute_uri()}"',
        'address = f"{request.LANGUAGE_CODE} {request.path}"',
        ("tests/ecosystem/test_filters.py",),
    ),
    Mutation(
        "cache: a scheduled publication makes nothing stale",
        "core/caching/schedule.py",
        "if upcoming is None or upcoming > now:",
        "if True:",
        ("tests/core/caching/test_invalidation.py", "tests/core/publishing/test_status.py"),
    ),
    # --- Workflow permissions ---------------------------------------------------------------
    Mutation(
        "workflow: editors may publish",
        "core/publishing/workflow.py",
        "EDITOR_STATUSES = (PublicationStatus.DRAFT, PublicationStatus.REVIEW)",
        "EDITOR_STATUSES = (PublicationStatus.DRAFT, PublicationStatus.REVIEW, "
        "PublicationStatus.PUBLISHED)",
        ("tests/core/publishing/test_workflow.py",),
    ),
    Mutation(
        "workflow: the entry form's second status check is off",
        "core/admin/forms.py",
        "if status and not workflow.may_set_status(",
        "if False and not workflow.may_set_status(",
        ("tests/core/publishing/test_workflow.py",),
    ),
    Mutation(
        "workflow: editors may reschedule a published entry",
        "core/publishing/workflow.py",
        "return can_publish(user, model) or current is None or current in EDITOR_STATUSES",
        "return True",
        ("tests/core/publishing/test_workflow.py",),
    ),
    Mutation(
        "workflow: editors may unpublish and archive in bulk",
        "core/publishing/workflow.py",
        "        if not may_set_status(user=user, model=type(entry), current=entry.status, "
        "new=status):\n",
        "        if False:\n",
        ("tests/core/publishing/test_workflow.py",),
    ),
    # --- Security headers -------------------------------------------------------------------
    Mutation(
        "headers: the content security policy only on 200 responses",
        "core/http/middleware.py",
        "        response = super().process_response(request, response)\n",
        "        if response.status_code == 200:\n"
        "            response = super().process_response(request, response)\n",
        ("tests/system/test_headers_on_every_response.py",),
    ),
    Mutation(
        "headers: inline scripts allowed",
        "config/settings/policies.py",
        '        "script-src": [SELF],\n',
        '        "script-src": [SELF, UNSAFE_INLINE],\n',
        (
            "tests/system/test_security_headers.py::test_public_policy_allows_no_inline_script_nor_eval",
        ),
    ),
    Mutation(
        "headers: the admin gets the public policy",
        "core/http/middleware.py",
        'if match is not None and "admin" in match.namespaces and parts.replace is None:',
        "if False:",
        ("tests/system/test_headers_on_every_response.py",),
    ),
    # --- Plural rules -----------------------------------------------------------------------
    Mutation(
        "plurals: the home figures' names take the English rule",
        "core/public/selectors.py",
        'return meta.verbose_name if form == "singular" else meta.verbose_name_plural',
        "return meta.verbose_name if self.count == 1 else meta.verbose_name_plural",
        ("tests/system/test_content_language.py",),
    ),
    Mutation(
        "plurals: the home figures show the kind's plural name",
        "templates/core/home.html",
        '<span class="stat__label">{{ section.count_label }}</span>',
        '<span class="stat__label">{{ section.verbose_name_plural }}</span>',
        ("tests/system/test_content_language.py",),
    ),
    Mutation(
        "plurals: French takes the English rule",
        "locale/fr/LC_MESSAGES/django.po",
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
        ("tests/system/test_french_plurals.py",),
    ),
]


def copy_of_the_tree(destination):
    """The files git knows (committed or not, ignored ones aside), and the virtualenv's link."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=BASE_DIR,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = BASE_DIR / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (destination / ".venv").symlink_to((BASE_DIR / ".venv").resolve())


def run_tests(tree, tests):
    """Run `tests` in `tree`: whether they all pass, and pytest's report."""
    command = [sys.executable, "-m", "pytest", "-x", "-q", *tests]
    result = subprocess.run(command, cwd=tree, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"pytest could not run {' '.join(tests)}:\n{result.stdout}{result.stderr}")
    return result.returncode == 0, result.stdout


def mutate(tree, mutation):
    """Apply `mutation` in `tree`, run its tests, restore the file; True if it was killed."""
    path = tree / mutation.path
    original = path.read_text(encoding="utf-8")
    found = original.count(mutation.original)
    if found != 1:
        sys.exit(f"{mutation.name}: its text is in {mutation.path} {found} times, not once.")
    try:
        path.write_text(original.replace(mutation.original, mutation.replacement), "utf-8")
        passed, _ = run_tests(tree, mutation.tests)
        return not passed
    finally:
        path.write_text(original, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("words", nargs="*", help="run only the mutations whose name holds these")
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    options = parser.parse_args()
    chosen = [m for m in MUTATIONS if all(word in m.name for word in options.words)]
    if options.list:
        print("\n".join(f"{m.name}  ({m.path})" for m in chosen))
        return
    with tempfile.TemporaryDirectory(prefix="atlas-mutate-") as folder:
        tree = Path(folder)
        copy_of_the_tree(tree)
        tests = sorted({test for mutation in chosen for test in mutation.tests})
        print(f"Unmutated: {len(tests)} test files or tests must pass first…", flush=True)
        passed, report = run_tests(tree, tests)
        if not passed:
            # The end of the report names the failing test and why: no need to run it again.
            tail = "\n".join(report.splitlines()[-60:])
            sys.exit(f"{tail}\nThe tests fail without any mutation: fix them first.")
        survivors = []
        for mutation in chosen:
            started = time.monotonic()
            killed = mutate(tree, mutation)
            if not killed:
                survivors.append(mutation)
            verdict = "killed  " if killed else "SURVIVED"
            print(f"{verdict} {time.monotonic() - started:5.1f} s  {mutation.name}", flush=True)
    print(f"Score: {len(chosen) - len(survivors)}/{len(chosen)} mutations killed.")
    if survivors:
        sys.exit(1)


if __name__ == "__main__":
    main()
