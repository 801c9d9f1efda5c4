"""Membership changes in Wagtail's audit log (role part)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from site45.governance.models import Membership, Unit
from site45.governance.org import membership_log
from site45.governance.org.membership import save_membership
from tests.factories import ADD_URL, edit_post, edit_url, make_member, user_post

User = get_user_model()


def entries(user, action=None):
    qs = log_registry.get_logs_for_instance(user).order_by("timestamp", "pk")
    if action:
        qs = qs.filter(action=action)
    return list(qs)


@pytest.fixture
def admin_user(site_tree, django_user_model):
    return django_user_model.objects.create_superuser("root-admin", "root@example.gov.tw", "pw-for-tests-only-123")


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(
    "action,label",
    [
        ("site45.role_granted", "授予角色"),
        ("site45.role_revoked", "撤銷角色"),
        ("site45.unit_changed", "變更所屬單位"),
        ("site45.membership_created", "建立單位成員資格"),
        ("site45.account_role_changed", "變更使用者帳號角色"),
    ],
)
def test_log_actions_are_registered_with_zh_hant_labels(action, label):
    assert log_registry.action_exists(action)
    assert str(log_registry.get_action_label(action)) == label
    assert (action, label) in [(a, str(lbl)) for a, lbl in log_registry.get_choices()]


def test_creating_a_user_logs_membership_and_granted_roles(admin, admin_user):
    response = admin.post(ADD_URL, user_post(roles=("unit_reviewer", "editor")))
    assert response.status_code == 302
    user = User.objects.get(username="newuser")
    actions = [e.action for e in entries(user)]
    assert "wagtail.create" in actions  # Wagtail's own entry for the user
    assert [a for a in actions if a.startswith("site45.")] == [
        "site45.membership_created",
        "site45.role_granted",
        "site45.role_granted",
    ]
    created = entries(user, membership_log.MEMBERSHIP_CREATED)[0]
    assert created.user_id == admin_user.pk
    assert created.data["unit"]["code"] == "TW-TXG"
    assert created.data["roles"] == ["unit_reviewer", "editor"]
    granted = entries(user, membership_log.ROLE_GRANTED)
    assert [(e.data["role"], e.data["unit"]["code"]) for e in granted] == [
        ("unit_reviewer", "TW-TXG"),
        ("editor", "TW-TXG"),
    ]
    assert granted[0].message == "授予角色「單位審核人員」（臺中市政府（中高齡業務單位））"


def test_editing_roles_and_unit_logs_each_difference(admin, admin_user):
    user = make_member("TW-TXG", "editor")
    before = ModelLogEntry.objects.count()

    response = admin.post(edit_url(user), edit_post(user, is_unit_reviewer="on"))
    assert response.status_code == 302
    [granted] = entries(user, membership_log.ROLE_GRANTED)
    assert granted.data["role"] == "unit_reviewer" and granted.user_id == admin_user.pk

    data = edit_post(user, unit=Unit.objects.get(code="TW-KHH").pk)
    data.pop("is_unit_reviewer")
    response = admin.post(edit_url(user), data)
    assert response.status_code == 302
    [changed] = entries(user, membership_log.UNIT_CHANGED)
    assert (changed.data["from_unit"]["code"], changed.data["to_unit"]["code"]) == ("TW-TXG", "TW-KHH")
    assert changed.message == "所屬單位由「臺中市政府（中高齡業務單位）」變更為「高雄市政府（中高齡業務單位）」"
    [revoked] = entries(user, membership_log.ROLE_REVOKED)
    assert revoked.data["role"] == "unit_reviewer" and revoked.data["unit"]["code"] == "TW-TXG"
    assert revoked.message == "撤銷角色「單位審核人員」（臺中市政府（中高齡業務單位））"

    # Saving without a membership change logs no membership action.
    count = ModelLogEntry.objects.filter(action__startswith="site45.").count()
    response = admin.post(edit_url(user), edit_post(user, first_name="改名"))
    assert response.status_code == 302
    assert ModelLogEntry.objects.filter(action__startswith="site45.").count() == count
    assert ModelLogEntry.objects.count() > before


def test_account_role_change_is_logged(site_tree):
    user = make_member("TW-TXG", "editor")
    save_membership(user, by_user=None, account_role="other", account_role_other="約聘計畫人員")
    [entry] = entries(user, membership_log.ACCOUNT_ROLE_CHANGED)
    assert entry.data == {"from": "county_officer", "to": "other", "other": "約聘計畫人員"}
    assert entry.message == "使用者帳號角色由「縣市政府業務承辦人員」變更為「其他（請說明）：約聘計畫人員」"


def test_refused_change_logs_nothing(admin):
    make_member("TW-TXG", "unit_reviewer")
    user = make_member("TW-TXG", "editor")
    response = admin.post(edit_url(user), edit_post(user, is_unit_reviewer="on"))
    assert response.status_code == 200
    assert not [e for e in entries(user) if e.action.startswith("site45.")]


def test_service_function_validates_saves_and_logs(site_tree):
    actor = make_member("br-ccn", "account_manager", account_role="wda_officer")
    user = User.objects.create_user("service-user")
    membership = save_membership(
        user,
        by_user=actor,
        unit=Unit.objects.get(code="TW-TXG"),
        account_role="county_officer",
        is_unit_reviewer=True,
        is_editor=False,
    )
    assert membership.pk and membership.is_unit_reviewer
    assert [e.action for e in entries(user)] == ["site45.membership_created", "site45.role_granted"]
    assert all(e.user_id == actor.pk for e in entries(user))
    user.refresh_from_db()
    assert user.groups.filter(name="單位：TW-TXG").exists()

    other = User.objects.create_user("service-user-2")
    with pytest.raises(ValidationError) as excinfo:
        save_membership(
            other,
            by_user=actor,
            unit=Unit.objects.get(code="TW-TXG"),
            account_role="county_officer",
            is_unit_reviewer=True,
        )
    assert "限設 1 人" in excinfo.value.message_dict["is_unit_reviewer"][0]
    assert not Membership.objects.filter(user=other).exists()
    assert entries(other) == []

    with pytest.raises(ValidationError) as excinfo:
        save_membership(
            other,
            by_user=actor,
            unit=Unit.objects.get(code="TW-TXG-silver-1"),
            account_role="silver_point_counsellor",
            is_unit_reviewer=True,
        )
    assert "不能設置單位審核人員" in excinfo.value.message_dict["is_unit_reviewer"][0]


def test_site_history_shows_the_zh_hant_labels(admin):
    user = make_member("TW-TXG", "editor")
    response = admin.post(edit_url(user), edit_post(user, is_unit_reviewer="on"))
    assert response.status_code == 302
    data = edit_post(user, unit=Unit.objects.get(code="TW-KHH").pk)
    data.pop("is_unit_reviewer")
    assert admin.post(edit_url(user), data).status_code == 302

    response = admin.get("/admin/reports/site-history/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("授予角色", "撤銷角色", "變更所屬單位", "授予角色「單位審核人員」"):
        assert text in html, text

    response = admin.get("/admin/reports/site-history/", {"action": "site45.unit_changed"})
    assert response.status_code == 200
    assert "變更所屬單位" in response.content.decode()

    response = admin.get(f"/admin/users/history/{user.pk}/")
    assert response.status_code == 200
    assert "撤銷角色「單位審核人員」" in response.content.decode()


@pytest.mark.parametrize(
    "viewer_unit,viewer_roles",
    [
        ("TW-KHH", ("editor",)),
        ("TW-KHH", ("unit_reviewer",)),
        ("TW-TXG", ("editor",)),
    ],
)
def test_role_changes_stay_out_of_site_history_for_editors_and_reviewers(site_tree, client, viewer_unit, viewer_roles):
    """Role changes are account data: editors and reviewers, of that unit or another, do not see them."""
    actor = make_member("wda-dsted", "system_admin")
    user = User.objects.create_user("history-subject")
    save_membership(
        user, by_user=actor, unit=Unit.objects.get(code="TW-TXG"), account_role="county_officer", is_unit_reviewer=True
    )
    client.force_login(make_member(viewer_unit, *viewer_roles))
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "history-subject" not in html and "授予角色" not in html
