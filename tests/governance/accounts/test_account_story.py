"""One account's whole life through the real views and the real command.

A county (TW-TXG) contact window files a new-account application on the public form and
confirms it by the mailed link; the branch with jurisdiction (br-ccn) receives and approves it
in the admin; the new user sets a password through the single-use link, signs in and works;
later the system administrator records a departure date, and ``enforce_account_rules``
suspends the account ex officio once 3 working days have passed — not a day earlier. Every
step is on the audit trail, and the branch manager reads it in 「帳號異動紀錄」.
"""

import datetime
import re
from io import StringIO

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from site45.governance.accounts.applications import AccountApplication
from site45.governance.calendar.working_days import add_working_days
from site45.governance.models import Unit
from tests.factories import make_member

User = get_user_model()
PASSWORD = "Taichung-45plus-2026!"


def only_link(pattern, outbox, to):
    bodies = [m.body for m in outbox if to in m.to]
    assert bodies, f"no mail to {to}"
    return re.search(pattern, bodies[-1]).group(1)


def test_an_account_from_application_to_ex_officio_suspension(
    site_tree, django_capture_on_commit_callbacks, django_user_model
):
    cache.clear()
    manager = make_member("br-ccn", "account_manager", account_role="wda_supervisor", username="ccn-manager")
    manager.email = "manager@ccn.wda.gov.tw"
    manager.save()
    admin = django_user_model.objects.create_superuser("story-admin", "admin@wda.gov.tw", "pw-for-tests-only-123")
    today = timezone.localdate()

    # 1. The contact window files on the public form and confirms by the mailed link.
    window = Client()
    form = {
        "application_date": today.isoformat(),
        "unit": Unit.objects.get(code="TW-TXG").pk,
        "contact_name": "林窗口",
        "contact_phone": "04-2228-9111",
        "contact_email": "window@taichung.gov.tw",
        "change_type": "new",
        "account_name": "txg-story",
        "account_role": "county_officer",
        "perm_editor": "on",
        "user_name": "陳小華",
        "user_title": "科員",
        "user_phone": "04-2228-9111#123",
        "user_email": "hua@taichung.gov.tw",
        "declaration_agreed": "on",
        "supervisor_name": "王科長",
        "supervisor_approved_on": today.isoformat(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert window.post("/account-application/", form).status_code == 302
    confirm = only_link(r"http://testserver(/account-application/confirm/\S+/)", mail.outbox, "window@taichung.gov.tw")
    with django_capture_on_commit_callbacks(execute=True):
        assert window.post(confirm).status_code == 200
    app = AccountApplication.objects.get(account_name="txg-story")
    assert app.status == AccountApplication.FILED and app.reviewing_unit.code == "br-ccn"
    assert any(manager.email in m.to for m in mail.outbox)

    # 2. The branch manager sees it on the dashboard, receives and approves it.
    branch = Client()
    branch.force_login(manager)
    assert f'data-application="{app.pk}"' in branch.get(reverse("wagtailadmin_home")).content.decode()
    branch.post(reverse("account_applications:receive", args=[app.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        branch.post(reverse("account_applications:approve", args=[app.pk]))
    app.refresh_from_db()
    assert app.status == AccountApplication.APPROVED

    # 3. The new user sets a password through the single-use link, signs in and works.
    link = only_link(r"http://testserver(/\S+/password_reset/confirm/\S+/)", mail.outbox, "hua@taichung.gov.tw")
    newcomer = Client()
    set_password = newcomer.get(link)["Location"]
    newcomer.post(set_password, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert newcomer.login(username="txg-story", password=PASSWORD)
    assert newcomer.get(reverse("wagtailadmin_home")).status_code == 200
    user = User.objects.get(username="txg-story")
    assert user.account_activity.last_seen_at is not None  # use of the admin is recorded

    # 4. The user leaves; the system administrator records the departure date.
    departure = datetime.date(2026, 4, 2)  # a Thursday before the Children's Day / Tomb Sweeping holidays
    call_command("seed_calendar", "--years", "2026", stdout=StringIO())
    system = Client()
    system.force_login(admin)
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": "陳",
        "unit": user.membership.unit_id,
        "account_role": "county_officer",
        "is_editor": "on",
        "is_active": "on",
        "departure_date": departure.isoformat(),
    }
    response = system.post(f"/admin/users/edit/{user.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors

    # 5. Not suspended on the 3rd working day after departure; suspended ex officio on the 4th.
    third, fourth = add_working_days(departure, 3), add_working_days(departure, 4)
    call_command("enforce_account_rules", "--date", third.isoformat(), stdout=StringIO())
    user.refresh_from_db()
    assert user.is_active
    call_command("enforce_account_rules", "--date", fourth.isoformat(), stdout=StringIO())
    user.refresh_from_db()
    assert not user.is_active
    assert newcomer.get(reverse("wagtailadmin_home")).status_code == 302  # signed out at once

    # Every step is on the audit trail, with who and why.
    on_app = list(
        ModelLogEntry.objects.filter(object_id=str(app.pk), content_type__model="accountapplication")
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    assert on_app == [
        ("site45.application_filed", None),
        ("site45.application_confirmed", None),
        ("site45.application_received", "ccn-manager"),
        ("site45.application_approved", "ccn-manager"),
    ]
    on_user = dict(
        ModelLogEntry.objects.filter(object_id=str(user.pk), content_type__model="user").values_list(
            "action", "user__username"
        )
    )
    assert on_user["site45.account_created"] == "ccn-manager"
    assert on_user["site45.departure_recorded"] == "story-admin"
    assert "site45.account_suspended_ex_officio" in on_user and on_user["site45.account_suspended_ex_officio"] is None
    ex_officio = ModelLogEntry.objects.get(object_id=str(user.pk), action="site45.account_suspended_ex_officio")
    assert "2026-04-02" in ex_officio.data["reason"] and "依職權逕予停用" in ex_officio.data["reason"]

    # The branch manager reads the whole story in 帳號異動紀錄.
    record = branch.get(reverse("account_log")).content.decode()
    for label in ("提出帳號申請", "聯繫窗口確認申請", "帳號申請收件", "核准帳號申請", "開通帳號", "依職權逕予停用帳號"):
        assert label in record, label
