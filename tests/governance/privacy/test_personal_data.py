"""Personal data (個資法), through the real admin views and the real command.

- who sees the personal fields of applications, user profiles and the audit snapshot, in full
  or masked (``personal_data``);
- every view and export of them recorded (who, when, which record, why), in a log only the
  system administrator reads, searches and exports;
- completed and rejected applications anonymised by ``enforce_account_rules`` after
  ``ACCOUNT_APPLICATION_RETENTION_DAYS`` (``--date`` on both sides of the limit), their signed
  PDFs deleted and their audit-log entries scrubbed;
- log titles never carry the applicant's name;
- the public site and the API never show any of it.
"""

import csv
import datetime
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import ModelLogEntry
from wagtail.rich_text import RichText

from site45.governance.accounts import lifecycle_log
from site45.governance.accounts.application_admin import AccountApplicationViewSet
from site45.governance.accounts.applications import UNIT_HALF_FIELDS, AccountApplication
from site45.governance.accounts.filing import PublicApplicationForm, file_application
from site45.governance.accounts.semiannual_audit.audits import open_audit
from site45.governance.privacy.personal_data import (
    ANONYMISED_MARKER,
    APPLICATION_PERSONAL_FIELDS,
    AccessAction,
    PersonalDataAccess,
    Purpose,
    mask_email,
    mask_name,
    mask_phone,
    record_access,
)
from tests.factories import application, make_member, make_page
from tests.factories import application_admin_url as app_url
from tests.hostile_files import pdf_bytes

D = datetime.date
ACCESS_LOG_URL = reverse("personal_data_access_log")

#: Values seeded into applications and user profiles that must never leave the admin.
SEEDED = {
    "user_name": "龔秘密華",
    "user_title": "秘密職稱員",
    "user_phone": "04-2999-8765#321",
    "user_email": "secret.hua@taichung.gov.tw",
    "contact_name": "窗口祕珍",
    "contact_phone": "04-2888-7654",
    "contact_email": "secret.window@taichung.gov.tw",
    "supervisor_name": "主管隱名",
}
PROFILE = {"first_name": "隱藏名", "last_name": "藏", "email": "hidden.profile@wda.gov.tw"}


def rows(**filters):
    return list(PersonalDataAccess.objects.filter(**filters).order_by("pk"))


@pytest.fixture
def manager(site_tree):
    return make_member("br-ccn", "account_manager", account_role="wda_supervisor", username="ccn-manager")


@pytest.fixture
def other_manager(site_tree):
    return make_member("br-kpt", "account_manager", account_role="wda_supervisor", username="kpt-manager")


@pytest.fixture
def admin(site_tree, django_user_model):
    return django_user_model.objects.create_superuser("pd-admin", "pd-admin@wda.gov.tw", "pw-for-tests-only-123")


@pytest.fixture
def auditor(site_tree):
    return make_member("wda-dsted", "account_auditor", account_role="wda_officer", username="hq-auditor")


@pytest.fixture
def app(site_tree):
    """A TW-TXG application (routed to br-ccn) with the seeded values and a signed PDF."""
    return application("TW-TXG", **SEEDED, signed_form=SimpleUploadedFile("form.pdf", pdf_bytes()))


def login(user):
    client = Client()
    client.force_login(user)
    return client


# --- what is personal, and masking ---------------------------------------------------------------


def test_masks():
    assert mask_name("陳小華") == "陳○華"
    assert mask_name("王明") == "王○"
    assert mask_name("") == ""
    assert mask_email("hua@taichung.gov.tw") == "h***@taichung.gov.tw"
    assert mask_phone("04-2228-9111#123") == "**-****-****#123"
    assert ANONYMISED_MARKER == mask_name(ANONYMISED_MARKER)


def test_one_field_list_for_both_halves_of_the_form():
    """The public form and the admin's paper entry are the unit's half of Attachment 1;
    the admin alone adds the system account (``existing_user``)."""
    admin_fields = AccountApplicationViewSet.form_fields
    assert list(PublicApplicationForm._meta.fields) == list(UNIT_HALF_FIELDS)
    assert [f for f in admin_fields if f != "existing_user"] == list(UNIT_HALF_FIELDS)
    assert admin_fields.index("existing_user") == admin_fields.index("account_name") + 1
    # Every personal field is one the unit fills in.
    assert set(APPLICATION_PERSONAL_FIELDS) <= set(UNIT_HALF_FIELDS)


# --- log titles carry no personal data ---------------------------------------------------------------


def test_log_titles_never_hold_the_applicants_name(client, manager, app, mailoutbox):
    # Paper entry through the admin (APPLICATION_FILED and Wagtail's own create entry).
    client.force_login(manager)
    unit = app.unit
    data = {name: getattr(app, name) for name in UNIT_HALF_FIELDS if name not in ("unit", "signed_form")}
    data.update(
        unit=unit.pk,
        account_name="paper-secret",
        application_date="2026-03-02",
        supervisor_approved_on="2026-03-02",
        declaration_agreed="on",
        perm_editor="on",
    )
    response = client.post(app_url("add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    paper = AccountApplication.objects.get(account_name="paper-secret")
    # Online filing (APPLICATION_FILED by nobody).
    form = PublicApplicationForm(
        data={
            **data,
            "account_name": "online-secret",
            "application_date": str(datetime.date.today()),
            "supervisor_approved_on": str(datetime.date.today()),
        }
    )
    assert form.is_valid(), form.errors
    online = file_application(form)
    entries = ModelLogEntry.objects.filter(
        object_id__in=[str(paper.pk), str(online.pk)], content_type__model="accountapplication"
    )
    assert {e.action for e in entries} >= {lifecycle_log.APPLICATION_FILED, "wagtail.create"}
    for entry in entries:
        text = entry.label + json.dumps(entry.data, ensure_ascii=False)
        for value in SEEDED.values():
            assert value not in text, (entry.action, value)
        assert "帳號申請第" in entry.label


# --- who sees, and every view recorded --------------------------------------------------------------


def test_the_routed_manager_sees_in_full_and_each_view_is_recorded(manager, app):
    client = login(manager)
    index = client.get(app_url("index")).content.decode()
    assert mask_name(SEEDED["user_name"]) in index
    for value in SEEDED.values():
        assert value not in index
    assert not rows()  # a list with no personal field is not recorded

    for name, action in (
        ("inspect", AccessAction.VIEW),
        ("edit", AccessAction.EDIT),
        ("print", AccessAction.PRINT),
        ("signed_form", AccessAction.DOWNLOAD),
    ):
        response = client.get(app_url(name, app.pk))
        assert response.status_code == 200, name
        if name != "signed_form":
            page = response.content.decode()
            assert SEEDED["user_email"] in page and SEEDED["contact_phone"] in page, name
        (entry,) = rows(action=action)
        assert (entry.user, entry.username, entry.purpose) == (manager, "ccn-manager", Purpose.REVIEW_APPLICATION)
        assert entry.object_id == str(app.pk) and entry.content_type.model == "accountapplication"
        assert entry.record_count == 1 and entry.timestamp is not None
        assert SEEDED["user_name"] not in entry.object_repr
    assert len(rows()) == 4


def test_others_are_refused_and_nothing_is_recorded(other_manager, app):
    editor = make_member("TW-TXG", "editor", username="txg-editor")
    auditor = make_member("wda-dsted", "account_auditor", account_role="wda_officer", username="auditor-x")
    for user in (other_manager, editor, auditor):
        client = login(user)
        for name in ("inspect", "edit", "print", "signed_form"):
            response = client.get(app_url(name, app.pk))
            assert response.status_code in (302, 403, 404), (user, name)
            body = b"" if response.streaming else response.content
            assert SEEDED["user_name"].encode() not in body
    assert not rows()


def test_the_system_admin_sees_and_is_recorded(admin, app):
    client = login(admin)
    assert SEEDED["user_phone"] in client.get(app_url("inspect", app.pk)).content.decode()
    (entry,) = rows()
    assert entry.user == admin and entry.purpose == Purpose.REVIEW_APPLICATION


def test_user_admin_masks_the_list_and_records_the_edit_page(admin, site_tree):
    person = make_member("TW-TXG", "editor", username="txg-person", **{})
    type(person).objects.filter(pk=person.pk).update(**PROFILE)
    client = login(admin)
    index = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert "txg-person" in index
    assert PROFILE["last_name"] + PROFILE["first_name"] not in index
    assert PROFILE["first_name"] + " " + PROFILE["last_name"] not in index
    assert mask_name(f"{PROFILE['last_name']}{PROFILE['first_name']}") in index  # family name first
    assert not rows()
    edit = client.get(reverse("wagtailusers_users:edit", args=[person.pk]))
    assert edit.status_code == 200 and PROFILE["email"] in edit.content.decode()
    (entry,) = rows()
    assert (entry.user, entry.action, entry.purpose, entry.object_id) == (
        admin,
        AccessAction.EDIT,
        Purpose.ACCOUNT_ADMINISTRATION,
        str(person.pk),
    )


def test_audit_entries_and_exports_are_recorded(auditor, manager, site_tree):
    person = make_member("TW-TXG", "editor", username="audited-person")
    type(person).objects.filter(pk=person.pk).update(**PROFILE)
    audit = open_audit(auditor)
    client = login(auditor)
    page = client.get(reverse("account_audits:entries", args=[audit.pk]), {"q": "audited"})
    assert page.status_code == 200
    (view,) = rows(action=AccessAction.VIEW)
    assert view.purpose == Purpose.ACCOUNT_AUDIT and view.object_id == str(audit.pk)
    assert view.record_count == 1 and "q=audited" in view.criteria

    total = audit.entries.count()
    for fmt in ("csv", "xlsx"):
        response = client.get(reverse(f"account_audits:export_{fmt}", args=[audit.pk]))
        assert response.status_code == 200
    exports = rows(action=AccessAction.EXPORT)
    assert len(exports) == 2  # one entry per export, not one per row
    assert {e.record_count for e in exports} == {total} and {e.criteria for e in exports} == {
        "format=csv",
        "format=xlsx",
    }
    # An account manager is no auditor: refused, nothing recorded.
    count = PersonalDataAccess.objects.count()
    response = login(manager).get(reverse("account_audits:export_csv", args=[audit.pk]))
    assert response.status_code in (302, 403)
    assert PersonalDataAccess.objects.count() == count


def test_account_log_export_is_recorded_once(manager, app):
    lifecycle_log.log_event(app, lifecycle_log.APPLICATION_RECEIVED, by=manager, reason="收件")
    client = login(manager)
    response = client.get(reverse("account_log") + "?export=csv&action=" + lifecycle_log.APPLICATION_RECEIVED)
    assert response.status_code == 200
    (entry,) = rows()
    assert (entry.action, entry.purpose, entry.record_count) == (AccessAction.EXPORT, Purpose.ACCOUNT_RECORD, 1)
    assert lifecycle_log.APPLICATION_RECEIVED in entry.criteria


# --- the access log report ---------------------------------------------------------------------


def _body(response):
    return b"".join(response.streaming_content).decode("utf-8-sig") if response.streaming else response.content.decode()


def test_only_the_system_admin_reads_the_access_log(admin, manager, auditor, app):
    login(manager).get(app_url("inspect", app.pk))
    for user in (manager, auditor, make_member("TW-TXG", "editor")):
        client = login(user)
        assert client.get(ACCESS_LOG_URL).status_code in (302, 403)
        assert client.get(ACCESS_LOG_URL + "?export=csv").status_code in (302, 403)
        assert ACCESS_LOG_URL not in client.get(reverse("wagtailadmin_home")).content.decode()
    anonymous = Client().get(ACCESS_LOG_URL)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]

    client = login(admin)
    assert ACCESS_LOG_URL in client.get(reverse("wagtailadmin_home")).content.decode()
    page = client.get(ACCESS_LOG_URL).content.decode()
    assert "ccn-manager" in page and "審查帳號申請" in page and f"帳號申請第 {app.pk} 號" in page


def test_the_access_log_is_searched_filtered_and_exported(admin, manager, auditor, app):
    login(manager).get(app_url("inspect", app.pk))
    record_access(
        auditor,
        None,
        Purpose.ACCOUNT_AUDIT,
        AccessAction.EXPORT,
        model=AccountApplication,
        count=7,
        criteria='=HYPERLINK("x")',
    )
    client = login(admin)

    def listed(**params):
        page = client.get(reverse("personal_data_access_log_results"), params).content.decode()
        return {name for name in ("ccn-manager", "hq-auditor") if name in page}

    assert listed() == {"ccn-manager", "hq-auditor"}
    assert listed(purpose=Purpose.ACCOUNT_AUDIT) == {"hq-auditor"}
    assert listed(action=AccessAction.VIEW) == {"ccn-manager"}
    assert listed(user=manager.pk) == {"ccn-manager"}
    assert listed(q=f"帳號申請第 {app.pk} 號") == {"ccn-manager"}
    assert listed(timestamp_from="2000-01-01", timestamp_to="2000-01-02") == set()
    assert client.get(ACCESS_LOG_URL, {"purpose": "nonsense", "timestamp_from": "x"}).status_code == 200

    response = client.get(ACCESS_LOG_URL, {"export": "csv", "purpose": Purpose.ACCOUNT_AUDIT})
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(_body(response))))
    assert lines[0][:5] == ["時間", "帳號", "動作", "目的", "資料"]
    assert len(lines) == 2 and lines[1][1] == "hq-auditor" and lines[1][5] == "7"
    assert lines[1][6].startswith("'=")  # never a formula in Excel
    xlsx = client.get(ACCESS_LOG_URL, {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    exports = rows(purpose=Purpose.ACCESS_LOG_REVIEW)
    assert [(e.user, e.action, e.record_count) for e in exports] == [
        (admin, AccessAction.EXPORT, 1),
        (admin, AccessAction.EXPORT, 3),
    ]
    assert "purpose=account_audit" in exports[0].criteria


# --- retention -------------------------------------------------------------------------------------


def run_rules(date, *args):
    out = io.StringIO()
    call_command("enforce_account_rules", "--date", date.isoformat(), *args, stdout=out)
    return out.getvalue()


def _finish(app, status, day):
    fields = {
        "status": status,
        "result": "approved" if status == "completed" else "rejected",
        "reply_date": day,
        "received_date": day,
    }
    if status == "completed":
        fields["completed_date"] = day
    AccountApplication.objects.filter(pk=app.pk).update(**fields)
    app.refresh_from_db()


def _personal_values(app):
    return {f: getattr(app, f) for f in APPLICATION_PERSONAL_FIELDS if f != "signed_form"}


def test_completed_and_rejected_applications_are_anonymised_after_retention(
    settings, app, manager, admin, django_capture_on_commit_callbacks
):
    assert settings.ACCOUNT_APPLICATION_RETENTION_DAYS == 1095
    done_on = D(2026, 3, 10)
    _finish(app, "completed", done_on)
    rejected = application("TW-TXG", **SEEDED, account_name="rejected-one")
    _finish(rejected, "rejected", done_on)
    waiting = application("TW-TXG", **SEEDED, account_name="still-waiting")  # filed: never anonymised
    # An entry written before titles lost the name, with personal data in its data too.
    entry = lifecycle_log.log_event(
        app,
        lifecycle_log.APPLICATION_APPROVED,
        by=manager,
        reason=f"核准，通知 {SEEDED['user_email']}",
        contact=SEEDED["contact_name"],
    )
    ModelLogEntry.objects.filter(pk=entry.pk).update(label=f"{SEEDED['user_name']}（臺中市政府，新增）")
    pdf = app.signed_form.name
    storage = app.signed_form.storage
    assert storage.exists(pdf)

    last_kept = done_on + datetime.timedelta(days=1095)
    out = run_rules(last_kept, "--dry-run")
    assert "帳號申請個資去識別化" not in out
    out = run_rules(last_kept)
    app.refresh_from_db()
    assert app.anonymised_at is None and app.user_name == SEEDED["user_name"] and storage.exists(pdf)

    day_after = last_kept + datetime.timedelta(days=1)
    out = run_rules(day_after, "--dry-run")
    assert out.count("帳號申請個資去識別化") >= 2
    app.refresh_from_db()
    assert app.anonymised_at is None  # a dry run changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        out = run_rules(day_after)
    assert f"帳號申請第 {app.pk} 號" in out and f"帳號申請第 {rejected.pk} 號" in out
    for obj in (app, rejected):
        obj.refresh_from_db()
        assert obj.anonymised_at is not None
        assert set(_personal_values(obj).values()) == {ANONYMISED_MARKER}
        assert not obj.signed_form
        assert obj.account_name and obj.unit.code == "TW-TXG"  # not personal data: kept
    assert not storage.exists(pdf)
    waiting.refresh_from_db()
    assert waiting.anonymised_at is None and waiting.user_name == SEEDED["user_name"]

    scrubbed = ModelLogEntry.objects.filter(
        content_type__model="accountapplication", object_id__in=[str(app.pk), str(rejected.pk)]
    )
    assert scrubbed.exists()
    for log in scrubbed:
        text = log.label + json.dumps(log.data, ensure_ascii=False)
        for value in SEEDED.values():
            assert value not in text
    assert ANONYMISED_MARKER in ModelLogEntry.objects.get(pk=entry.pk).data["reason"]

    (ran,) = rows(purpose=Purpose.RETENTION)
    assert (ran.user, ran.action, ran.record_count) == (None, AccessAction.ANONYMISE, 2)
    assert str(app.pk) in ran.criteria and "1095" in ran.criteria

    # Idempotent: a second run does nothing and records nothing.
    again = run_rules(day_after + datetime.timedelta(days=1))
    assert "帳號申請個資去識別化" not in again
    assert len(rows(purpose=Purpose.RETENTION)) == 1

    # The anonymised record still opens, saying so. (The manager was closed for inactivity by
    # the runs in 2029; the break-glass superuser is exempt.)
    client = login(admin)
    response = client.get(app_url("inspect", app.pk))
    assert response.status_code == 200, response
    page = response.content.decode()
    assert "去識別化" in page and SEEDED["user_name"] not in page
    assert client.get(app_url("signed_form", app.pk)).status_code == 404


def test_retention_follows_the_setting(settings, app):
    settings.ACCOUNT_APPLICATION_RETENTION_DAYS = 10
    _finish(app, "completed", D(2026, 3, 10))
    run_rules(D(2026, 3, 20))
    app.refresh_from_db()
    assert app.anonymised_at is None
    run_rules(D(2026, 3, 21))
    app.refresh_from_db()
    assert app.user_email == ANONYMISED_MARKER


# --- the public site and the API never show them ---------------------------------------------------


@pytest.fixture
def seeded_public(site_tree, app, admin):
    """Applications and user profiles with the seeded values, and public content by those users."""
    author = make_member("TW-TXG", "editor", username="public-author")
    type(author).objects.filter(pk=author.pk).update(**PROFILE)
    author.refresh_from_db()
    type(admin).objects.filter(pk=admin.pk).update(first_name="管理祕名", last_name="龔")
    open_audit(admin)
    page = make_page("event", body=[("paragraph", RichText("<p>中高齡就業博覽會</p>"))], owner=author)
    Image = get_image_model()
    image = Image.objects.create(title="公開圖片", file=get_test_image_file(), uploaded_by_user=author)
    Document = get_document_model()
    document = Document.objects.create(title="公開文件", uploaded_by_user=author)
    document.file.save("public.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return {"page": page, "image": image, "document": document}


def test_public_site_and_api_never_show_personal_data(client, seeded_public):
    secrets = [
        *SEEDED.values(),
        *PROFILE.values(),
        PROFILE["last_name"] + PROFILE["first_name"],
        "管理祕名",
        "pd-admin@wda.gov.tw",
    ]
    secrets = [s for s in secrets if len(s) >= 2]
    page, image, document = seeded_public["page"], seeded_public["image"], seeded_public["document"]
    urls = [
        "/",
        "/en/",
        page.url,
        "/sitemap.xml",
        "/site-map/",
        "/units/",
        "/units/tw-txg/",
        f"/search/?q={SEEDED['user_name']}",
        f"/search/?q={PROFILE['first_name']}",
        "/account-application/",
        "/api/v2/pages/?fields=*",
        "/api/v2/pages/?fields=*&limit=100",
        f"/api/v2/pages/?search={SEEDED['user_name']}",
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/images/?fields=*",
        f"/api/v2/images/{image.pk}/",
        "/api/v2/documents/?fields=*",
        f"/api/v2/documents/{document.pk}/",
    ]
    # Every page the API lists, in detail.
    listing = client.get("/api/v2/pages/", {"limit": 100})
    urls += [f"/api/v2/pages/{item['id']}/" for item in listing.json()["items"]]
    checked = 0
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code in (200, 404), (url, response.status_code)
        body = _body(response)
        if "search" in url:  # the search page repeats the query typed: only the results count
            query = url.split("=", 1)[1]
            body = body.replace(query, "")
        for secret in secrets:
            assert secret not in body, (url, secret)
        checked += response.status_code == 200
    assert checked >= len(urls) - 2
