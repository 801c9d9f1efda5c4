import csv

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from site45.governance.models import Unit
from site45.governance.org.loaders import ORG_UNITS_CSV, load_units


def csv_rows():
    with open(ORG_UNITS_CSV, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.django_db
def test_load_units_creates_every_row_with_its_links():
    created, updated = load_units()
    assert created + updated == len(csv_rows())
    assert Unit.objects.count() == len(csv_rows())
    for row in csv_rows():
        unit = Unit.objects.get(code=row["code"])
        assert unit.name_zh == row["name_zh"]
        assert unit.unit_type == row["unit_type"]
        assert (unit.parent.code if unit.parent else "") == row["parent_code"]
        assert (unit.jurisdiction_branch.code if unit.jurisdiction_branch else "") == row["jurisdiction_branch"]
        assert (unit.supervising_unit.code if unit.supervising_unit else "") == row["review_by"]


@pytest.mark.django_db
def test_load_units_is_idempotent():
    call_command("load_units", stdout=open("/dev/null", "w"))
    before = list(Unit.objects.order_by("code").values())
    created, updated = load_units()
    assert created == 0 and updated == len(before)
    assert list(Unit.objects.order_by("code").values()) == before


@pytest.mark.django_db
def test_silver_point_needs_a_supervising_county_unit():
    load_units()
    point = Unit.objects.get(code="TW-TXG-silver-1")
    point.supervising_unit = None
    with pytest.raises(ValidationError) as excinfo:
        point.full_clean()
    assert "supervising_unit" in excinfo.value.message_dict


@pytest.mark.django_db
def test_supervising_unit_must_be_a_county_and_only_for_points_and_desks():
    load_units()
    point = Unit.objects.get(code="TW-TXG-silver-1")
    point.supervising_unit = Unit.objects.get(code="br-ccn")
    with pytest.raises(ValidationError):
        point.full_clean()
    county = Unit.objects.get(code="TW-TXG")
    county.supervising_unit = Unit.objects.get(code="TW-KHH")
    with pytest.raises(ValidationError):
        county.full_clean()


@pytest.mark.django_db
def test_jurisdiction_branch_must_be_a_branch():
    load_units()
    county = Unit.objects.get(code="TW-TXG")
    county.jurisdiction_branch = Unit.objects.get(code="TW-KHH")
    with pytest.raises(ValidationError) as excinfo:
        county.full_clean()
    assert "jurisdiction_branch" in excinfo.value.message_dict


@pytest.mark.django_db
def test_every_county_level_unit_has_a_branch_with_jurisdiction():
    load_units()
    for unit in Unit.objects.exclude(unit_type__in=["root", "hq_special", "hq_division"]):
        assert unit.jurisdiction_branch is not None, unit.code
        assert unit.jurisdiction_branch.unit_type == "branch"


@pytest.mark.django_db
def test_unit_admin_lists_units_in_chinese(admin_client):
    load_units()
    response = admin_client.get("/admin/units/")
    assert response.status_code == 200
    assert "彰化縣政府（中高齡業務單位）" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "county_code"),
    [
        ("TW-TXG", "TW-TXG"),  # a county government is its own county unit
        ("TW-TXG-silver-1", "TW-TXG"),
        ("TW-TXG-desk-1", "TW-TXG"),
        ("TW-TXG-cc-1", "TW-TXG"),
        ("TW-KHH-silver-1", "TW-KHH"),
        ("wda", None),
        ("wda-dsted", None),
        ("br-tcm", None),
        ("br-tcm-silver", None),
        ("br-tcm-ec-taoyuan", None),
    ],
)
def test_a_units_county_unit_is_itself_or_the_county_above_it(code, county_code):
    county_unit = Unit.objects.get(code=code).county_unit
    assert (county_unit.code if county_unit else None) == county_code


@pytest.mark.django_db
def test_a_parent_loop_ends_the_county_search_without_a_county():
    first = Unit.objects.create(code="loop-a", name_zh="甲", unit_type="hq_division")
    second = Unit.objects.create(code="loop-b", name_zh="乙", unit_type="hq_division", parent=first)
    Unit.objects.filter(pk=first.pk).update(parent=second)
    first.refresh_from_db()
    assert first.county_unit is None
