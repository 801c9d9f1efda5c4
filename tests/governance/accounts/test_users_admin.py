"""The Wagtail user admin with membership, through the real admin views."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from site45.governance.models import Membership, Unit
from site45.governance.org import roles
from site45.governance.permissions.grants import unit_group_name
from tests.factories import ADD_URL, edit_post, edit_url, make_member, user_post

User = get_user_model()


def field_errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


@pytest.fixture
def admin_user(site_tree, django_user_model):
    return django_user_model.objects.create_superuser("root-admin", "root@example.gov.tw", "pw-for-tests-only-123")


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


def test_create_form_shows_membership_fields_in_zh_hant(admin):
    response = admin.get(ADD_URL)
    html = response.content.decode()
    assert response.status_code == 200
    for label in (
        "所屬單位",
        "使用者帳號角色",
        "其他角色說明",
        "系統總管理者",
        "帳號申請管理者",
        "帳號清查者",
        "單位審核人員",
        "一般承辦人員",
        "其他（請說明）",
        "縣市政府業務承辦人員",
    ):
        assert label in html, label
    form = response.context["form"]
    assert "is_superuser" not in form.fields
    assert not form.fields["groups"].queryset.filter(name__startswith="單位：").exists()


def test_create_user_with_membership(admin, admin_user):
    response = admin.post(ADD_URL, user_post(roles=("unit_reviewer", "editor")))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    user = User.objects.get(username="newuser")
    membership = user.membership
    assert membership.unit.code == "TW-TXG"
    assert membership.account_role == "county_officer"
    assert roles.roles_of(membership) == ["unit_reviewer", "editor"]
    assert [g.name for g in user.groups.all()] == [unit_group_name(membership.unit)]
    assert not user.is_superuser


def test_unit_is_required(admin):
    data = user_post()
    data["unit"] = ""
    response = admin.post(ADD_URL, data)
    assert response.status_code == 200
    assert field_errors(response, "unit")
    assert not User.objects.filter(username="newuser").exists()


def test_edit_roles(admin):
    user = make_member("TW-TXG", "editor")
    response = admin.get(edit_url(user))
    assert response.status_code == 200
    assert response.context["form"].initial["unit"] == Unit.objects.get(code="TW-TXG").pk

    response = admin.post(edit_url(user), edit_post(user, is_unit_reviewer="on"))
    assert response.status_code == 302
    assert roles.roles_of(Membership.objects.get(user=user)) == ["unit_reviewer", "editor"]

    data = edit_post(user, unit=Unit.objects.get(code="TW-KHH").pk)
    data.pop("is_editor")
    response = admin.post(edit_url(user), data)
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert membership.unit.code == "TW-KHH" and roles.roles_of(membership) == ["unit_reviewer"]
    user.refresh_from_db()
    assert [g.name for g in user.groups.all()] == [unit_group_name(membership.unit)]


def test_hand_made_groups_are_kept_and_unit_group_cannot_be_ticked(admin):
    other = Group.objects.create(name="網站編輯小組")
    user = make_member("TW-TXG", "editor")
    txg_group = user.groups.get()
    khh_group = Group.objects.get_or_create(name=unit_group_name(Unit.objects.get(code="TW-KHH")))[0]

    response = admin.post(edit_url(user), edit_post(user, groups=[other.pk]))
    assert response.status_code == 302
    assert set(user.groups.values_list("name", flat=True)) == {other.name, txg_group.name}

    response = admin.post(edit_url(user), edit_post(user, groups=[khh_group.pk]))
    assert response.status_code == 200
    assert field_errors(response, "groups")
    assert not user.groups.filter(pk=khh_group.pk).exists()


def test_second_reviewer_for_a_unit_is_refused_and_nothing_is_stored(admin):
    holder = make_member("TW-TXG", "unit_reviewer")
    response = admin.post(ADD_URL, user_post(roles=("unit_reviewer",)))
    assert response.status_code == 200
    [message] = field_errors(response, "is_unit_reviewer")
    assert "臺中市" in message and "已有單位審核人員" in message and "限設 1 人" in message
    assert holder.username in message
    assert message in response.content.decode()
    assert not User.objects.filter(username="newuser").exists()


def test_second_reviewer_refused_on_edit_too(admin):
    make_member("TW-TXG", "unit_reviewer")
    user = make_member("TW-TXG", "editor")
    response = admin.post(edit_url(user), edit_post(user, is_unit_reviewer="on", first_name="改名"))
    assert response.status_code == 200
    assert "限設 1 人" in field_errors(response, "is_unit_reviewer")[0]
    user.refresh_from_db()
    assert user.first_name != "改名"
    assert not user.membership.is_unit_reviewer


def test_reviewer_at_a_silver_point_is_refused(admin):
    response = admin.post(
        ADD_URL, user_post(unit="TW-TXG-silver-1", roles=("unit_reviewer",), account_role="silver_point_counsellor")
    )
    assert response.status_code == 200
    [message] = field_errors(response, "is_unit_reviewer")
    assert "不能設置單位審核人員" in message
    assert not User.objects.filter(username="newuser").exists()
    assert not Membership.objects.filter(unit__code="TW-TXG-silver-1").exists()


def test_account_manager_at_a_county_is_refused(admin):
    response = admin.post(ADD_URL, user_post(unit="TW-TXG", roles=("account_manager",)))
    assert response.status_code == 200
    assert "不能設置帳號申請管理者" in field_errors(response, "is_account_manager")[0]
    assert not User.objects.filter(username="newuser").exists()


def test_other_account_role_needs_an_explanation(admin):
    response = admin.post(ADD_URL, user_post(account_role="other"))
    assert response.status_code == 200
    assert "請說明使用者帳號角色" in field_errors(response, "account_role_other")[0]
    assert not User.objects.filter(username="newuser").exists()

    response = admin.post(ADD_URL, user_post(account_role="other", account_role_other="約聘計畫人員"))
    assert response.status_code == 302
    assert User.objects.get(username="newuser").membership.account_role_other == "約聘計畫人員"


def test_system_admin_makes_a_superuser_and_only_one(admin):
    response = admin.post(ADD_URL, user_post(unit="wda-dsted", roles=("system_admin",), account_role="wda_officer"))
    assert response.status_code == 302
    assert User.objects.get(username="newuser").is_superuser
    response = admin.post(
        ADD_URL, user_post(username="second", unit="wda-dsted", roles=("system_admin",), account_role="wda_officer")
    )
    assert response.status_code == 200
    assert "全系統限設 1 人" in field_errors(response, "is_system_admin")[0]


def test_system_admin_cannot_revoke_own_role(client, site_tree):
    me = make_member("wda-dsted", "system_admin", account_role="wda_officer")
    client.force_login(me)
    data = edit_post(me)
    data.pop("is_system_admin")
    response = client.post(edit_url(me), data)
    assert response.status_code == 302
    me.refresh_from_db()
    assert me.membership.is_system_admin and me.is_superuser


def test_constraint_error_after_validation_shows_the_message_not_a_500(admin, monkeypatch):
    """Another request seats the reviewer between our check and our save.

    Simulated on this one connection (so the rival's row shares our rolled-back transaction);
    the real two-connection race is in test_seat_race.
    """
    from site45.governance.org import membership as membership_service

    real_check = roles.check_membership
    calls = []

    def check_then_lose_the_race(membership):
        real_check(membership)
        calls.append(membership)
        # Call 1: the form's clean; call 2: save_membership's check just before the INSERT.
        if len(calls) == 2:
            make_member("TW-TXG", "unit_reviewer", username="racer")

    monkeypatch.setattr(membership_service.roles, "check_membership", check_then_lose_the_race)
    response = admin.post(ADD_URL, user_post(roles=("unit_reviewer",)))
    assert response.status_code == 200
    [message] = field_errors(response, "is_unit_reviewer")
    assert "已有單位審核人員（racer）" in message
    assert message in response.content.decode()
    assert not User.objects.filter(username="newuser").exists()
    assert not Membership.objects.filter(user__username="newuser").exists()


def test_user_list_shows_unit_and_roles_and_filters_by_unit(admin):
    make_member("TW-TXG", "unit_reviewer", "editor", username="txg-reviewer")
    make_member("TW-KHH", "editor", username="khh-editor")
    response = admin.get("/admin/users/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "所屬單位" in html and "角色" in html
    assert "單位審核人員、一般承辦人員" in html
    assert Unit.objects.get(code="TW-TXG").name_zh in html

    txg = Unit.objects.get(code="TW-TXG")
    response = admin.get("/admin/users/", {"unit": txg.pk})
    usernames = {u.username for u in response.context["object_list"]}
    assert usernames == {"txg-reviewer"}


def test_user_list_query_count_does_not_grow_with_rows(admin, django_assert_max_num_queries):
    for _ in range(3):
        make_member("TW-TXG", "editor")
    with django_assert_max_num_queries(40) as ctx:
        admin.get("/admin/users/")
    few = len(ctx.captured_queries)
    for _ in range(20):
        make_member("TW-KHH", "editor")
    with django_assert_max_num_queries(few) as ctx:
        admin.get("/admin/users/")


def test_bulk_assign_role_offers_no_unit_group(admin):
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    action = bulk_action_registry.get_bulk_action_class("auth", "user", "assign_role")
    form = action.form_class()
    assert not form.fields["role"].queryset.filter(name__startswith="單位：").exists()


def test_the_departure_date_is_recorded_and_logged(admin):
    from wagtail.models import ModelLogEntry

    user = make_member("TW-TXG", "editor")
    response = admin.post(edit_url(user), edit_post(user, departure_date="2026-11-20"))
    assert response.status_code == 302
    assert str(Membership.objects.get(user=user).departure_date) == "2026-11-20"
    entry = ModelLogEntry.objects.get(object_id=str(user.pk), action="site45.departure_recorded")
    assert entry.data["reason"] == "離職或調離日期：2026-11-20" and entry.user.username == "root-admin"
    # Saving again unchanged logs nothing more; clearing it is logged.
    admin.post(edit_url(user), edit_post(user, first_name="改"))
    assert ModelLogEntry.objects.filter(object_id=str(user.pk), action="site45.departure_recorded").count() == 1
    admin.post(edit_url(user), edit_post(user, departure_date=""))
    assert Membership.objects.get(user=user).departure_date is None
    assert ModelLogEntry.objects.filter(object_id=str(user.pk), action="site45.departure_recorded").count() == 2


def test_an_invalid_departure_date_is_refused_with_a_message(admin):
    user = make_member("TW-TXG", "editor")
    response = admin.post(edit_url(user), edit_post(user, departure_date="2026-02-31"))
    assert response.status_code == 200
    assert field_errors(response, "departure_date")
    assert Membership.objects.get(user=user).departure_date is None


def test_turning_the_active_box_off_and_on_is_a_suspension_and_a_restore(admin):
    from django.contrib.sessions.models import Session
    from django.test import Client
    from wagtail.models import ModelLogEntry

    user = make_member("TW-TXG", "unit_reviewer", "editor")
    signed_in = Client()
    signed_in.force_login(user)
    assert signed_in.get("/admin/").status_code == 200

    data = edit_post(user, departure_date="2026-11-20")
    data.pop("is_active")
    assert admin.post(edit_url(user), data).status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    assert not any(s.get_decoded().get("_auth_user_id") == str(user.pk) for s in Session.objects.all())
    assert not Membership.objects.get(user=user).is_unit_reviewer  # the unit's seat is free again
    actions = list(ModelLogEntry.objects.filter(object_id=str(user.pk)).values_list("action", flat=True))
    assert "site45.account_suspended" in actions

    assert admin.post(edit_url(user), edit_post(user, is_active="on")).status_code == 302
    user.refresh_from_db()
    membership = Membership.objects.get(user=user)
    assert user.is_active and membership.departure_date is None
    restored = ModelLogEntry.objects.get(object_id=str(user.pk), action="site45.account_restored")
    assert restored.data["reason"] == "於使用者管理恢復啟用" and restored.user.username == "root-admin"
