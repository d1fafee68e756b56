"""A test that needs a missing service skips on a developer's machine and fails in CI."""

import pytest

from tests.servers import service_missing


def test_missing_service_skips_the_test_by_default(monkeypatch):
    monkeypatch.delenv("REQUIRE_SERVICES", raising=False)

    with pytest.raises(pytest.skip.Exception, match=r"^No Redis here\.$"):
        service_missing("No Redis here.")


def test_missing_service_fails_the_test_where_services_are_required(monkeypatch):
    monkeypatch.setenv("REQUIRE_SERVICES", "1")

    with pytest.raises(pytest.fail.Exception) as failure:
        service_missing("No Redis here.")

    assert (
        str(failure.value) == "No Redis here. REQUIRE_SERVICES=1: every service must answer here."
    )
