"""Password rules: length, common and predictable passwords, history, maximum
age, and the single-use, time-limited set-password link — through Django's validators and the
real Wagtail views (account page, set-password link, user admin) and management commands."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from site45.credentials import patterns
from site45.credentials.models import PasswordHistory
from site45.governance.accounts.approval_effects import password_setup_link
from tests.factories import make_member

pytestmark = pytest.mark.django_db

GOOD = "Taichung-45plus-2026!"  # the suite's own password (tests/governance/accounts/test_account_story.py)


def codes_refusing(password, user=None):
    """The codes of the rules ``password`` breaks (empty: accepted)."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


def messages_refusing(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


# --- the rules ---------------------------------------------------------------------------------


def test_at_least_12_characters():
    assert "password_too_short" in codes_refusing("Tq8#mZ2$kL9")
    assert codes_refusing("Tq8#mZ2$kL9!") == set()
    assert "必須至少 12 個字元" in messages_refusing("Tq8#mZ2$kL9")


def test_at_most_128_characters_and_64_are_allowed():
    phrase = "我家門前有小河後面有山坡山坡上面野花多野花紅似火"
    sixty_four = (phrase + "Tq8#mZ2$kL9!xv" * 5)[:64]
    assert len(sixty_four) == 64 and codes_refusing(sixty_four) == set()
    long_ok = (sixty_four * 2)[:127] + "!"
    assert len(long_ok) == 128 and "password_too_long" not in codes_refusing(long_ok)
    assert "password_too_long" in codes_refusing(long_ok + "x")
    assert "不能超過 128 個字元" in messages_refusing(long_ok + "x")


@pytest.mark.parametrize(
    "password",
    [
        "ji32k7au4a83",  # 注音 keyboard typing of 我的密碼
        "Ji32k7au4a83!2026",  # the same with a year
        "woaini5201314",  # 我愛你 in pinyin + 我愛你一生一世
        "Woaini-1314-520!",
        "su3cl3-2026-0101",  # 你好 typed on the 注音 keyboard
        "Taipei-2026-0101",  # a place name and a date
    ],
)
def test_taiwan_context_passwords_are_refused(password):
    assert codes_refusing(password) & {"password_too_common", "password_predictable"}
    assert "常見" in messages_refusing(password)


@pytest.mark.parametrize(
    "password",
    ["1qaz2wsx3edc", "!QAZ@WSX#EDC$RFV", "zaq12wsxcde3", "qwertyuiop123", "abcdefghijklmn", "0987654321poiu"],
)
def test_keyboard_walks_and_sequences_are_refused(password):
    assert "password_keyboard_walk" in codes_refusing(password)


@pytest.mark.parametrize("password", ["aaaaaaaaaaaaaa", "abcabcabcabc", "Ab1!Ab1!Ab1!", "11112222111122"])
def test_repetition_is_refused(password):
    assert "password_repeated" in codes_refusing(password)


@pytest.mark.parametrize(
    "password",
    [
        "中華民國萬歲萬歲萬歲萬歲",  # 萬歲 × 4 counted once: 6 characters left
        "臺灣加油臺灣加油臺灣加油好",  # 臺灣加油 × 3: 5 left
        "abc1abc2abc3abc4",  # apart, still: 10 left
        "我家門前有小河後面萬歲萬歲萬歲",  # 15 - 4 = 11 left: one short of the boundary
    ],
)
def test_repeated_words_are_counted_once(password):
    assert "password_repeated" in codes_refusing(password)


@pytest.mark.parametrize(
    "password",
    [
        "我家門前有小河後面有萬歲萬歲萬歲",  # 16 - 4 = 12 left: the boundary, allowed
        "我愛台灣萬歲萬歲我愛台灣",  # each word only twice
        "Correct-horse-battery-9",  # single letters repeating are not a repeated word
    ],
)
def test_enough_left_once_repeats_count_once_is_allowed(password):
    assert "password_repeated" not in codes_refusing(password)


@pytest.mark.parametrize(
    "password", ["wda@2026-45plus", "45plus!45Plus?2026x", "mol.gov.tw2026!!", "Gov-2026-0101-wda"]
)
def test_site_and_agency_names_with_numbers_are_refused(password):
    assert "password_predictable" in codes_refusing(password)


def test_the_account_name_with_numbers_is_refused():
    user = get_user_model()(username="chen.meiling")
    assert "password_predictable" in codes_refusing("Meiling.Chen#2026!!", user)
    assert "password_predictable" in codes_refusing("chen.meiling-20260101", user)


def test_common_english_passwords_are_still_refused_by_djangos_list():
    assert "password_predictable" in codes_refusing("iloveyou12345")  # "iloveyou" is on Django's list
    assert "password_too_common" in codes_refusing("password1234")


@pytest.mark.parametrize(
    "password", [GOOD, "Correct-horse-battery-9", "Tq8#mZ2$kL9!", "我家門前有小河後面有山坡", "pw-for-tests-only-123"]
)
def test_good_passwords_pass(password):
    assert codes_refusing(password, get_user_model()(username="txg-story")) == set()


def test_the_demo_password_would_pass_the_rules_too():
    """It is set by the seed without validation; none of the rules would block it anyway."""
    assert codes_refusing("demo-45plus-user", get_user_model()(username="txg-editor")) == set()


def test_help_texts_are_in_chinese():
    texts = " ".join(password_validators_help_texts())
    assert "128" in texts and "最近 3 次" in texts and "鍵盤" in texts


def test_walk_detection_leaves_ordinary_words_alone():
    assert not patterns.is_keyboard_walk("Correct-horse-battery-9")
    assert patterns.runs("1qaz2wsx") == [4, 4]


# --- history ---------------------------------------------------------------------------------


def account_form(user, old, new):
    """What Wagtail's 帳號設定 page posts when the password is changed."""
    return {
        "name_email-first_name": user.first_name or "美玲",
        "name_email-last_name": user.last_name or "陳",
        "name_email-email": user.email or f"{user.username}@wda.gov.tw",
        "locale-preferred_language": "zh-hant",
        "locale-current_time_zone": "Asia/Taipei",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
        "password-old_password": old,
        "password-new_password1": new,
        "password-new_password2": new,
    }


def change_password(client, user, old, new):
    return client.post(reverse("wagtailadmin_account"), account_form(user, old, new))


@pytest.fixture
def txg_user(site_tree):
    user = make_member("TW-TXG", "editor", username="txg-history")
    user.set_password("First-pass-Taichung-1")
    user.save()
    return user


def test_last_three_passwords_cannot_be_reused_on_the_account_page(client, txg_user):
    passwords = ["First-pass-Taichung-1", "Second-pass-Nantou-2", "Third-pass-Changhua-3"]
    client.force_login(txg_user)
    for old, new in zip(passwords, passwords[1:]):
        assert change_password(client, txg_user, old, new).status_code == 302
    assert PasswordHistory.objects.filter(user=txg_user).count() == 3

    for reused in passwords:  # the current one and the two before it
        response = change_password(client, txg_user, passwords[-1], reused)
        assert response.status_code == 200
        assert "新密碼不能與最近 3 次使用的密碼相同" in response.content.decode()
    txg_user.refresh_from_db()
    assert txg_user.check_password(passwords[-1])

    assert change_password(client, txg_user, passwords[-1], "Fourth-pass-Yunlin-4").status_code == 302
    # Only three are kept: the first password is free again.
    assert PasswordHistory.objects.filter(user=txg_user).count() == 3
    assert change_password(client, txg_user, "Fourth-pass-Yunlin-4", passwords[0]).status_code == 302


def test_the_account_page_applies_every_rule(client, txg_user):
    client.force_login(txg_user)
    response = change_password(client, txg_user, "First-pass-Taichung-1", "1qaz2wsx3edc4rfv")
    assert response.status_code == 200
    assert "鍵盤上相鄰的按鍵" in response.content.decode()


def test_the_user_admin_applies_the_history(client, site_tree, txg_user):
    from tests.factories import edit_post, edit_url

    admin = get_user_model().objects.create_superuser("root-admin", "root@wda.gov.tw", "Root-admin-pass-77")
    client.force_login(admin)
    reused = client.post(
        edit_url(txg_user), edit_post(txg_user, password1="First-pass-Taichung-1", password2="First-pass-Taichung-1")
    )
    assert reused.status_code == 200
    assert "新密碼不能與最近 3 次使用的密碼相同" in reused.content.decode()
    changed = client.post(
        edit_url(txg_user), edit_post(txg_user, password1="Admin-set-Hsinchu-6", password2="Admin-set-Hsinchu-6")
    )
    assert changed.status_code == 302
    txg_user.refresh_from_db()
    assert PasswordHistory.objects.filter(user=txg_user).first().password == txg_user.password


def test_a_hash_upgrade_at_sign_in_is_not_a_new_password(settings, txg_user):
    """Django re-hashes with a newer hasher at sign-in; the age must not restart."""
    PasswordHistory.objects.filter(user=txg_user).update(created_at=timezone.now() - timedelta(days=50))
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert txg_user.check_password("First-pass-Taichung-1")  # saves the upgraded hash
    txg_user.refresh_from_db()
    assert txg_user.password.startswith("pbkdf2_sha256$")
    newest = PasswordHistory.objects.filter(user=txg_user).first()
    assert newest.created_at < timezone.now() - timedelta(days=49)


def test_createsuperuser_writes_the_history(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Break-glass-Keelung-88")
    call_command("createsuperuser", interactive=False, username="break-glass", email="bg@wda.gov.tw", verbosity=0)
    user = get_user_model().objects.get(username="break-glass")
    assert list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)) == [user.password]


# --- the set-password link: single use, limited time ------------------------------------------------


@pytest.fixture
def newcomer(site_tree):
    user = make_member("TW-TXG", "editor", username="txg-newcomer")
    user.set_unusable_password()
    user.save()
    return user


def open_link(client, link):
    """Follow the link as a browser does: the token moves into the session, then the form."""
    response = client.get(link)
    return response, (client.get(response["Location"]) if response.status_code == 302 else response)


def test_the_link_sets_a_password_once_and_records_it(client, newcomer):
    link = password_setup_link(newcomer)
    response, form_page = open_link(client, link)
    assert response.status_code == 302 and "new_password1" in form_page.content.decode()
    done = client.post(response["Location"], {"new_password1": GOOD, "new_password2": GOOD})
    assert done.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.check_password(GOOD)
    assert PasswordHistory.objects.filter(user=newcomer).first().password == newcomer.password

    again_response, again = open_link(client.__class__(), link)
    assert again_response.status_code == 200
    assert "new_password1" not in again.content.decode()


def test_the_link_applies_the_rules(client, newcomer):
    response, _ = open_link(client, password_setup_link(newcomer))
    refused = client.post(response["Location"], {"new_password1": "ji32k7au4a83", "new_password2": "ji32k7au4a83"})
    assert refused.status_code == 200
    assert "常見" in refused.content.decode()
    newcomer.refresh_from_db()
    assert not newcomer.has_usable_password()


class IssuedAt(PasswordResetTokenGenerator):
    """Django's generator, issuing a token as if at ``moment`` (to test the real expiry check)."""

    def __init__(self, moment):
        super().__init__()
        self.moment = moment

    def _now(self):
        return self.moment


def link_issued(user, ago):
    token = IssuedAt(datetime.now() - ago).make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("wagtailadmin_password_reset_confirm", kwargs={"uidb64": uid, "token": token})


def test_the_link_expires_after_password_reset_timeout(client, settings, newcomer):
    timeout = timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    assert timeout == timedelta(days=3)
    still_valid, _ = open_link(client, link_issued(newcomer, timeout - timedelta(minutes=5)))
    assert still_valid.status_code == 302
    expired, page = open_link(client.__class__(), link_issued(newcomer, timeout + timedelta(minutes=5)))
    assert expired.status_code == 200 and "new_password1" not in page.content.decode()


# --- maximum age -----------------------------------------------------------------------------------


def age_password(user, days):
    PasswordHistory.objects.filter(user=user).update(created_at=timezone.now() - timedelta(days=days))


def test_an_expired_password_keeps_the_user_on_the_account_page(client, settings, txg_user):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    age_password(txg_user, 91)
    client.force_login(txg_user)
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_explore_root")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_account")
    page = client.get(reverse("wagtailadmin_account"))
    assert page.status_code == 200 and "您的密碼已使用超過 90 天" in page.content.decode()

    assert change_password(client, txg_user, "First-pass-Taichung-1", "Fresh-pass-Pingtung-5").status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert "您的密碼已使用超過" not in client.get(reverse("wagtailadmin_account")).content.decode()


def test_a_password_within_the_age_is_not_asked_for(client, settings, txg_user):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    age_password(txg_user, 89)
    client.force_login(txg_user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_no_maximum_age_by_default(client, txg_user):
    age_password(txg_user, 1000)
    client.force_login(txg_user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_government_profile_turns_the_maximum_age_on():
    from tests.factories import run_manage

    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.PASSWORD_MAX_AGE_DAYS, settings.TWO_FACTOR_REQUIRED)",
        env_extra={
            "DJANGO_SETTINGS_MODULE": "site45.settings.production",
            "SECRET_KEY": "x7#kQ2!vL9@pR4$wT8^zN1&bM6*cF3(hJ5)dG0_sY2+eU7=aK-Lw3Vq8Zt5Xr1Yp6",
            "ALLOWED_HOSTS": "45plus.wda.gov.tw",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["90", "True"]
