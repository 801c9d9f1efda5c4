"""Two requests seat a reviewer for the same empty unit at once: exactly one wins (SPEC §3).

On PostgreSQL the two attempts run in two threads, each with its own database connection
and transaction, released together by a barrier after both have seen the seat empty — the
check-then-insert race a form alone cannot stop. The partial unique index decides: one
commits, the other gets an ``IntegrityError`` (or, through ``save_membership``, a zh-Hant
``ValidationError``). SQLite locks the whole database, so there the attempts run one after
the other; the assertions are the same.
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from wagtail.models import Collection, ModelLogEntry

from site45.governance.models import Membership, Unit
from site45.governance.org import membership as membership_service
from site45.governance.org import roles
from site45.governance.org.membership import save_membership

# These tests commit: the database is put back after the module (``tests/conftest.py``).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_put_back")]

UNIT = "TW-TXG"
TIMEOUT = 20


@pytest.fixture
def contenders():
    """Units and two users, committed, whatever an earlier transactional test flushed."""
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    if not Unit.objects.filter(code=UNIT).exists():
        with open("/dev/null", "w") as devnull:
            call_command("load_units", verbosity=0, stdout=devnull)
    unit = Unit.objects.get(code=UNIT)
    assert not Membership.objects.filter(unit=unit, is_unit_reviewer=True).exists()
    User = get_user_model()
    users = [User.objects.create_user(f"racer-{i}") for i in (1, 2)]
    return unit, users


def concurrently(attempt, args_list):
    """Run ``attempt(*args)`` for each args: in threads on PostgreSQL, one by one on SQLite.

    Returns ``[(outcome, value), …]`` where outcome is "won" or the exception class.
    """
    results = [None] * len(args_list)

    def run(index, args):
        try:
            results[index] = ("won", attempt(*args))
        except Exception as e:
            results[index] = (type(e), e)
        finally:
            if threading.current_thread() is not threading.main_thread():
                connection.close()

    if connection.vendor == "sqlite":
        for index, args in enumerate(args_list):
            run(index, args)
        return results
    threads = [threading.Thread(target=run, args=(i, args)) for i, args in enumerate(args_list)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
        assert not thread.is_alive(), "a racer hung"
    return results


def make_barrier(parties=2):
    if connection.vendor == "sqlite":
        return None
    return threading.Barrier(parties, timeout=TIMEOUT)


def test_database_lets_exactly_one_of_two_concurrent_reviewers_in(contenders):
    unit, users = contenders
    start = make_barrier()
    checked = make_barrier()
    seen_empty = []

    def seat(user):
        if start:
            start.wait()
        with transaction.atomic():
            seat_was_empty = not Membership.objects.filter(unit=unit, is_unit_reviewer=True).exists()
            seen_empty.append(seat_was_empty)
            if checked:
                checked.wait()  # both have seen the empty seat; now both write
            Membership.objects.create(
                user=user, unit=unit, account_role="county_officer", is_unit_reviewer=True, is_editor=False
            )
        return seat_was_empty

    results = concurrently(seat, [(u,) for u in users])

    assert [o for o, _ in results].count("won") == 1, results
    assert [o for o, _ in results].count(IntegrityError) == 1, results
    if connection.vendor != "sqlite":
        # Both transactions saw the seat empty: only the database constraint stopped the second.
        assert seen_empty == [True, True]
    assert Membership.objects.filter(unit=unit, is_unit_reviewer=True).count() == 1
    assert Membership.objects.filter(unit=unit).count() == 1


def test_service_gives_the_loser_a_zh_hant_message_and_stores_nothing(contenders, monkeypatch):
    unit, users = contenders
    both_checked = make_barrier()
    real_check = roles.check_membership
    local = threading.local()

    def check_then_wait(membership):
        real_check(membership)
        if both_checked and not getattr(local, "waited", False):
            local.waited = True
            both_checked.wait()  # both passed the form-level check: the race is on

    monkeypatch.setattr(membership_service.roles, "check_membership", check_then_wait)

    def seat(user):
        return save_membership(
            user, by_user=None, unit=unit, account_role="county_officer", is_unit_reviewer=True, is_editor=False
        )

    results = concurrently(seat, [(u,) for u in users])

    assert [o for o, _ in results].count("won") == 1, results
    assert [o for o, _ in results].count(ValidationError) == 1, results
    winner = next(value.user for outcome, value in results if outcome == "won")
    loser = next(u for u in users if u.pk != winner.pk)
    error = next(value for outcome, value in results if outcome is ValidationError)
    message = error.message_dict["is_unit_reviewer"][0]
    assert "已有單位審核人員" in message and "限設 1 人" in message and winner.username in message

    assert Membership.objects.filter(unit=unit, is_unit_reviewer=True).get().user_id == winner.pk
    assert not Membership.objects.filter(user=loser).exists()
    assert ModelLogEntry.objects.filter(action="site45.role_granted", object_id=str(winner.pk)).count() == 1
    assert not ModelLogEntry.objects.filter(object_id=str(loser.pk), action__startswith="site45.").exists()


def test_two_approvals_racing_for_one_reviewer_seat_seat_exactly_one(contenders, monkeypatch):
    """Two managers approve two applications for the unit's only reviewer seat
    at the same moment, through the admin's 「核准」 POST. One account is created and seated; the
    other application stays received with the reason shown, and no user is left behind."""
    from django.test import Client
    from django.urls import reverse

    from site45.governance.accounts.applications import AccountApplication
    from tests.factories import application, make_member

    unit, _users = contenders
    branch_manager = make_member("br-ccn", "account_manager", account_role="wda_supervisor", username="race-mgr")
    system_admin = get_user_model().objects.create_superuser("race-admin", password="pw-for-tests-only-123")
    apps_ = []
    for name in ("race-reviewer-a", "race-reviewer-b"):
        app = application(UNIT, account_name=name, perm_reviewer=True, perm_editor=False)
        app.status, app.received_date = AccountApplication.RECEIVED, app.application_date
        app.save()
        apps_.append(app)

    both_checked = make_barrier()
    real_check = roles.check_membership
    local = threading.local()

    def check_then_wait(membership):
        real_check(membership)
        if both_checked and not getattr(local, "waited", False):
            local.waited = True
            both_checked.wait()

    monkeypatch.setattr(membership_service.roles, "check_membership", check_then_wait)

    def approve(manager, app):
        client = Client()
        client.force_login(manager)
        response = client.post(reverse("account_applications:approve", args=[app.pk]), follow=True)
        return response.content.decode()

    results = concurrently(approve, [(branch_manager, apps_[0]), (system_admin, apps_[1])])
    assert [o for o, _ in results] == ["won", "won"], results  # both requests answered, no 500

    for app in apps_:
        app.refresh_from_db()
    approved = [a for a in apps_ if a.status == AccountApplication.APPROVED]
    refused = [a for a in apps_ if a.status == AccountApplication.RECEIVED]
    assert len(approved) == 1 and len(refused) == 1, [a.status for a in apps_]
    refused_page = results[apps_.index(refused[0])][1]
    assert "無法核准" in refused_page
    User = get_user_model()
    assert Membership.objects.filter(unit=unit, is_unit_reviewer=True).get().user.username == approved[0].account_name
    assert not User.objects.filter(username=refused[0].account_name).exists()
    assert refused[0].existing_user_id is None and refused[0].reviewer_id is None
    assert not ModelLogEntry.objects.filter(object_id=str(refused[0].pk), action="site45.application_approved").exists()
