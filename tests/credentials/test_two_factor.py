"""Two-factor sign-in, through the real /admin/login/, the real admin URLs and
codes computed with django_otp.oath from the device's own key (no mocks).

The suite's settings turn the role requirement off (site45/settings/test.py); the tests of the
requirement turn it on with the ``required`` fixture.
"""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from site45.credentials import log_actions, two_factor
from site45.governance.accounts.lifecycle_log import LIFECYCLE_ACTIONS
from tests.factories import make_member

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-only-123"
HOME = reverse("wagtailadmin_home")
VERIFY = reverse("credentials_two_factor_verify")
SET_UP = reverse("credentials_two_factor_set_up")


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def sign_in(user, client=None):
    """Through Wagtail's real login view (password step only)."""
    client = client or Client()
    response = client.post(reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def code_for(device, offset=0):
    """The code the user's app shows now (``offset`` steps later)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def enrolled(user):
    """A user who finished set-up earlier: a confirmed device and recovery codes."""
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return device, two_factor.renew_recovery_codes(user)


def log_actions_of(user):
    return list(
        ModelLogEntry.objects.filter(object_id=str(user.pk), action__startswith="site45.two_factor").values_list(
            "action", flat=True
        )
    ) + list(
        ModelLogEntry.objects.filter(object_id=str(user.pk), action__startswith="site45.recovery").values_list(
            "action", flat=True
        )
    )


def assert_no_inline_script(html):
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or "application/json" in tag, tag
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


@pytest.fixture
def manager(site_tree):
    return make_member("br-ccn", "account_manager", account_role="wda_supervisor", username="ccn-manager")


@pytest.fixture
def editor(site_tree):
    return make_member("TW-TXG", "editor", username="txg-editor")


# --- required roles: set up before anything else -------------------------------------------------


def test_an_account_manager_must_set_up_before_using_the_admin(required, manager):
    client = sign_in(manager)
    for url in (HOME, reverse("wagtailadmin_explore_root"), reverse("wagtailusers_users:index")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(SET_UP + "?next=")

    page = client.get(SET_UP + "?next=/admin/pages/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html  # the QR code, drawn here
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    assert two_factor.secret_text(device) in html  # the secret as text, for typing
    assert "otpauth://" not in html.split("<svg")[0]
    assert_no_inline_script(html)

    done = client.post(SET_UP, {"code": code_for(device), "next": "/admin/pages/"})
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})</code>", done.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=manager).count() == 10
    assert log_actions_of(manager) == [log_actions.TWO_FACTOR_SET_UP]

    assert client.get(HOME).status_code == 200  # this session is verified
    assert client.get(SET_UP)["Location"] == HOME  # nothing more to set up


@pytest.mark.parametrize("role", ["system_admin", "account_auditor", "superuser"])
def test_the_other_required_roles(required, site_tree, role):
    if role == "superuser":
        user = get_user_model().objects.create_superuser("break-glass", "bg@wda.gov.tw", PASSWORD)
    else:
        user = make_member("wda-dsted", role, account_role="wda_officer", username=f"hq-{role}")
    assert sign_in(user).get(HOME)["Location"].startswith(SET_UP)


def test_a_wrong_code_does_not_confirm_the_device(required, manager):
    client = sign_in(manager)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=manager)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(SET_UP, {"code": wrong})
    assert response.status_code == 200
    assert "驗證碼不正確" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(HOME).status_code == 302


def test_sign_out_and_the_admin_scripts_stay_reachable(required, manager):
    client = sign_in(manager)
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200
    response = client.post(reverse("wagtailadmin_logout"))
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]
    assert client.get(HOME)["Location"].startswith(reverse("wagtailadmin_login"))


def test_without_the_setting_the_roles_are_not_forced(manager):
    """The suite's own settings: account managers reach the admin with the password alone."""
    assert sign_in(manager).get(HOME).status_code == 200


# --- every account with a device: a code at each sign-in ------------------------------------------


def test_an_account_with_a_device_gives_a_code_at_each_sign_in(editor):
    device, _codes = enrolled(editor)
    client = sign_in(editor)
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302 and response["Location"].startswith(VERIFY + "?next=")
    assert client.get(reverse("wagtailadmin_account"))["Location"].startswith(VERIFY)

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert_no_inline_script(page.content.decode())
    done = client.post(VERIFY, {"code": code_for(device), "next": reverse("wagtailadmin_explore_root")})
    assert done.status_code == 302 and done["Location"] == reverse("wagtailadmin_explore_root")
    assert client.get(HOME).status_code == 200

    # A new sign-in (another browser) asks again.
    assert sign_in(editor).get(HOME).status_code == 302


def test_a_code_cannot_be_used_twice(editor):
    device, _codes = enrolled(editor)
    code = code_for(device)
    assert sign_in(editor).post(VERIFY, {"code": code}).status_code == 302
    again = sign_in(editor).post(VERIFY, {"code": code})
    assert again.status_code == 200
    assert again.wsgi_request.user.is_verified() is False


def test_wrong_codes_are_throttled(editor):
    device, _codes = enrolled(editor)
    client = sign_in(editor)
    response = client.post(VERIFY, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "驗證碼錯誤" in response.content.decode()
    # Even the right code waits until the pause after a wrong one is over.
    throttled = client.post(VERIFY, {"code": code_for(device)})
    assert throttled.status_code == 200 and "錯誤次數過多" in throttled.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # Once the pause is over (as if two seconds had passed), the right code works.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=2))
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302


def test_after_verifying_only_local_next_urls_are_followed(editor):
    device, _codes = enrolled(editor)
    client = sign_in(editor)
    done = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/admin/"})
    assert done["Location"] == HOME


def test_a_recovery_code_works_once_and_is_recorded(editor):
    _device, codes = enrolled(editor)
    client = sign_in(editor)
    done = client.post(VERIFY, {"code": codes[0].upper().replace("-", " ")}, follow=True)
    assert done.status_code == 200 and done.redirect_chain[-1][0] == HOME
    assert "還剩 9 組" in done.content.decode()
    entry = ModelLogEntry.objects.get(object_id=str(editor.pk), action=log_actions.RECOVERY_CODE_USED)
    assert entry.data["remaining"] == 9 and "復原碼" in entry.data["reason"]

    reused = sign_in(editor).post(VERIFY, {"code": codes[0]})
    assert reused.status_code == 200 and "驗證碼錯誤" in reused.content.decode()
    # The failure made the recovery codes wait too; once the pause is over, another code works.
    StaticDevice.objects.filter(user=editor).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=2))
    assert sign_in(editor).post(VERIFY, {"code": codes[1]}).status_code == 302


# --- account settings: optional for others, renew, turn off / change phones ----------------------


def verified_client(user, device):
    client = sign_in(user)
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    return client


def test_others_may_turn_it_on_from_their_account_settings(required, editor):
    client = sign_in(editor)
    assert client.get(HOME).status_code == 200  # not forced
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "兩步驟驗證：未開啟" in account and SET_UP in account

    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=editor)
    assert client.post(SET_UP, {"code": code_for(device)}).status_code == 200
    assert "兩步驟驗證：已開啟" in client.get(reverse("wagtailadmin_account")).content.decode()
    assert sign_in(editor).get(HOME)["Location"].startswith(VERIFY)


def test_renewing_recovery_codes_needs_a_code_and_voids_the_old_ones(editor):
    device, old = enrolled(editor)
    client = verified_client(editor, device)
    url = reverse("credentials_recovery_codes")
    refused = client.post(url, {"code": "12345"})
    assert refused.status_code == 200 and "6 位數字" in refused.content.decode()
    renewed = client.post(url, {"code": code_for(device, offset=1)})
    new = re.findall(r"<code>([a-z2-7-]{19})</code>", renewed.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert log_actions.RECOVERY_CODES_RENEWED in log_actions_of(editor)
    assert sign_in(editor).post(VERIFY, {"code": old[0]}).status_code == 200


def test_an_optional_user_may_turn_it_off(editor):
    device, _codes = enrolled(editor)
    client = verified_client(editor, device)
    response = client.post(reverse("credentials_two_factor_turn_off"), {"code": code_for(device, offset=1)})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_account")
    assert not two_factor.has_two_factor(editor)
    assert sign_in(editor).get(HOME).status_code == 200


def test_a_required_user_changing_phones_goes_straight_to_set_up(required, manager):
    device, _codes = enrolled(manager)
    client = verified_client(manager, device)
    page = client.get(reverse("credentials_two_factor_turn_off")).content.decode()
    assert "更換驗證裝置" in page
    response = client.post(reverse("credentials_two_factor_turn_off"), {"code": code_for(device, offset=1)})
    assert response["Location"] == SET_UP
    assert client.get(HOME)["Location"].startswith(SET_UP)


# --- reset by an account manager or the system administrator --------------------------------------


def reset_url(user):
    return reverse("credentials_two_factor_reset", args=[user.pk])


def test_an_account_manager_resets_a_lost_phone_of_an_account_routed_to_them(manager, editor):
    enrolled(editor)
    lost_phone_session = sign_in(editor)
    elsewhere = make_member("TW-KHH", "editor", username="khh-editor")
    enrolled(elsewhere)
    client = sign_in(manager)  # the requirement is off here; the manager has no device
    listing = client.get(reverse("credentials_two_factor_accounts")).content.decode()
    assert reset_url(editor) in listing and reset_url(elsewhere) not in listing

    missing_reason = client.post(reset_url(editor), {"reason": ""})
    assert missing_reason.status_code == 200 and "請說明重設原因" in missing_reason.content.decode()
    assert two_factor.has_two_factor(editor)

    done = client.post(reset_url(editor), {"reason": "手機遺失，已回電單位公務電話確認為本人。"})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()
    entry = ModelLogEntry.objects.get(object_id=str(editor.pk), action=log_actions.TWO_FACTOR_RESET)
    assert entry.user_id == manager.pk and entry.data["reason"].startswith("手機遺失")
    # The old session ends; the next sign-in asks for no code (an editor's is optional).
    assert lost_phone_session.get(HOME).status_code == 302
    assert sign_in(editor).get(HOME).status_code == 200


def test_who_may_not_reset(manager, editor, site_tree):
    elsewhere = make_member("TW-KHH", "editor", username="khh-editor")
    enrolled(elsewhere)
    other_editor = make_member("TW-TXG", "editor", username="txg-colleague")
    assert not two_factor.may_reset_two_factor(manager, elsewhere)  # not routed to this branch
    # Wagtail's admin turns a refusal into a redirect to the dashboard with a message.
    assert sign_in(manager).post(reset_url(elsewhere), {"reason": "x"})["Location"] == HOME
    assert sign_in(editor).post(reset_url(other_editor), {"reason": "x"})["Location"] == HOME
    assert sign_in(manager).post(reset_url(manager), {"reason": "x"})["Location"] == HOME  # not oneself
    assert sign_in(editor).get(reverse("credentials_two_factor_accounts"))["Location"] == HOME
    assert two_factor.has_two_factor(elsewhere)


def test_the_list_of_resettable_accounts_agrees_with_the_check_of_each(manager, editor, site_tree):
    root_in_txg = make_member("TW-TXG", "editor", username="txg-root")
    get_user_model().objects.filter(pk=root_in_txg.pk).update(is_superuser=True)
    left = make_member("TW-TXG", "editor", username="txg-left")
    get_user_model().objects.filter(pk=left.pk).update(is_active=False)
    elsewhere = make_member("TW-KHH", "editor", username="khh-editor")
    accounts = [editor, root_in_txg, left, elsewhere, manager]
    for account in accounts:
        enrolled(account)
    accounts = [get_user_model().objects.get(pk=account.pk) for account in accounts]
    listed = set(two_factor.accounts_resettable_by(manager).values_list("pk", flat=True))
    assert listed == {account.pk for account in accounts if two_factor.may_reset_two_factor(manager, account)}
    assert editor.pk in listed and root_in_txg.pk not in listed and elsewhere.pk not in listed


def test_the_system_administrator_may_reset_anyone(site_tree, editor):
    admin = make_member("wda-dsted", "system_admin", account_role="wda_officer", username="sysadmin")
    elsewhere = make_member("TW-KHH", "editor", username="khh-editor")
    enrolled(elsewhere)
    client = sign_in(admin)
    assert reset_url(elsewhere) in client.get(reverse("wagtailusers_users:index")).content.decode()  # the button
    assert reset_url(elsewhere) in client.get(reverse("credentials_two_factor_accounts")).content.decode()
    assert client.post(reset_url(elsewhere), {"reason": "遺失手機"}).status_code == 302
    assert not two_factor.has_two_factor(elsewhere)


def test_the_events_are_in_the_account_record():
    assert set(log_actions.LABELS) <= set(LIFECYCLE_ACTIONS)


# --- a second factor that is really second -------------------------------------


def code_from_key(bin_key, offset=0):
    """The code an app holding ``bin_key`` shows (``offset`` steps later)."""
    totp = TOTP(bin_key, 30, 0, 6, 0)
    totp.time = time.time() + offset * 30
    return f"{totp.token():06d}"


def opened_set_up(user):
    """Signs in with the password, opens set-up; returns (client, the secret it was shown)."""
    client = sign_in(user)
    html = client.get(SET_UP).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert two_factor.secret_text(device) in html
    return client, device.bin_key


@pytest.mark.parametrize("after_reset", [False, True])
def test_a_secret_seen_by_someone_else_never_signs_in(required, manager, site_tree, after_reset):
    """Someone who had the password opened set-up once (also after a lost-phone reset); the
    real user enrols afterwards; the intruder's codes never pass."""
    if after_reset:
        enrolled(manager)
        admin = make_member("wda-dsted", "system_admin", account_role="wda_officer", username="sysadmin")
        two_factor.reset_two_factor(manager, by=admin, reason="手機遺失")  # the reset view is tested above
        assert not two_factor.has_two_factor(manager)
    _intruder, intruders_secret = opened_set_up(manager)

    user, users_secret = opened_set_up(manager)
    assert users_secret != intruders_secret  # a new secret for every opening
    assert user.post(SET_UP, {"code": code_from_key(users_secret)}).status_code == 200
    assert user.get(HOME).status_code == 200

    intruder = sign_in(manager)
    for offset in (0, 1, -1):
        refused = intruder.post(VERIFY, {"code": code_from_key(intruders_secret, offset)})
        assert refused.status_code == 200 and not refused.wsgi_request.user.is_verified()
        TOTPDevice.objects.filter(user=manager).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    assert intruder.get(HOME)["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=manager).count() == 1


def test_only_the_latest_opening_in_this_session_can_be_confirmed(required, manager):
    client, first_secret = opened_set_up(manager)
    client.get(SET_UP)  # opened again: a new secret
    second = TOTPDevice.objects.get(user=manager, confirmed=False)
    assert second.bin_key != first_secret
    refused = client.post(SET_UP, {"code": code_from_key(first_secret)})
    assert refused.status_code == 200 and "驗證碼不正確" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=manager, confirmed=True).exists()
    TOTPDevice.objects.filter(pk=second.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    assert client.post(SET_UP, {"code": code_for(second)}).status_code == 200
    assert TOTPDevice.objects.get(user=manager).pk == second.pk and two_factor.has_two_factor(manager)


def test_a_session_that_never_opened_set_up_confirms_nothing(required, manager):
    _elsewhere, secret = opened_set_up(manager)
    other = Client()
    other.force_login(manager)  # this sign-in discards the other session's device; a race could
    TOTPDevice.objects.create(user=manager, name="authenticator", confirmed=False, key=secret.hex())
    refused = other.post(SET_UP, {"code": code_from_key(secret)})
    assert refused.status_code == 200 and "設定頁已更新" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=manager, confirmed=True).exists()
    assert not TOTPDevice.objects.filter(user=manager, key=secret.hex()).exists()


def test_an_unconfirmed_device_is_discarded_at_the_next_sign_in(required, manager):
    opened_set_up(manager)
    assert TOTPDevice.objects.filter(user=manager, confirmed=False).count() == 1
    sign_in(manager)
    assert not TOTPDevice.objects.filter(user=manager).exists()


def test_the_user_is_mailed_at_each_change_of_the_second_factor(required, manager, mailoutbox):
    manager.email = "manager@ccn.wda.gov.tw"
    manager.save()
    client, secret = opened_set_up(manager)
    html = client.post(SET_UP, {"code": code_from_key(secret)}).content.decode()
    codes = re.findall(r"<code>([a-z2-7-]{19})</code>", html)
    assert [m.subject for m in mailoutbox] == ["【45+ 就業資源網】已設定兩步驟驗證"]
    assert mailoutbox[0].to == ["manager@ccn.wda.gov.tw"] and "ccn-manager" in mailoutbox[0].body
    assert secret.hex() not in mailoutbox[0].body and codes[0] not in mailoutbox[0].body

    assert sign_in(manager).post(VERIFY, {"code": codes[0]}).status_code == 302
    assert mailoutbox[-1].subject.endswith("已使用復原碼登入") and "還剩 9 組" in mailoutbox[-1].body

    verified = sign_in(manager)
    assert verified.post(VERIFY, {"code": codes[1]}).status_code == 302
    verified.post(reverse("credentials_two_factor_turn_off"), {"code": code_from_key(secret, 1)})
    assert mailoutbox[-1].subject.endswith("已移除兩步驟驗證裝置")

    enrolled(manager)
    admin = make_member("wda-dsted", "system_admin", account_role="wda_officer", username="sysadmin")
    two_factor.reset_two_factor(manager, by=admin, reason="手機遺失")  # the view is tested above
    assert mailoutbox[-1].subject.endswith("兩步驟驗證已被重設")
    assert mailoutbox[-1].to == ["manager@ccn.wda.gov.tw"]


def test_recovery_codes_are_stored_hashed(editor):
    _device, codes = enrolled(editor)
    stored = set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))
    plain = {code.replace("-", "") for code in codes}
    assert len(stored) == 10 and not stored & plain
    assert stored == {two_factor.hash_recovery_code(code) for code in codes}
    # A stolen hash typed as a code is not a code.
    assert sign_in(editor).post(VERIFY, {"code": sorted(stored)[0]}).status_code == 200
    StaticDevice.objects.filter(user=editor).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    assert sign_in(editor).post(VERIFY, {"code": codes[2]}).status_code == 302


def test_the_migration_hashes_codes_stored_in_clear(editor):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("site45.credentials.migrations.0003_hash_recovery_codes")
    device = StaticDevice.objects.create(user=editor, name="recovery", confirmed=True)
    StaticToken.objects.create(device=device, token="abcdefghijklmnop")  # as the old code stored it
    migration.hash_existing_codes(apps, None)
    migration.hash_existing_codes(apps, None)  # twice changes nothing more
    assert list(device.token_set.values_list("token", flat=True)) == [
        two_factor.hash_recovery_code("abcd-efgh-ijkl-mnop")
    ]
    assert sign_in(editor).post(VERIFY, {"code": "abcd-efgh-ijkl-mnop"}).status_code == 302
