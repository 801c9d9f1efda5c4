"""Attachment 2 as data: which unit type may create which content type, generated from matrix.csv.

The expected values are read here straight from the CSV with the csv module, independently of
site45.governance.org.matrix, so the test is an oracle for the code rather than a copy of it.
"""

import csv
from pathlib import Path

import pytest

from site45.governance.models import Unit
from site45.home.models import UnitPage, content_page_models

PROJECT_MATRIX = Path(__file__).resolve().parents[3] / "site45" / "governance" / "data" / "matrix.csv"
SPEC_MATRIX = Path(__file__).resolve().parents[4] / "shared" / "spec" / "matrix.csv"
CONTENT_CODES = [
    "hot_news",
    "event",
    "press_release",
    "announcement",
    "success_case",
    "friendly_employer",
    "lecture",
    "generation_cooperation",
]


def matrix_rows():
    with open(PROJECT_MATRIX, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


CASES = [
    pytest.param(row["unit_type"], code, row[code] == "Y", id=f"{row['unit_type']}-{code}")
    for row in matrix_rows()
    for code in CONTENT_CODES
]


@pytest.mark.skipif(not SPEC_MATRIX.exists(), reason="the shared spec is not beside this checkout")
def test_project_copy_of_matrix_matches_the_spec():
    assert PROJECT_MATRIX.read_bytes() == SPEC_MATRIX.read_bytes()


def test_every_content_type_of_the_matrix_has_a_page_model():
    assert set(content_page_models()) == set(CONTENT_CODES)
    header = matrix_rows()[0].keys()
    assert set(CONTENT_CODES) <= set(header)


def test_every_unit_type_of_the_matrix_is_in_the_org_tree(site_tree):
    assert {row["unit_type"] for row in matrix_rows()} <= set(Unit.objects.values_list("unit_type", flat=True))


@pytest.mark.parametrize("unit_type,code,allowed", CASES)
def test_can_create_at_follows_the_matrix(site_tree, unit_type, code, allowed):
    section = UnitPage.objects.filter(unit__unit_type=unit_type, locale__language_code="zh-hant").first()
    assert section is not None, f"no section for a {unit_type} unit"
    assert content_page_models()[code].can_create_at(section) is allowed


@pytest.mark.parametrize("unit_type,code,allowed", CASES)
def test_admin_add_page_url_follows_the_matrix(site_tree, admin_client, unit_type, code, allowed):
    """Typing the create URL by hand is refused for a type the unit may not publish."""
    model = content_page_models()[code]
    section = UnitPage.objects.filter(unit__unit_type=unit_type, locale__language_code="zh-hant").first()
    url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{section.pk}/"
    response = admin_client.get(url)
    if allowed:
        assert response.status_code == 200
    else:
        # Wagtail's admin turns PermissionDenied into a redirect with an error message.
        assert response.status_code == 302 and response.url == "/admin/"


def test_content_cannot_be_created_outside_a_unit_section(site_tree):
    from site45.home.models import ContentIndexPage, HomePage

    for model in content_page_models().values():
        assert not model.can_create_at(site_tree)
        assert not model.can_create_at(ContentIndexPage.objects.first())
    assert isinstance(site_tree, HomePage)


def test_a_units_type_change_reaches_its_sections(site_tree):
    unit = Unit.objects.get(code="TW-TXG-station-1")
    section = UnitPage.objects.get(unit=unit, locale__language_code="zh-hant")
    assert not content_page_models()["press_release"].can_create_at(section)
    unit.unit_type = "branch"
    unit.jurisdiction_branch = Unit.objects.get(code="br-ccn")
    unit.save()
    section = UnitPage.objects.get(pk=section.pk)
    assert section.unit_type == "branch"
    assert content_page_models()["press_release"].can_create_at(section)
