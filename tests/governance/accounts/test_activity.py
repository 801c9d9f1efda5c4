"""Admin use is recorded (``AdminActivityMiddleware`` → ``AccountActivity``) and counts as use.

``last_login`` only moves when a password is typed; a remembered session can last for weeks.
The inactivity rule counts from the latest admin request as well.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from site45.governance.accounts.activity import ACTIVITY_WRITE_INTERVAL, AccountActivity
from site45.governance.accounts.approval_effects import inactivity_reference_date
from site45.governance.accounts.middleware import SESSION_KEY
from tests.factories import make_member

User = get_user_model()


@pytest.fixture
def editor(site_tree):
    user = make_member("TW-TXG", username="txg-editor")
    long_ago = timezone.now() - datetime.timedelta(days=170)
    User.objects.filter(pk=user.pk).update(date_joined=long_ago, last_login=long_ago)
    user.refresh_from_db()
    return user


def seen(user):
    return AccountActivity.objects.filter(user=user).values_list("last_seen_at", flat=True).first()


def test_an_admin_request_in_a_remembered_session_records_use(client, editor):
    assert inactivity_reference_date(editor) == timezone.localdate() - datetime.timedelta(days=170)
    client.force_login(editor)  # a session, no password typed today
    User.objects.filter(pk=editor.pk).update(last_login=editor.last_login)  # as if signed in long ago
    before = timezone.now()

    client.get("/admin/")

    assert seen(editor) is not None and seen(editor) >= before
    assert inactivity_reference_date(editor) == timezone.localdate()


def test_the_public_site_and_anonymous_requests_do_not_count(client, editor):
    client.get("/admin/login/")  # anonymous admin page
    client.force_login(editor)
    assert client.get("/").status_code == 200  # the public site, signed in
    client.get("/en/")
    assert seen(editor) is None


def test_one_session_writes_at_most_once_per_interval(client, editor):
    client.force_login(editor)
    client.get("/admin/")
    first = seen(editor)
    client.get("/admin/")
    assert seen(editor) == first  # within the interval: no write

    session = client.session
    session[SESSION_KEY] = session[SESSION_KEY] - ACTIVITY_WRITE_INTERVAL.total_seconds() - 1
    session.save()
    client.get("/admin/")
    assert seen(editor) > first


def test_an_inactive_user_is_not_recorded(client, editor):
    client.force_login(editor)
    User.objects.filter(pk=editor.pk).update(is_active=False)
    client.get("/admin/")
    assert seen(editor) is None
