import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from site45.governance.models import Membership, Unit
from site45.governance.permissions.grants import unit_group_name
from site45.governance.review.reviewers import empty_reviewer_seats, resolve_reviewer
from site45.home.models import UnitPage
from tests.factories import make_member


def membership(unit_code, **fields):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=f"m-{unit_code}-{len(fields)}-{Membership.objects.count()}")
    fields.setdefault("account_role", "county_officer")
    return Membership(user=user, unit=Unit.objects.get(code=unit_code), **fields)


@pytest.mark.parametrize(
    "unit_code,role",
    [
        ("TW-TXG-silver-1", "unit_reviewer"),
        ("TW-TXG-desk-1", "unit_reviewer"),
        ("TW-TXG", "account_manager"),
        ("br-ccn", "account_auditor"),
        ("br-ccn", "system_admin"),
        ("wda-planning", "account_manager"),
    ],
)
def test_role_not_allowed_at_unit_type_is_refused_by_form_and_database(site_tree, unit_code, role):
    m = membership(unit_code, **{f"is_{role}": True})
    with pytest.raises(ValidationError) as excinfo:
        m.full_clean()
    assert "不能設置" in excinfo.value.message_dict[f"is_{role}"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        m.save()


@pytest.mark.parametrize(
    "unit_code,role",
    [
        ("TW-TXG", "unit_reviewer"),
        ("br-ccn", "account_manager"),
        ("wda-dsted", "account_manager"),
    ],
)
def test_second_holder_of_a_single_seat_is_refused(site_tree, unit_code, role):
    first = make_member(unit_code, role)
    second = membership(unit_code, **{f"is_{role}": True})
    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()
    message = excinfo.value.message_dict[f"is_{role}"][0]
    assert "限設 1 人" in message and first.username in message
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_only_one_system_admin_in_the_system(site_tree):
    make_member("wda-dsted", "system_admin")
    second = membership("wda-dsted", is_system_admin=True)
    with pytest.raises(ValidationError):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_other_account_role_needs_an_explanation(site_tree):
    m = membership("TW-TXG", account_role="other")
    with pytest.raises(ValidationError) as excinfo:
        m.full_clean()
    assert "account_role_other" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        m.save()


def test_editors_may_hold_many_seats_and_auditors_many_at_hq(site_tree):
    for _ in range(3):
        make_member("TW-TXG-silver-1", "editor")
        make_member("wda-dsted", "account_auditor")
    assert Membership.objects.filter(unit__code="TW-TXG-silver-1").count() == 3


def test_membership_puts_the_user_in_their_units_group_with_section_rights(site_tree):
    user = make_member("TW-TXG")
    assert [g.name for g in user.groups.all()] == [unit_group_name(Unit.objects.get(code="TW-TXG"))]
    own = UnitPage.objects.get(unit__code="TW-TXG", locale__language_code="zh-hant")
    other = UnitPage.objects.get(unit__code="TW-KHH", locale__language_code="zh-hant")
    assert own.permissions_for_user(user).can_add_subpage()
    assert not other.permissions_for_user(user).can_add_subpage()
    assert not own.permissions_for_user(user).can_publish_subpage()


def test_hq_special_has_rights_in_every_section(site_tree):
    user = make_member("wda-dsted")
    for section in UnitPage.objects.filter(locale__language_code="zh-hant"):
        assert section.permissions_for_user(user).can_add_subpage()


def test_moving_a_user_to_another_unit_moves_their_rights(site_tree):
    user = make_member("TW-TXG")
    m = user.membership
    m.unit = Unit.objects.get(code="TW-KHH")
    m.save()
    khh = UnitPage.objects.get(unit__code="TW-KHH", locale__language_code="zh-hant")
    txg = UnitPage.objects.get(unit__code="TW-TXG", locale__language_code="zh-hant")
    assert khh.permissions_for_user(user).can_add_subpage()
    assert not txg.permissions_for_user(user).can_add_subpage()


def test_system_admin_is_a_superuser(site_tree):
    assert make_member("wda-dsted", "system_admin").is_superuser
    assert not make_member("wda-dsted", "unit_reviewer").is_superuser


# --- reviewer resolution ------------------------------------------------------------------


def unit(code):
    return Unit.objects.get(code=code)


def test_the_units_own_reviewer_reviews(site_tree):
    reviewer = make_member("TW-TXG", "unit_reviewer")
    editor = make_member("TW-TXG")
    assert resolve_reviewer(unit("TW-TXG"), editor) == reviewer


@pytest.mark.parametrize("point", ["TW-TXG-silver-1", "TW-TXG-desk-1"])
def test_points_and_desks_go_to_the_supervising_county(site_tree, point):
    reviewer = make_member("TW-TXG", "unit_reviewer")
    assert resolve_reviewer(unit(point), make_member(point)) == reviewer


@pytest.mark.parametrize(
    "code,branch",
    [
        ("TW-TXG", "br-ccn"),
        ("TW-TXG-cc-1", "br-ccn"),
        ("TW-TXG-station-1", "br-ccn"),
        ("br-ccn-silver", "br-ccn"),
        ("br-ccn-ec-taichung", "br-ccn"),
        ("TW-TXG-silver-1", "br-ccn"),
    ],
)
def test_empty_seat_goes_to_the_branch_with_jurisdiction(site_tree, code, branch):
    branch_reviewer = make_member(branch, "unit_reviewer")
    assert resolve_reviewer(unit(code), make_member(code)) == branch_reviewer


@pytest.mark.parametrize("code", ["br-ccn", "wda-planning"])
def test_branches_and_divisions_go_up_to_hq_special(site_tree, code):
    hq = make_member("wda-dsted", "unit_reviewer")
    assert resolve_reviewer(unit(code), make_member(code)) == hq


def test_a_reviewers_own_submission_goes_up_one_level(site_tree):
    county_reviewer = make_member("TW-TXG", "unit_reviewer")
    branch_reviewer = make_member("br-ccn", "unit_reviewer")
    assert resolve_reviewer(unit("TW-TXG"), county_reviewer) == branch_reviewer


def test_hq_special_reviewers_own_submission_goes_to_the_system_admin(site_tree):
    hq = make_member("wda-dsted", "unit_reviewer")
    admin = make_member("wda-dsted", "system_admin")
    assert resolve_reviewer(unit("wda-dsted"), hq) == admin
    assert resolve_reviewer(unit("wda-dsted"), admin) == hq
    assert resolve_reviewer(unit("wda-dsted"), make_member("wda-dsted")) == hq


def test_an_inactive_reviewer_leaves_the_seat_empty(site_tree):
    make_member("TW-TXG", "unit_reviewer", is_active=False)
    branch_reviewer = make_member("br-ccn", "unit_reviewer")
    assert resolve_reviewer(unit("TW-TXG"), make_member("TW-TXG")) == branch_reviewer
    assert unit("TW-TXG") in empty_reviewer_seats()


def test_nobody_when_the_system_admin_submits_and_no_reviewer_exists(site_tree):
    admin = make_member("wda-dsted", "system_admin")
    assert resolve_reviewer(unit("wda-dsted"), admin) is None


def test_empty_seats_lists_units_that_may_have_a_reviewer(site_tree):
    make_member("TW-TXG", "unit_reviewer")
    seats = set(empty_reviewer_seats().values_list("unit_type", flat=True))
    assert "silver_point" not in seats and "service_desk" not in seats and "root" not in seats
    assert not empty_reviewer_seats().filter(code="TW-TXG").exists()


def test_changing_a_units_type_keeps_members_in_step(site_tree):
    user = make_member("TW-TXG-station-1", "unit_reviewer")
    station = unit("TW-TXG-station-1")
    station.unit_type = "commissioned_center"
    station.full_clean()
    station.save()
    assert Membership.objects.get(user=user).unit_type == "commissioned_center"


def test_a_unit_type_that_forbids_a_members_role_is_refused(site_tree):
    make_member("TW-TXG-station-1", "unit_reviewer")
    station = unit("TW-TXG-station-1")
    station.unit_type = "silver_point"
    station.supervising_unit = unit("TW-TXG")
    with pytest.raises(ValidationError) as excinfo:
        station.full_clean()
    assert "unit_type" in excinfo.value.message_dict
