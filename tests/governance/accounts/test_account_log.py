"""The account record: the 帳號異動紀錄 report and the dashboard panel
of applications, through the real admin views, scoped like the applications themselves."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from site45.governance.accounts import lifecycle_log
from site45.governance.accounts.applications import AccountApplication
from site45.governance.calendar.exceptions import CalendarException
from site45.governance.privacy.personal_data import mask_name
from tests.factories import application, make_member
from tests.factories import application_admin_url as app_url

LOG_URL = reverse("account_log")


@pytest.fixture
def events(site_tree):
    """A TW-TXG application (routed to br-ccn) and a TW-KHH one (routed to br-kpt), each received."""
    ccn = make_member("br-ccn", "account_manager", account_role="wda_supervisor", username="ccn-manager")
    kpt = make_member("br-kpt", "account_manager", account_role="wda_supervisor", username="kpt-manager")
    txg = application("TW-TXG", user_name="臺中申請人")
    khh = application("TW-KHH", user_name="高雄申請人")
    lifecycle_log.log_event(txg, lifecycle_log.APPLICATION_RECEIVED, by=ccn, reason="臺中收件")
    lifecycle_log.log_event(khh, lifecycle_log.APPLICATION_RECEIVED, by=kpt, reason="高雄收件")
    txg_user = make_member("TW-TXG", username="txg-someone")
    lifecycle_log.log_event(txg_user, lifecycle_log.ACCOUNT_CLOSED_INACTIVE, reason="臺中閒置")
    return {"ccn": ccn, "kpt": kpt, "txg": txg, "khh": khh}


def page_of(client, query=""):
    response = client.get(LOG_URL + query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_manager_reads_only_the_events_routed_to_them(client, events):
    client.force_login(events["ccn"])
    page = page_of(client)
    assert "臺中收件" in page and "臺中閒置" in page
    assert "高雄收件" not in page
    assert LOG_URL in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_system_admin_reads_all_and_filters_by_action(client, events, django_user_model):
    admin = django_user_model.objects.create_superuser("log-admin", password="pw-for-tests-only-123")
    client.force_login(admin)
    page = page_of(client)
    assert "臺中收件" in page and "高雄收件" in page and "臺中閒置" in page
    page = page_of(client, f"?action={lifecycle_log.ACCOUNT_CLOSED_INACTIVE}")
    assert "臺中閒置" in page and "臺中收件" not in page
    assert "閒置逾期停用帳號" in page  # the action's label


def test_the_auditor_reads_account_events_but_not_applications(client, events):
    auditor = make_member("wda-dsted", "account_auditor", account_role="wda_officer", username="auditor")
    client.force_login(auditor)
    page = page_of(client)
    assert "臺中閒置" in page and "臺中收件" not in page


def test_an_editor_and_an_anonymous_visitor_read_nothing(client, events):
    response = client.get(LOG_URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(make_member("TW-TXG", "editor", username="txg-editor"))
    assert client.get(LOG_URL).status_code in (302, 403)
    assert client.get(reverse("account_log_results")).status_code in (302, 403)
    assert LOG_URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_record_exports_as_csv(client, events):
    client.force_login(events["ccn"])
    response = client.get(LOG_URL + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8") if response.streaming else response.content.decode()
    assert "帳號申請收件" in body and "高雄" not in body


# --- the dashboard panel of applications ---------------------------------------------------------


def test_the_manager_dashboard_lists_waiting_and_overdue_applications(client, events):
    txg = events["txg"]
    AccountApplication.objects.filter(pk=txg.pk).update(
        status=AccountApplication.RECEIVED, received_date=timezone.localdate() - datetime.timedelta(days=30)
    )
    fresh = application("TW-CHA", user_name="彰化申請人")
    client.force_login(events["ccn"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="account-applications' in page or "帳號申請待處理" in page
    assert "待收件：1 件" in page and "已收件待回覆：1 件" in page and "逾期未回覆：1 件" in page
    assert f'data-application="{txg.pk}"' in page and f'data-application="{fresh.pk}"' in page
    assert "高雄申請人" not in page
    assert mask_name("彰化申請人") in page and "彰化申請人" not in page  # names in full only on the record
    assert app_url("inspect", txg.pk) in page


def test_an_application_received_before_a_holiday_is_not_yet_overdue(client, events):
    today = timezone.localdate()
    received = today - datetime.timedelta(days=7)
    # Every day since receipt but today is a holiday: far fewer than 5 working days have passed.
    for n in range(0, 7):
        CalendarException.objects.update_or_create(
            date=received + datetime.timedelta(days=n), defaults={"kind": CalendarException.HOLIDAY, "name": "假日"}
        )
    AccountApplication.objects.filter(pk=events["txg"].pk).update(
        status=AccountApplication.RECEIVED, received_date=received
    )
    client.force_login(events["ccn"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "沒有逾期未回覆的申請。" in page


def test_panels_are_not_shown_to_an_editor(client, events):
    client.force_login(make_member("TW-TXG", "editor", username="txg-editor"))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "帳號申請待處理" not in page and "帳號清查與閒置帳號" not in page


def test_the_auditor_dashboard_shows_the_due_date_and_accounts_near_the_180_day_line(client, events):
    from django.contrib.auth import get_user_model

    from site45.governance.accounts.semiannual_audit.audits import audit_due_date

    User = get_user_model()
    now = timezone.now()
    near = make_member("TW-TXG", username="txg-drifting")
    far = make_member("TW-TXG", username="txg-busy")
    User.objects.filter(pk=near.pk).update(
        date_joined=now - datetime.timedelta(days=300), last_login=now - datetime.timedelta(days=170)
    )
    User.objects.filter(pk=far.pk).update(
        date_joined=now - datetime.timedelta(days=300), last_login=now - datetime.timedelta(days=100)
    )
    auditor = make_member("wda-dsted", "account_auditor", account_role="wda_officer", username="auditor")
    client.force_login(auditor)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "帳號清查與閒置帳號" in page and "帳號申請待處理" not in page
    assert f'data-due="{audit_due_date().isoformat()}"' in page
    assert 'data-account="txg-drifting"' in page and 'data-account="txg-busy"' not in page
    closes_on = timezone.localtime(now - datetime.timedelta(days=170)).date() + datetime.timedelta(days=180)
    assert closes_on.isoformat() in page


def test_the_system_admin_dashboard_shows_both_panels(client, events, django_user_model):
    admin = django_user_model.objects.create_superuser("panel-admin", password="pw-for-tests-only-123")
    client.force_login(admin)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "帳號申請待處理" in page and "帳號清查與閒置帳號" in page
    assert mask_name("臺中申請人") in page and mask_name("高雄申請人") in page
