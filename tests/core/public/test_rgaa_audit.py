"""The RGAA audit's table (docs/rgaa/audit.csv) and what the statement and footers publish."""

import csv
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db

AUDIT_TABLE = Path(settings.BASE_DIR) / "docs" / "rgaa" / "audit.csv"
RESULTS = {"conforme", "non conforme", "non applicable"}
NBSP = "\N{NO-BREAK SPACE}"


def audit_rows():
    with AUDIT_TABLE.open(encoding="utf-8", newline="") as table:
        return list(csv.DictReader(table))


def table_rate(results):
    return round(100 * results["conforme"] / (results["conforme"] + results["non conforme"]))


def table_status(results):
    """The RGAA's words for the table's outcome: total with no failure, partial from 50 %."""
    if results["non conforme"] == 0:
        return "totalement conforme"
    return "partiellement conforme" if table_rate(results) >= 50 else "non conforme"


def test_audit_table_holds_each_of_the_106_criteria_once_with_its_evidence():
    rows = audit_rows()

    assert len(rows) == 106
    assert len({row["critere"] for row in rows}) == 106
    assert {row["resultat"] for row in rows} <= RESULTS
    assert [row["critere"] for row in rows if not (row["pages"] and row["verification"])] == []


def test_statement_publishes_the_table_rate_counts_and_date(client):
    results = Counter(row["resultat"] for row in audit_rows())
    rate = table_rate(results)

    response = client.get("/accessibilite/")

    assertContains(
        response,
        f"L'Atlas IA Santé est <strong>{table_status(results)}</strong> avec le RGAA 4.1, qui "
        f"reprend les critères des WCAG 2.1 aux niveaux A et AA{NBSP}: son taux de conformité "
        f"est de <strong>{rate}{NBSP}%</strong>, selon l'audit mené par l'équipe de l'atlas le "
        "3 décembre 2026.",
        html=True,
    )
    assertContains(
        response,
        f"Sur les 106 critères du RGAA, {results['conforme']} sont conformes, "
        f"{results['non conforme']} non conformes et {results['non applicable']} non applicables",
    )


def test_statement_lists_no_failing_criterion_once_the_table_has_none(client):
    failing = [row["critere"] for row in audit_rows() if row["resultat"] == "non conforme"]

    html = client.get("/accessibilite/").content.decode()

    assert failing == []
    assert "Non conforme" not in html


def test_every_footer_gives_the_audit_status_and_rate(client):
    results = Counter(row["resultat"] for row in audit_rows())
    rate, status = table_rate(results), table_status(results)

    for path in ["/", "/acteurs/", "/accessibilite/", "/acteurs/fiche-inexistante/"]:
        response = client.get(path)
        assertContains(
            response,
            f'<a href="/accessibilite/">Accessibilité{NBSP}: {status} ({rate}{NBSP}%)</a>',
            html=True,
            status_code=response.status_code,
        )
