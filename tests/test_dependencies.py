"""The lock files pin what pyproject.toml asks for, with hashes; the site's holds no test tool."""

import re
import tomllib
from pathlib import Path

from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(settings.BASE_DIR)
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)", re.MULTILINE)


def pins(lock):
    """{package: version} of a lock file."""
    text = (ROOT / lock).read_text()
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def unmet(requirements, pinned):
    wrong = []
    for line in requirements:
        requirement = Requirement(line)
        version = pinned.get(canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            wrong.append(f"{line}: locked {version}")
    return wrong


def test_the_site_lock_pins_every_dependency_of_the_site():
    assert unmet(PROJECT["dependencies"], pins("requirements.lock")) == []


def test_the_dev_lock_pins_the_site_and_the_test_tools_at_the_same_versions():
    site, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert unmet(PROJECT["optional-dependencies"]["dev"], dev) == []
    assert {name: dev.get(name) for name in site} == site


def test_the_site_lock_holds_none_of_the_test_tools():
    tools = {
        canonicalize_name(Requirement(line).name)
        for line in PROJECT["optional-dependencies"]["dev"]
    }
    assert sorted(tools & set(pins("requirements.lock"))) == []


def test_every_locked_package_has_a_hash():
    for lock in ["requirements.lock", "requirements-dev.lock"]:
        entries = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text())
        unhashed = [
            entry.split()[0] for entry in entries if "==" in entry and "--hash=sha256:" not in entry
        ]
        assert unhashed == [], lock
