"""The public filing form for account applications, through real requests.

A contact window of TW-TXG (routed to br-ccn) files at /account-application/; the application
stays UNCONFIRMED — invisible in the admin, even to br-ccn's account manager — until the
link mailed to the contact window is opened (a GET changes nothing) and its button pressed.
Then the manager sees it and gets a mail. Tampered and expired links, the e-mail domain
allow-list, the rate limits and bad input are refused with zh-Hant pages, storing nothing.
"""

import datetime
import re
from unittest import mock

import pytest
from django.core import signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from site45.core.rate_limit import FixedWindowRateLimit, client_address
from site45.governance.accounts import filing, lifecycle_log
from site45.governance.accounts.applications import AccountApplication
from site45.governance.accounts.filing import email_domain_allowed, make_confirm_token, purge_unconfirmed
from site45.governance.accounts.routing import applications_visible_to
from site45.governance.models import Unit
from tests.factories import application_admin_url as admin_url
from tests.factories import file_application_form as file
from tests.factories import filing_form_data as form_data
from tests.factories import make_member
from tests.hostile_files import pdf_bytes
from tests.rate_limits import counted_from_zero

FORM_URL = "/account-application/"
SENT_URL = "/account-application/sent/"
LINK = re.compile(r"http://testserver(/(?:en/)?account-application/confirm/[^/\s]+/)")


fresh_cache = pytest.fixture(autouse=True)(counted_from_zero)


@pytest.fixture
def manager(site_tree):
    user = make_member("br-ccn", "account_manager", account_role="wda_supervisor", username="ccn-manager")
    user.email = "manager@ccn.wda.gov.tw"
    user.save()
    return user


def confirm_link(message):
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def page_of(response):
    return response.content.decode()


# --- the form -----------------------------------------------------------------------------------


def test_the_form_renders_accessibly_in_zh_hant(client, site_tree):
    response = client.get(FORM_URL)
    html = page_of(response)
    assert response.status_code == 200
    assert '<html lang="zh-Hant-TW">' in html
    assert "帳號使用（停用）申請" in html and 'name="csrfmiddlewaretoken"' in html
    assert 'enctype="multipart/form-data"' in html
    # Every visible input has a label; groups are fieldsets with legends.
    for field_id in re.findall(r'<(?:input|select)[^>]+id="(id_[a-z_0-9]+)"', html):
        assert f'for="{field_id}"' in html, field_id
    assert html.count("<fieldset") == 3 and html.count("<legend>") == 3
    assert "帳號異動類型" in html and "使用者帳號角色" in html and "使用者權限" in html
    assert 'autocomplete="section-contact email"' in html and 'autocomplete="section-contact tel"' in html
    assert 'type="email"' in html and 'type="tel"' in html and 'type="date"' in html
    assert 'aria-describedby="id_contact_email_helptext"' in html and 'id="id_contact_email_helptext"' in html
    # No public choice of the existing user; the application date defaults to today.
    assert "existing_user" not in html and 'name="application_date"' in html
    assert f'value="{timezone.localdate().isoformat()}"' in html
    # The units are grouped; the organisation root is not offered.
    assert "<optgroup" in html and "臺中市政府（中高齡業務單位）" in html
    assert f'value="{Unit.objects.get(code="wda").pk}"' not in html
    # Nothing is stored by looking.
    assert not AccountApplication.objects.exists()


def test_the_footer_links_to_the_form(client, site_tree):
    footer = page_of(client.get("/")).split('id="Z"', 1)[1]
    assert f'href="{FORM_URL}"' in footer and "帳號申請（機關承辦人員）" in footer


def test_the_english_form_renders(client, site_tree):
    response = client.get("/en" + FORM_URL)
    assert response.status_code == 200
    assert '<html lang="en">' in page_of(response)


# --- filing, confirming, routing ----------------------------------------------------------------


def test_filing_is_routed_only_after_the_contact_window_confirms(
    client, manager, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    response = file(client, capture)
    assert response.status_code == 302 and response["Location"] == SENT_URL
    sent = client.get(SENT_URL)
    assert sent.status_code == 200 and "請到電子信箱確認申請" in page_of(sent)

    app = AccountApplication.objects.get()
    assert app.status == AccountApplication.UNCONFIRMED and app.filed_online and app.confirmed_at is None
    assert app.application_date == timezone.localdate()
    assert app.reviewing_unit.code == "br-ccn" and app.existing_user is None
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["window@taichung.gov.tw"] and "請確認帳號申請" in mail.subject
    link = confirm_link(mail)
    assert "taichung" not in link  # the address itself never appears in a URL

    # Unconfirmed: the routed manager sees nothing, not even by a crafted URL.
    manager_client = Client()
    manager_client.force_login(manager)
    assert "陳○華" not in page_of(manager_client.get(admin_url("index")))
    assert manager_client.get(admin_url("inspect", app.pk)).status_code in (302, 403, 404)
    assert manager_client.post(admin_url("receive", app.pk)).status_code in (302, 403, 404)
    app.refresh_from_db()
    assert app.status == AccountApplication.UNCONFIRMED
    assert not applications_visible_to(manager).exists()

    # Opening the link (as a mail scanner would) changes nothing.
    opened = client.get(link)
    html = page_of(opened)
    assert opened.status_code == 200 and "確認送出申請" in html and "陳小華" in html
    assert opened["Referrer-Policy"] == "same-origin" and "noindex" in opened["X-Robots-Tag"]
    app.refresh_from_db()
    assert app.status == AccountApplication.UNCONFIRMED and len(mailoutbox) == 1

    # Pressing the button confirms, once.
    with capture(execute=True):
        confirmed = client.post(link)
    assert confirmed.status_code == 200 and "申請已確認送出" in page_of(confirmed)
    app.refresh_from_db()
    assert app.status == AccountApplication.FILED and app.confirmed_at is not None
    assert len(mailoutbox) == 2
    notice = mailoutbox[1]
    assert notice.to == ["manager@ccn.wda.gov.tw"] and "帳號申請待收件" in notice.subject
    assert f"http://testserver{admin_url('inspect', app.pk)}" in notice.body

    assert "陳○華" in page_of(manager_client.get(admin_url("index")))  # listed, masked (personal_data)
    assert manager_client.get(admin_url("inspect", app.pk)).status_code == 200
    manager_client.post(admin_url("receive", app.pk))
    app.refresh_from_db()
    assert app.status == AccountApplication.RECEIVED

    for method in (client.get, client.post):
        again = method(link)
        assert again.status_code == 200 and "這份申請已經確認過了" in page_of(again)
    assert len(mailoutbox) == 2

    entries = ModelLogEntry.objects.filter(object_id=str(app.pk), action__startswith="site45.application_")
    by_action = {entry.action: entry for entry in entries}
    assert set(by_action) >= {lifecycle_log.APPLICATION_FILED, lifecycle_log.APPLICATION_CONFIRMED}
    for action in (lifecycle_log.APPLICATION_FILED, lifecycle_log.APPLICATION_CONFIRMED):
        assert by_action[action].user is None
    assert "線上申請" in by_action[lifecycle_log.APPLICATION_FILED].data["reason"]
    assert "確認" in by_action[lifecycle_log.APPLICATION_CONFIRMED].data["reason"]


def test_without_an_account_manager_the_system_administrators_are_told(
    client, site_tree, mailoutbox, django_capture_on_commit_callbacks, django_user_model
):
    admin = django_user_model.objects.create_superuser("filing-admin", "admin@wda.gov.tw", "pw-for-tests-only-123")
    file(client, django_capture_on_commit_callbacks)
    link = confirm_link(mailoutbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    assert [m.to for m in mailoutbox[1:]] == [[admin.email]]


def test_the_english_form_files_and_mails_an_english_link(
    client, site_tree, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en" + FORM_URL, form_data())
    assert response.status_code == 302 and response["Location"] == "/en" + SENT_URL
    assert confirm_link(mailoutbox[0]).startswith("/en/account-application/confirm/")
    assert client.get("/en" + SENT_URL).status_code == 200


def test_a_mail_failure_never_breaks_the_request(client, manager, mailoutbox, django_capture_on_commit_callbacks):
    with mock.patch("site45.core.mail.send_mail", side_effect=OSError("smtp down")):
        response = file(client, django_capture_on_commit_callbacks)
        assert response.status_code == 302
        app = AccountApplication.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            confirmed = client.post(f"/account-application/confirm/{make_confirm_token(app)}/")
        assert confirmed.status_code == 200
    app.refresh_from_db()
    assert app.status == AccountApplication.FILED


# --- the link -------------------------------------------------------------------------------------


@pytest.fixture
def filed(client, site_tree, mailoutbox, django_capture_on_commit_callbacks):
    file(client, django_capture_on_commit_callbacks)
    return AccountApplication.objects.get(), confirm_link(mailoutbox[0])


def test_a_tampered_link_gets_a_clear_400(client, filed):
    app, link = filed
    token = link.rstrip("/").rsplit("/", 1)[1]
    other_pk = signing.TimestampSigner(salt=filing.CONFIRM_SALT).sign(
        f"{app.pk + 1}.{token.split(':')[0].split('.')[1]}"
    )
    wrong_salt = signing.TimestampSigner(salt="something-else").sign(token.split(":")[0])
    for bad in (
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        "garbage",
        "x" * 500,
        other_pk,
        wrong_salt,
        token.replace(f"{app.pk}.", f"{app.pk + 1}.", 1),
    ):
        for method in (client.get, client.post):
            response = method(f"/account-application/confirm/{bad}/")
            assert response.status_code == 400, bad
            assert "確認連結無效" in page_of(response)
    app.refresh_from_db()
    assert app.status == AccountApplication.UNCONFIRMED


def test_a_link_for_a_changed_contact_address_is_invalid(client, filed):
    app, link = filed
    AccountApplication.objects.filter(pk=app.pk).update(contact_email="someone-else@taichung.gov.tw")
    assert client.get(link).status_code == 400


def expired_token(app, hours):
    past = signing.b62_encode(int(datetime.datetime.now().timestamp()) - hours * 3600 - 60)
    with mock.patch.object(signing.TimestampSigner, "timestamp", lambda self: past):
        return make_confirm_token(app)


def test_an_expired_link_gets_a_clear_410_and_confirms_nothing(client, filed, settings):
    app, _link = filed
    token = expired_token(app, 48)
    for method in (client.get, client.post):
        response = method(f"/account-application/confirm/{token}/")
        assert response.status_code == 410 and "確認連結已逾期" in page_of(response)
    app.refresh_from_db()
    assert app.status == AccountApplication.UNCONFIRMED

    # The validity is a setting: the same link is still good with 72 hours.
    settings.ACCOUNT_APPLICATION_CONFIRM_HOURS = 72
    assert client.get(f"/account-application/confirm/{token}/").status_code == 200
    settings.ACCOUNT_APPLICATION_CONFIRM_HOURS = 1
    assert client.get(f"/account-application/confirm/{make_confirm_token(app)}/").status_code == 200
    assert client.get(f"/account-application/confirm/{expired_token(app, 1)}/").status_code == 410


def test_an_expired_link_of_a_confirmed_application_says_it_was_confirmed(
    client, filed, django_capture_on_commit_callbacks
):
    app, link = filed
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    response = client.get(f"/account-application/confirm/{expired_token(app, 48)}/")
    assert response.status_code == 200 and "這份申請已經確認過了" in page_of(response)


def test_purge_unconfirmed_deletes_only_expired_unconfirmed_applications(
    client, filed, django_capture_on_commit_callbacks, settings, tmp_path, mailoutbox
):
    settings.MEDIA_ROOT = tmp_path
    old, _link = filed
    pdf = SimpleUploadedFile("form.pdf", pdf_bytes(), content_type="application/pdf")
    file(client, django_capture_on_commit_callbacks, form_data(account_name="second-user", signed_form=pdf))
    confirmed_old = AccountApplication.objects.get(account_name="second-user")
    stored = tmp_path / confirmed_old.signed_form.name
    assert stored.exists()
    file(client, django_capture_on_commit_callbacks, form_data(account_name="third-user"))
    fresh = AccountApplication.objects.get(account_name="third-user")
    confirmed_old_link = confirm_link(mailoutbox[1])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirmed_old_link)
    long_ago = timezone.now() - datetime.timedelta(hours=49)
    AccountApplication.objects.filter(pk__in=[old.pk, confirmed_old.pk]).update(created_at=long_ago)
    # An unconfirmed one with a file, too.
    unconfirmed_with_file = AccountApplication.objects.get(pk=confirmed_old.pk)
    AccountApplication.objects.filter(pk=unconfirmed_with_file.pk).update(status=AccountApplication.UNCONFIRMED)

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_unconfirmed() == 2
    assert set(AccountApplication.objects.values_list("pk", flat=True)) == {fresh.pk}
    assert not stored.exists()
    assert purge_unconfirmed(now=timezone.now() + datetime.timedelta(hours=49)) == 1


# --- the e-mail domains ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email, allowed",
    [
        ("x@gov.tw", True),
        ("x@wda.gov.tw", True),
        ("x@mail.wda.gov.tw", True),
        ("X@SUB.GOV.TW", True),
        ("x@gov.tw.", True),
        ("x@evilgov.tw", False),
        ("x@gov.tw.example.com", False),
        ("x@example.com", False),
        ("x@gov.tw@example.com", False),
        ("x@ｇｏｖ.tw.example.com", False),
        ("x@", False),
        ("", False),
    ],
)
def test_email_domain_allowed(email, allowed):
    assert email_domain_allowed(email, ["gov.tw"]) is allowed


def test_the_domain_list_is_a_setting(client, site_tree, settings, django_capture_on_commit_callbacks):
    settings.ACCOUNT_APPLICATION_EMAIL_DOMAINS = ["gov.tw", "example.org"]
    assert email_domain_allowed("x@mail.example.org") and not email_domain_allowed("x@example.com")
    response = file(
        client,
        django_capture_on_commit_callbacks,
        form_data(contact_email="w@mail.example.org", user_email="u@example.org"),
    )
    assert response.status_code == 302
    assert "example.org" in page_of(client.get(FORM_URL))  # the help text names the domains


@pytest.mark.parametrize("field", ["contact_email", "user_email"])
@pytest.mark.parametrize("email", ["someone@evilgov.tw", "someone@gov.tw.example.com", "someone@gmail.com"])
def test_the_form_refuses_addresses_off_the_list(
    client, site_tree, mailoutbox, field, email, django_capture_on_commit_callbacks
):
    response = file(client, django_capture_on_commit_callbacks, form_data(**{field: email}))
    assert response.status_code == 200
    assert "須為 gov.tw 網域的公務電子信箱" in page_of(response)
    assert not AccountApplication.objects.exists() and not mailoutbox


@pytest.mark.parametrize("email", ["Window@Taichung.GOV.TW", "window@sub.gov.tw"])
def test_the_form_accepts_addresses_on_the_list(
    client, site_tree, mailoutbox, email, django_capture_on_commit_callbacks
):
    assert file(client, django_capture_on_commit_callbacks, form_data(contact_email=email)).status_code == 302
    app = AccountApplication.objects.get()
    assert app.contact_email == email.split("@")[0] + "@" + email.split("@")[1].lower()
    assert mailoutbox[0].to == [app.contact_email]


# --- rate limits ---------------------------------------------------------------------------------


def test_the_form_is_rate_limited_per_address(
    client, site_tree, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_APPLICATION_RATE_LIMIT = 3
    capture = django_capture_on_commit_callbacks
    assert file(client, capture, form_data(account_name="user-a")).status_code == 302
    assert file(client, capture, form_data(user_name="")).status_code == 200  # bad input counts too
    assert file(client, capture, form_data(account_name="user-b")).status_code == 302
    over = file(client, capture, form_data(account_name="user-c"))
    assert over.status_code == 429 and "送出次數過多" in page_of(over)
    assert int(over["Retry-After"]) > 0
    assert AccountApplication.objects.count() == 2 and len(mailoutbox) == 2
    # A forged X-Forwarded-For does not get round it; another address is not affected.
    assert file(client, capture, form_data(account_name="user-d"), HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429
    assert file(client, capture, form_data(account_name="user-e"), REMOTE_ADDR="192.0.2.7").status_code == 302
    # Looking at the form is never limited.
    assert client.get(FORM_URL).status_code == 200


def test_behind_a_trusted_proxy_the_forwarded_address_counts(
    client, site_tree, settings, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_APPLICATION_RATE_LIMIT = 1
    settings.RATE_LIMIT_TRUSTED_PROXIES = 1
    capture = django_capture_on_commit_callbacks
    first = form_data(account_name="proxy-a")
    assert file(client, capture, first, HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.1").status_code == 302
    assert (
        file(
            client, capture, form_data(account_name="proxy-b"), HTTP_X_FORWARDED_FOR="2.2.2.2, 198.51.100.1"
        ).status_code
        == 429
    )
    assert (
        file(client, capture, form_data(account_name="proxy-c"), HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302
    )


def test_filings_are_rate_limited_per_contact_address(
    client, site_tree, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_APPLICATION_EMAIL_RATE_LIMIT = 2
    capture = django_capture_on_commit_callbacks
    for n in range(2):
        assert file(client, capture, form_data(account_name=f"mail-{n}"), REMOTE_ADDR=f"192.0.2.{n}").status_code == 302
    over = file(
        client,
        capture,
        form_data(account_name="mail-2", contact_email="WINDOW@taichung.gov.tw"),
        REMOTE_ADDR="192.0.2.99",
    )
    assert over.status_code == 429
    assert AccountApplication.objects.count() == 2 and len(mailoutbox) == 2


@pytest.mark.parametrize(
    "spelling, mailbox",
    [
        ("window@taichung.gov.tw", "window@taichung.gov.tw"),
        ("WINDOW@Taichung.GOV.tw", "window@taichung.gov.tw"),
        ('"window"@taichung.gov.tw', "window@taichung.gov.tw"),
        ('"Window+x"@taichung.gov.tw', "window@taichung.gov.tw"),
        ("window+x@taichung.gov.tw", "window@taichung.gov.tw"),
        ("window+a+b@taichung.gov.tw", "window@taichung.gov.tw"),
        (" window+@taichung.gov.tw ", "window@taichung.gov.tw"),
        ("ｗｉｎｄｏｗ@taichung.gov.tw", "window@taichung.gov.tw"),  # full-width letters (NFKC)
        ("+tag@taichung.gov.tw", "+tag@taichung.gov.tw"),  # no mailbox before the tag: kept whole
        ("window@sub.taichung.gov.tw", "window@sub.taichung.gov.tw"),  # another domain, another mailbox
        ("win.dow@taichung.gov.tw", "win.dow@taichung.gov.tw"),  # dots are not dropped (not Gmail)
    ],
)
def test_mailbox_key_is_one_spelling_per_mailbox(spelling, mailbox):
    assert filing.mailbox_key(spelling) == mailbox


def test_the_per_email_limit_counts_the_mailbox_not_its_spelling(
    client, site_tree, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """``"name"@`` and ``name+x@`` were each a fresh quota. Limit 3: the 3rd
    filing of the mailbox, whatever its spelling, is accepted; the 4th is refused."""
    settings.ACCOUNT_APPLICATION_EMAIL_RATE_LIMIT = 3
    capture = django_capture_on_commit_callbacks
    spellings = ["window@taichung.gov.tw", '"window"@taichung.gov.tw', "Window+x@taichung.gov.tw"]
    for n, address in enumerate(spellings):
        response = file(
            client, capture, form_data(account_name=f"mbox-{n}", contact_email=address), REMOTE_ADDR=f"192.0.2.{10 + n}"
        )
        assert response.status_code == 302, page_of(response)[:300]
    for n, address in enumerate(['"WINDOW+y"@taichung.gov.tw', "window+z@TAICHUNG.gov.tw"]):
        over = file(
            client,
            capture,
            form_data(account_name=f"mbox-over-{n}", contact_email=address),
            REMOTE_ADDR=f"192.0.2.{20 + n}",
        )
        assert over.status_code == 429 and "送出次數過多" in page_of(over)
    assert AccountApplication.objects.count() == 3 and len(mailoutbox) == 3
    # Another mailbox at the same domain still has its own quota.
    assert (
        file(
            client,
            capture,
            form_data(account_name="mbox-other", contact_email="other+x@taichung.gov.tw"),
            REMOTE_ADDR="192.0.2.30",
        ).status_code
        == 302
    )


def test_fixed_window_rate_limit():
    limit = FixedWindowRateLimit("unit-test", 2, 60)
    assert limit.hit("a", now=1000) and limit.hit("a", now=1001)
    assert not limit.hit("a", now=1002) and limit.is_limited("a", now=1002)
    assert limit.hit("b", now=1002)
    assert limit.hit("a", now=1020)  # the next window
    assert 0 < limit.retry_after(now=1002) <= 60
    assert not FixedWindowRateLimit("unit-test-zero", 0, 60).hit("a")


@pytest.mark.parametrize(
    "meta, expected",
    [
        ({"REMOTE_ADDR": "192.0.2.1"}, "192.0.2.1"),
        ({"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "10.0.0.1"}, "192.0.2.1"),
        ({"REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"}, "2001:db8:1:2::/64"),
        ({"REMOTE_ADDR": "::ffff:192.0.2.1"}, "192.0.2.1"),
        ({}, "unknown"),
    ],
)
def test_client_address(rf, meta, expected):
    request = rf.get("/")
    request.META.pop("REMOTE_ADDR", None)
    request.META.update(meta)
    assert client_address(request) == expected


# --- bad input -------------------------------------------------------------------------------------


def inactive_unit():
    unit = Unit.objects.get(code="TW-KHH-desk-1")
    Unit.objects.filter(pk=unit.pk).update(is_active=False)
    return unit


def not_a_pdf():
    return SimpleUploadedFile("form.pdf", b"GIF89a definitely not a pdf", content_type="application/pdf")


BAD_INPUT = {
    "missing everything": (
        None,
        [
            "請選擇「申請單位」",
            "請填寫「指定聯繫窗口姓名」",
            "請選擇「帳號異動類型」",
            "請選擇「使用者帳號角色」",
            "請填寫「單位主管核定日期」",
        ],
    ),
    "too long": ({"user_name": "陳" * 101}, ["「使用者姓名」最多 100 個字"]),
    "control character": ({"contact_name": "林\x07窗口"}, ["含有無法接受的控制字元"]),
    "bidi override": ({"user_title": "科員\u202e"}, ["含有無法接受的控制字元"]),
    "null character": ({"supervisor_name": "王\x00科長"}, []),
    "not a pdf": ({"signed_form": not_a_pdf}, ["簽核申請表須為 PDF 檔案。"]),
    "impossible date": ({"supervisor_approved_on": "2026-02-30"}, ["不是有效的日期"]),
    "not a date": ({"supervisor_approved_on": "yesterday"}, ["不是有效的日期"]),
    "future date": ({"supervisor_approved_on": "2999-01-01"}, ["單位主管核定日期不能晚於今天。"]),
    "date before the application": ({"supervisor_approved_on": "2000-01-01"}, ["單位主管核定日期不能早於申請日期。"]),
    "future application date": ({"application_date": "2999-01-01"}, ["申請日期不能晚於今天。"]),
    "old application date": (
        {"application_date": "2000-01-01", "supervisor_approved_on": "2000-01-02"},
        ["申請日期不能早於 30 天前"],
    ),
    "no application date": ({"application_date": ""}, ["請填寫「申請日期」"]),
    "unknown unit": ({"unit": "999999"}, ["請從清單中選擇申請單位。"]),
    "unit not a number": ({"unit": "TW-TXG"}, ["請從清單中選擇申請單位。"]),
    "unit id out of range": ({"unit": "9" * 30}, ["請從清單中選擇申請單位。"]),
    "an inactive unit": ({"unit": lambda: inactive_unit().pk}, ["請從清單中選擇申請單位。"]),
    "the organisation root": ({"unit": lambda: Unit.objects.get(code="wda").pk}, ["請從清單中選擇申請單位。"]),
    "name with spaces": ({"account_name": "陳 小華"}, ["帳號名稱只能使用英文字母、數字"]),
    "new without a name": ({"account_name": ""}, ["請填寫帳號名稱：新增時填申請的帳號名稱"]),
    "other without text": ({"account_role": "other"}, ["選擇「其他」時，請說明使用者帳號角色。"]),
    "text without other": ({"account_role_other": "志工"}, ["只有選擇「其他」時才需要說明。"]),
    "unknown change type": ({"change_type": "delete"}, ["請選擇帳號異動類型。"]),
    "unknown role": ({"account_role": "king"}, ["請選擇使用者帳號角色。"]),
    "no permission": ({"perm_editor": None}, ["請至少勾選一項使用者權限。"]),
    "opener at a county": ({"perm_account_opener": "on"}, ["所選的申請單位不能設置「帳號開通人員」。"]),
    "no declaration": ({"declaration_agreed": None}, ["使用者須同意遵守個人資料保密"]),
    "bad phone": ({"contact_phone": "call me"}, ["請填寫電話號碼"]),
    "bad email": ({"user_email": "not-an-address"}, ["「使用者電子信箱」不是有效的電子信箱。"]),
    "restore without a name": ({"change_type": "restore", "account_name": ""}, ["恢復使用或停止使用時填原帳號"]),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_is_refused_with_zh_hant_messages(
    client, site_tree, mailoutbox, case, django_capture_on_commit_callbacks
):
    make_member("TW-TXG", username="taken-user")
    changes, messages = BAD_INPUT[case]
    data = {} if changes is None else form_data(**{k: (v() if callable(v) else v) for k, v in changes.items()})
    response = file(client, django_capture_on_commit_callbacks, data)
    html = page_of(response)
    assert response.status_code == 200, html[:500]
    for message in messages:
        assert message in html, (message, re.findall(r'class="field-error"[^>]*>([^<]+)', html))
    assert "錯誤：" in html.split("</title>")[0]
    assert 'class="error-summary"' in html and 'href="#id_' in html
    assert not AccountApplication.objects.exists() and not mailoutbox


def test_error_messages_are_tied_to_their_fields(client, site_tree, django_capture_on_commit_callbacks):
    html = page_of(file(client, django_capture_on_commit_callbacks, form_data(user_name="", change_type="")))
    assert 'aria-invalid="true"' in html
    assert re.search(r'<input[^>]+aria-describedby="id_user_name_error"', html)
    assert 'id="id_user_name_error"' in html and 'href="#id_user_name"' in html
    assert 'href="#id_change_type_0"' in html  # a radio group's link goes to its first choice
    assert 'value="陳小華"' not in html and 'value="林窗口"' in html  # what was typed is kept


# --- the account name: the same answer whether it exists or not -----------------


def _answer(response):
    """What the filer is shown: the status, where it leads, and the page it leads to."""
    return response.status_code, response.get("Location")


def test_the_answer_is_the_same_whether_the_account_name_exists_or_not(
    client, site_tree, django_capture_on_commit_callbacks, django_user_model
):
    """A new account's name that is taken, or a restore/suspend (停用) naming an account of another
    unit, a superuser without a unit or nobody, is filed like any other: the filer is sent to
    「請查收確認信」 and the page says nothing about accounts. Before: 「帳號名稱…已有人使用」 and
    「無法…找到」 told a stranger which names exist."""
    officer = make_member("TW-TXG", username="txg-officer")
    make_member("TW-KHH", username="khh-officer")
    django_user_model.objects.create_superuser("no-unit-admin", "a@wda.gov.tw", "pw-for-tests-only-123")
    capture = django_capture_on_commit_callbacks

    answers = {}
    cases = [("new", "free-name"), ("new", "TXG-Officer"), ("new", "no-unit-admin"), ("new", "khh-officer")]
    cases += [
        (change, name)
        for change in ("restore", "suspend")
        for name in ("txg-officer", "khh-officer", "nobody-at-all", "no-unit-admin")
    ]
    for n, (change, name) in enumerate(cases):
        response = file(
            client,
            capture,
            form_data(change_type=change, account_name=name, contact_email=f"window{n}@taichung.gov.tw"),
            REMOTE_ADDR=f"192.0.2.{100 + n}",
        )
        answers[(change, name)] = _answer(response)
        followed = page_of(client.get(response["Location"]))
        for said in ("已有人使用", "找不到", "找到", "不屬於", "原帳號「"):
            assert said not in followed
    assert set(answers.values()) == {(302, SENT_URL)}, answers
    assert AccountApplication.objects.count() == len(cases)

    # Only an account of the chosen unit is remembered; nothing foreign is attached.
    for app in AccountApplication.objects.exclude(change_type="new"):
        expected = officer if app.account_name == "txg-officer" else None
        assert app.existing_user == expected, app.account_name


def test_the_account_manager_sees_the_clash_at_review(client, site_tree, manager, django_capture_on_commit_callbacks):
    """What the filer is not told, the reviewing unit's account manager is, on the review page."""
    make_member("TW-KHH", username="khh-officer")
    capture = django_capture_on_commit_callbacks
    filed = {}
    for n, (change, name) in enumerate([("new", "khh-officer"), ("suspend", "nobody-at-all"), ("new", "fresh-name")]):
        file(
            client,
            capture,
            form_data(change_type=change, account_name=name, contact_email=f"w{n}@taichung.gov.tw"),
            REMOTE_ADDR=f"192.0.2.{150 + n}",
        )
        app = AccountApplication.objects.get(account_name=name)
        filing.confirm_application(app.pk)
        filed[name] = app.pk
    reviewer = Client()
    reviewer.force_login(manager)
    taken = page_of(reviewer.get(admin_url("inspect", filed["khh-officer"])))
    assert "帳號名稱「khh-officer」已有人使用" in taken
    missing = page_of(reviewer.get(admin_url("inspect", filed["nobody-at-all"])))
    assert "找不到原帳號「nobody-at-all」" in missing
    fresh = page_of(reviewer.get(admin_url("inspect", filed["fresh-name"])))
    assert "已有人使用" not in fresh and "找不到原帳號" not in fresh and "帳號名稱待確認" not in fresh


# --- restore and suspend: nothing told about other units -------------------------------------------


def test_without_a_unit_nothing_is_said_about_the_account_name(client, site_tree, django_capture_on_commit_callbacks):
    make_member("TW-KHH", username="khh-officer")
    capture = django_capture_on_commit_callbacks
    for name in ("khh-officer", "nobody-at-all"):
        html = page_of(file(client, capture, form_data(unit="", change_type="restore", account_name=name)))
        cache.clear()
        assert "原帳號" not in "".join(re.findall(r'class="field-error"[^>]*>([^<]+)', html))


# --- CSRF and routing -------------------------------------------------------------------------------


def test_csrf_is_enforced_and_works(site_tree, django_capture_on_commit_callbacks):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(FORM_URL, form_data()).status_code == 403
    html = page_of(browser.get(FORM_URL))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(FORM_URL, {**form_data(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    app = AccountApplication.objects.get()
    link = f"/account-application/confirm/{make_confirm_token(app)}/"
    assert browser.post(link).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page_of(browser.get(link))).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        assert browser.post(link, {"csrfmiddlewaretoken": token}).status_code == 200
    app.refresh_from_db()
    assert app.status == AccountApplication.FILED


def test_nobody_sees_an_unconfirmed_application(site_tree, django_user_model):
    unit = Unit.objects.get(code="TW-TXG")
    app = AccountApplication.objects.create(
        unit=unit,
        contact_name="x",
        contact_phone="04-1234567",
        contact_email="x@gov.tw",
        change_type="new",
        account_name="someone",
        account_role="county_officer",
        perm_editor=True,
        user_name="未確認者",
        user_title="x",
        user_phone="04-1234567",
        user_email="y@gov.tw",
        declaration_agreed=True,
        supervisor_name="x",
        supervisor_approved_on=timezone.localdate(),
        status=AccountApplication.UNCONFIRMED,
    )
    admin = django_user_model.objects.create_superuser("vis-admin", "v@wda.gov.tw", "pw-for-tests-only-123")
    manager = make_member("br-ccn", "account_manager", account_role="wda_supervisor")
    for user in (admin, manager):
        assert not applications_visible_to(user).filter(pk=app.pk).exists()
    AccountApplication.objects.filter(pk=app.pk).update(status=AccountApplication.FILED)
    for user in (admin, manager):
        assert applications_visible_to(user).filter(pk=app.pk).exists()


def test_only_get_and_post(client, site_tree):
    assert client.put(FORM_URL).status_code == 405
    assert client.post(SENT_URL).status_code == 405


def test_a_form_dated_and_approved_days_ago_can_be_filed(client, manager, django_capture_on_commit_callbacks):
    """The paper form was dated and approved before the contact window files it online."""
    import datetime

    days_ago = lambda n: (timezone.localdate() - datetime.timedelta(days=n)).isoformat()  # noqa: E731
    response = file(
        client,
        django_capture_on_commit_callbacks,
        form_data(application_date=days_ago(5), supervisor_approved_on=days_ago(3)),
    )
    assert response.status_code == 302, page_of(response)[:3000]
    app = AccountApplication.objects.get()
    assert app.application_date.isoformat() == days_ago(5) and app.supervisor_approved_on.isoformat() == days_ago(3)
