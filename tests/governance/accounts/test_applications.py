"""Account applications: the 帳號使用(停用)申請表 record, its routing
(SPEC §6) and the 「帳號申請」 admin, scoped to the account manager it is routed to.

Routing is checked for every unit of org-units.csv; the admin through real requests as the
br-ccn account manager (TW-TXG is in its jurisdiction, TW-KHH is br-kpt's), the hq_special
account manager, the system administrator and an editor, crafted URLs included.
"""

import csv
import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from site45.governance.accounts.applications import AccountApplication
from site45.governance.accounts.jurisdiction import reviewing_unit_for, route_application, units_routed_to
from site45.governance.accounts.routing import applications_visible_to
from site45.governance.calendar.seed import seed_calendar
from site45.governance.models import Unit
from site45.governance.org.matrix import MATRIX_CSV
from site45.governance.privacy.personal_data import mask_name
from tests.factories import application, make_member
from tests.factories import application_admin_url as url
from tests.factories import paper_application_form as add_form
from tests.hostile_files import pdf_bytes

D = datetime.date
HQ_ROUTED_TYPES = {"hq_special", "hq_division", "branch"}


def errors_of(app):
    with pytest.raises(ValidationError) as info:
        app.full_clean()
    return {field: [str(m) for m in messages] for field, messages in info.value.message_dict.items()}


# --- the record -------------------------------------------------------------------------------


def test_every_field_of_attachment_1_exists_with_the_forms_wording(db):
    labels = {f.name: str(f.verbose_name) for f in AccountApplication._meta.get_fields() if hasattr(f, "verbose_name")}
    for wording in (
        "申請日期",
        "申請單位",
        "指定聯繫窗口姓名",
        "指定聯繫窗口電話",
        "指定聯繫窗口電子信箱",
        "帳號異動類型",
        "使用者帳號角色",
        "其他（請說明）",
        "帳號開通人員",
        "審稿人員",
        "承辦(上稿)人員",
        "使用者姓名",
        "使用者職稱",
        "使用者電話",
        "使用者電子信箱",
        "審查單位",
        "收件日期",
        "處理結果",
        "審查人員",
        "回覆日期",
        "完成日期",
    ):
        assert wording in labels.values(), wording
    assert "遵守個人資料保密" in labels["declaration_agreed"]
    assert "核定" in labels["supervisor_name"] and "核定" in labels["supervisor_approved_on"]
    assert dict(AccountApplication.CHANGE_TYPE_CHOICES) == {"new": "新增", "restore": "恢復使用", "suspend": "停止使用"}
    assert len(AccountApplication._meta.get_field("account_role").choices) == 8


def test_a_valid_application_is_routed_when_saved(db):
    app = application("TW-TXG")
    assert app.reviewing_unit.code == "br-ccn"
    assert app.status == AccountApplication.FILED and app.result == AccountApplication.PENDING
    assert app.deadline is None


def test_validation_messages(db):
    existing = make_member("TW-TXG", username="txg-officer")
    other_unit = make_member("TW-KHH", username="khh-officer")

    assert errors_of(application("TW-TXG", save=False, account_name=""))["account_name"] == [
        "新增帳號時，請填寫帳號名稱。"
    ]
    assert "已有人使用" in errors_of(application("TW-TXG", save=False, account_name="TXG-Officer"))["account_name"][0]
    assert errors_of(application("TW-TXG", save=False, perm_editor=False))["perm_editor"] == [
        "請至少勾選一項使用者權限。"
    ]
    for change in (AccountApplication.RESTORE, AccountApplication.SUSPEND):
        assert errors_of(application("TW-TXG", save=False, change_type=change, account_name=""))["account_name"] == [
            "恢復使用或停止使用帳號時，請填寫原帳號。"
        ]
        assert (
            "找不到原帳號"
            in errors_of(application("TW-TXG", save=False, change_type=change, account_name="nobody"))["account_name"][
                0
            ]
        )
    assert errors_of(
        application("TW-TXG", save=False, change_type=AccountApplication.SUSPEND, account_name="khh-officer")
    )["existing_user"] == ["原帳號不屬於申請單位。"]
    assert errors_of(application("TW-TXG", save=False, account_role="other"))["account_role_other"] == [
        "選擇「其他」時，請說明使用者帳號角色。"
    ]
    assert errors_of(application("TW-TXG", save=False, declaration_agreed=False))["declaration_agreed"] == [
        "使用者須同意遵守個人資料保密、專業倫理及本系統帳號申請及使用規定。"
    ]
    assert "單位主管核定" in errors_of(application("TW-TXG", save=False, supervisor_name=" "))["supervisor_name"][0]

    # A suspension by account name finds the user; one by user fills in the name.
    by_name = application(
        "TW-TXG", change_type=AccountApplication.SUSPEND, account_name="txg-officer", perm_editor=False
    )
    assert by_name.existing_user == existing
    by_user = application("TW-TXG", change_type=AccountApplication.RESTORE, account_name="", existing_user=existing)
    assert by_user.account_name == "txg-officer"
    assert other_unit.membership.unit.code == "TW-KHH"


@pytest.mark.parametrize("content, name", [(b"GIF89a not a pdf", "form.pdf"), (b"%PDF-1.4 fake", "form.exe")])
def test_the_signed_form_must_be_a_pdf(db, settings, tmp_path, content, name):
    settings.MEDIA_ROOT = tmp_path
    app = application("TW-TXG", save=False, signed_form=SimpleUploadedFile(name, content))
    assert "signed_form" in errors_of(app)


def test_a_real_pdf_is_stored_under_a_random_name(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    app = application("TW-TXG", signed_form=SimpleUploadedFile("陳小華申請表.pdf", pdf_bytes()))
    assert app.signed_form.name.startswith("account_applications/") and "陳小華" not in app.signed_form.name


# --- routing ----------------------------------------------------------------------------------


def org_units():
    with open(MATRIX_CSV.parent / "org-units.csv", encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if row["unit_type"] != "root"]


@pytest.mark.parametrize("row", org_units(), ids=lambda row: row["code"])
def test_routing_of_every_unit(db, row):
    unit = Unit.objects.get(code=row["code"])
    expected = "wda-dsted" if row["unit_type"] in HQ_ROUTED_TYPES else row["jurisdiction_branch"]
    assert reviewing_unit_for(unit).code == expected
    app = application(row["code"], save=False)
    assert route_application(app).code == expected
    assert units_routed_to(reviewing_unit_for(unit)).filter(pk=unit.pk).exists()


def test_every_unit_is_routed_to_exactly_one_manager_unit(db):
    reviewing = Unit.objects.filter(code__in=["wda-dsted", "br-north", "br-tcm", "br-ccn", "br-ycn", "br-kpt"])
    covered = [u.pk for r in reviewing for u in units_routed_to(r)]
    assert len(covered) == len(set(covered)) == Unit.objects.publishing().count()


def test_visibility_by_role(db):
    txg, khh, ccn = application("TW-TXG"), application("TW-KHH"), application("br-ccn")
    ccn_manager = make_member("br-ccn", "account_manager", account_role="wda_supervisor")
    hq_manager = make_member("wda-dsted", "account_manager", account_role="wda_supervisor")
    admin = make_member("wda-dsted", "system_admin", account_role="wda_supervisor")
    editor = make_member("TW-TXG")
    assert set(applications_visible_to(ccn_manager)) == {txg}
    assert set(applications_visible_to(hq_manager)) == {ccn}
    assert set(applications_visible_to(admin)) == {txg, khh, ccn}
    assert not applications_visible_to(editor).exists()
    ccn_manager.is_active = False
    assert not applications_visible_to(ccn_manager).exists()


# --- the deadline -----------------------------------------------------------------------------


def test_deadline_across_a_weekend_and_the_lunar_new_year(db):
    seed_calendar([2026])
    app = application("TW-TXG")
    app.received_date = D(2026, 1, 8)  # Thursday: Fri 9, Mon 12–Thu 15
    assert app.deadline == D(2026, 1, 15)
    app.received_date = D(2026, 2, 13)  # 春節 2/14–2/22, 和平紀念日 observed Fri 2/27
    assert app.deadline == D(2026, 3, 2)
    app.status = AccountApplication.RECEIVED
    app.save()
    assert not app.is_overdue(today=D(2026, 3, 2))
    assert app.is_overdue(today=D(2026, 3, 3))


def test_overdue_on_both_sides_of_the_deadline(db):
    seed_calendar([2026])
    app = application("TW-TXG")
    AccountApplication.objects.filter(pk=app.pk).update(
        status=AccountApplication.RECEIVED, received_date=D(2026, 2, 13)
    )
    qs = AccountApplication.objects.all()
    assert list(qs.overdue(today=D(2026, 3, 2))) == []
    assert list(qs.overdue(today=D(2026, 3, 3))) == [app]
    AccountApplication.objects.filter(pk=app.pk).update(status=AccountApplication.APPROVED)
    assert list(qs.overdue(today=D(2026, 3, 3))) == []


# --- the admin --------------------------------------------------------------------------------


@pytest.fixture
def apps(site_tree):
    return {
        "txg": application("TW-TXG", user_name="臺中申請人"),
        "khh": application("TW-KHH", user_name="高雄申請人"),
        "ccn": application("br-ccn", user_name="中彰投分署申請人", account_role="wda_officer"),
    }


@pytest.fixture
def ccn_manager(site_tree):
    return make_member("br-ccn", "account_manager", account_role="wda_supervisor", username="ccn-manager")


@pytest.fixture
def hq_manager(site_tree):
    return make_member("wda-dsted", "account_manager", account_role="wda_supervisor", username="hq-manager")


@pytest.fixture
def superuser(site_tree, django_user_model):
    return django_user_model.objects.create_superuser("apps-admin", "admin@wda.gov.tw", "pw-for-tests-only-123")


def assert_refused(response):
    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert "/account_applications/" not in response["Location"]


def test_branch_manager_sees_only_what_is_routed_to_the_branch(client, apps, ccn_manager):
    client.force_login(ccn_manager)
    assert url("index") in client.get(reverse("wagtailadmin_home")).content.decode()
    page = client.get(url("index")).content.decode()
    # The list shows names masked (personal_data); the inspect page in full.
    assert mask_name("臺中申請人") in page and "臺中申請人" not in page
    assert mask_name("高雄申請人") not in page and mask_name("中彰投分署申請人") not in page
    inspect = client.get(url("inspect", apps["txg"].pk))
    assert inspect.status_code == 200 and "臺中申請人" in inspect.content.decode()
    shown = [d.strip() for d in re.findall(r"<dd[^>]*>(.*?)</dd>", inspect.content.decode(), re.S)]
    assert shown and not {"None", "True", "False"} & set(shown), shown  # 「-」 and 是/否 instead
    assert "是" in shown or "否" in shown

    # Crafted URLs for TW-KHH's application (br-kpt's) give nothing away.
    khh = apps["khh"]
    for name in ("inspect", "edit", "history", "usage", "signed_form"):
        response = client.get(url(name, khh.pk))
        assert_refused(response)
        assert "高雄申請人" not in response.content.decode()
    for name in ("receive", "approve", "reject", "complete", "edit", "delete"):
        assert_refused(client.post(url(name, khh.pk), {"reason": "x", "user_name": "改掉"}))
    khh.refresh_from_db()
    assert khh.status == AccountApplication.FILED and khh.user_name == "高雄申請人"


def test_hq_manager_sees_the_branchs_own_application(client, apps, hq_manager):
    client.force_login(hq_manager)
    page = client.get(url("index")).content.decode()
    assert mask_name("中彰投分署申請人") in page
    assert mask_name("臺中申請人") not in page and mask_name("高雄申請人") not in page
    assert client.get(url("inspect", apps["ccn"].pk)).status_code == 200
    assert_refused(client.get(url("inspect", apps["txg"].pk)))


def test_system_admin_sees_all(client, apps, superuser):
    client.force_login(superuser)
    page = client.get(url("index")).content.decode()
    for name in ("臺中申請人", "高雄申請人", "中彰投分署申請人"):
        assert mask_name(name) in page
    for app in apps.values():
        assert client.get(url("inspect", app.pk)).status_code == 200


def test_an_editor_and_a_reviewer_are_refused(client, apps):
    for user in (make_member("TW-TXG"), make_member("br-ccn", "unit_reviewer", account_role="wda_officer")):
        client.force_login(user)
        assert url("index") not in client.get(reverse("wagtailadmin_home")).content.decode()
        assert_refused(client.get(url("index")))
        assert_refused(client.get(url("add")))
        assert_refused(client.get(url("inspect", apps["txg"].pk)))
        assert_refused(client.post(url("receive", apps["txg"].pk)))
    apps["txg"].refresh_from_db()
    assert apps["txg"].status == AccountApplication.FILED


def test_filters_and_search(client, apps, superuser):
    AccountApplication.objects.filter(pk=apps["khh"].pk).update(
        status=AccountApplication.RECEIVED, received_date=D(2026, 1, 8)
    )
    AccountApplication.objects.filter(pk=apps["ccn"].pk).update(change_type=AccountApplication.SUSPEND)
    client.force_login(superuser)

    def names(**params):
        page = client.get(url("index"), params).content.decode()
        return {n for n in ("臺中申請人", "高雄申請人", "中彰投分署申請人") if mask_name(n) in page}

    assert names(status="received") == {"高雄申請人"}
    assert names(change_type="suspend") == {"中彰投分署申請人"}
    assert names(unit=Unit.objects.get(code="TW-TXG").pk) == {"臺中申請人"}
    assert names(overdue="true") == {"高雄申請人"}
    assert names(q="臺中申請") == {"臺中申請人"}
    assert names(q=apps["khh"].account_name) == {"高雄申請人"}
    assert names(q="高雄市") == {"高雄申請人"}  # the applying unit's name


def test_manager_enters_a_paper_application_routed_automatically(client, site_tree, ccn_manager):
    client.force_login(ccn_manager)
    response = client.post(url("add"), add_form(Unit.objects.get(code="TW-TXG")))
    assert response.status_code == 302, response.content.decode()[:2000]
    app = AccountApplication.objects.get(user_name="紙本申請人")
    assert app.reviewing_unit.code == "br-ccn" and app.status == AccountApplication.FILED

    # A unit routed elsewhere is not offered, and nothing is stored.
    response = client.post(url("add"), add_form(Unit.objects.get(code="TW-KHH"), account_name="other-user"))
    assert response.status_code == 200
    assert not AccountApplication.objects.filter(account_name="other-user").exists()

    # The model's validation reaches the form in zh-Hant.
    response = client.post(
        url("add"), add_form(Unit.objects.get(code="TW-TXG"), declaration_agreed="", account_name="")
    )
    page = response.content.decode()
    assert "新增帳號時，請填寫帳號名稱。" in page and "使用者須同意遵守個人資料保密" in page


def test_receive_reject_approve_complete(client, apps, ccn_manager):
    client.force_login(ccn_manager)
    txg = apps["txg"]
    today = timezone.localdate()

    # Approving before receipt is refused with a message.
    response = client.post(url("approve", txg.pk), follow=True)
    assert "請先收件，才能核准申請。" in response.content.decode()
    assert client.get(url("receive", txg.pk)).status_code == 405

    response = client.post(url("receive", txg.pk), follow=True)
    txg.refresh_from_db()
    assert txg.status == AccountApplication.RECEIVED and txg.received_date == today
    assert "已收件，回覆期限為" in response.content.decode()
    assert "回覆期限" in client.get(url("inspect", txg.pk)).content.decode()

    response = client.post(url("reject", txg.pk), {"reason": "  "}, follow=True)
    assert "不核准時請填寫理由。" in response.content.decode()
    txg.refresh_from_db()
    assert txg.status == AccountApplication.RECEIVED and txg.reviewer is None

    client.post(url("reject", txg.pk), {"reason": "非本單位人員"})
    txg.refresh_from_db()
    assert (txg.status, txg.result, txg.result_reason) == ("rejected", "rejected", "非本單位人員")
    assert txg.reviewer == ccn_manager and txg.reply_date == today
    response = client.post(url("complete", txg.pk), follow=True)
    assert "只有已核准的申請可以完成。" in response.content.decode()

    second = application("TW-TXG", user_name="第二位申請人")
    client.post(url("receive", second.pk))
    client.post(url("approve", second.pk))
    second.refresh_from_db()
    assert (second.status, second.result, second.reviewer, second.reply_date) == (
        "approved",
        "approved",
        ccn_manager,
        today,
    )
    response = client.post(url("complete", second.pk), follow=True)
    assert "已完成申請。" in response.content.decode()
    second.refresh_from_db()
    assert second.status == "completed" and second.completed_date == today
    # A replied application can no longer be edited.
    assert_refused(client.get(url("edit", second.pk)))


def test_signed_form_is_served_only_to_those_who_see_the_application(client, apps, ccn_manager, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    app = application("TW-TXG", signed_form=SimpleUploadedFile("f.pdf", pdf_bytes()))
    client.force_login(ccn_manager)
    response = client.get(url("signed_form", app.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    client.force_login(make_member("wda-dsted", "account_manager", account_role="wda_supervisor"))
    assert_refused(client.get(url("signed_form", app.pk)))


def test_manager_corrects_a_filed_application_within_their_units(client, apps, ccn_manager):
    client.force_login(ccn_manager)
    txg = apps["txg"]
    form = client.get(url("edit", txg.pk)).content.decode()
    assert "臺中市政府" in form and "高雄市政府" not in form  # only units routed to br-ccn are offered
    data = add_form(txg.unit, account_name=txg.account_name, user_name="臺中申請人（更正）")
    response = client.post(url("edit", txg.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    txg.refresh_from_db()
    assert txg.user_name == "臺中申請人（更正）" and txg.reviewing_unit.code == "br-ccn"
    # Moving it to a unit routed elsewhere is not possible.
    response = client.post(url("edit", txg.pk), dict(data, unit=Unit.objects.get(code="TW-KHH").pk))
    assert response.status_code == 200
    txg.refresh_from_db()
    assert txg.unit.code == "TW-TXG"


def test_inspect_shows_the_agencys_half_and_the_next_action(client, apps, ccn_manager):
    client.force_login(ccn_manager)
    page = client.get(url("inspect", apps["txg"].pk)).content.decode()
    for label in ("審查單位", "收件日期", "處理結果", "審查人員", "回覆日期", "完成日期", "單位主管核定日期"):
        assert label in page, label
    assert url("receive", apps["txg"].pk) in page and url("approve", apps["txg"].pk) not in page


def test_printable_form_is_laid_out_like_the_paper_and_scoped(client, apps, ccn_manager):
    client.force_login(ccn_manager)
    txg = apps["txg"]
    assert url("print", txg.pk) in client.get(url("inspect", txg.pk)).content.decode()
    page = client.get(url("print", txg.pk)).content.decode()
    for text in (
        "帳號使用（停用）申請表",
        "申請單位",
        "指定聯繫窗口",
        "帳號異動類型",
        "使用者帳號角色",
        "使用者權限",
        "使用者資料",
        "帳號使用者簽名",
        "單位主管核定",
        "【以下由勞動力發展署或所屬分署填寫】",
        "審查單位",
        "收件日期",
        "處理結果",
        "審查人員簽章",
        "回覆日期",
        "完成日期",
        "臺中申請人",
        txg.account_name,
        "中彰投分署",
    ):
        assert text in page, text
    assert '<span class="box on">縣市政府業務承辦人員' in page
    assert_refused(client.get(url("print", apps["khh"].pk)))
    client.force_login(make_member("TW-TXG"))
    assert_refused(client.get(url("print", txg.pk)))
