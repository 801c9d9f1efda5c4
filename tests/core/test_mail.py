"""Every mail of the site through ``site45.core.mail``: one ``send``, templates under
``templates/mail/``, the recipient's language, and whom ``routing`` says to tell (SPEC §5, §6).

One test per mail kind: its subject, its recipients, key words of its body and its language.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail as outbox
from django.utils import translation

from site45.core import mail
from site45.credentials import notices
from site45.governance.accounts import mail as account_mail
from site45.governance.accounts import routing
from site45.governance.accounts.applications import AccountApplication
from site45.governance.accounts.approval_effects import send_password_link
from site45.governance.accounts.filing import notify_account_managers, send_confirmation_mail
from site45.governance.models import Unit
from tests.factories import make_member

User = get_user_model()
D = datetime.date


def an_application(unit_code="TW-TXG", **extra):
    fields = dict(
        application_date=D(2026, 3, 2),
        unit=Unit.objects.get(code=unit_code),
        contact_name="林窗口",
        contact_phone="04-2228-9111",
        contact_email="window@taichung.gov.tw",
        change_type=AccountApplication.NEW,
        account_name="new-hua",
        account_role="county_officer",
        perm_editor=True,
        user_name="陳小華",
        user_title="科員",
        user_phone="04-2228-9111#123",
        user_email="hua@taichung.gov.tw",
        declaration_agreed=True,
        supervisor_name="王科長",
        supervisor_approved_on=D(2026, 3, 2),
    )
    fields.update(extra)
    return AccountApplication.objects.create(**fields)


def with_email(user, email):
    user.email = email
    user.save(update_fields=["email"])
    return user


def only_mail():
    assert len(outbox.outbox) == 1, [m.subject for m in outbox.outbox]
    return outbox.outbox[0]


# --- send ---------------------------------------------------------------------------------------


REVIEW = {
    "name": "王小明",
    "title": "說明會",
    "reviewer": "林審核（tw-txg-rev）",
    "comment": "",
    "url": "https://x/p/1/",
}


def test_send_renders_both_templates_in_the_language_asked(mailoutbox):
    delivery = mail.send("review/approved", REVIEW, ["a@example.gov.tw"], language="en")
    assert delivery and delivery.sent == ("a@example.gov.tw",) and delivery.failed == ()
    message = only_mail()
    assert message.subject == "[45+ Employment Resource Network] Submission approved and published: 說明會"
    assert "說明會" in message.body and "您好" not in message.body
    with translation.override("en"):
        zh = mail.send("review/approved", REVIEW, ["a@example.gov.tw"], language="zh-hant")
    assert zh and outbox.outbox[1].subject == "【45+ 就業資源網】稿件已核准發布：說明會"
    assert outbox.outbox[1].body.startswith(
        "王小明 您好：\n\n您送審的稿件「說明會」已由 林審核（tw-txg-rev） 核准並發布。"
    )


def test_send_does_not_escape_plain_text(mailoutbox):
    mail.send(
        "review/rejected", {**REVIEW, "comment": "<b>請補上 & 修正</b>"}, ["a@example.gov.tw"], language="zh-hant"
    )
    assert "退回原因：<b>請補上 & 修正</b>" in only_mail().body


def test_one_message_to_all_or_one_each_each_mailbox_once(mailoutbox):
    mail.send(
        "review/approved",
        REVIEW,
        ["a@example.gov.tw", "A@Example.gov.tw", "", " b@example.gov.tw "],
        language="zh-hant",
    )
    assert [m.to for m in outbox.outbox] == [["a@example.gov.tw", "b@example.gov.tw"]]
    outbox.outbox.clear()
    delivery = mail.send(
        "review/approved", REVIEW, ["a@example.gov.tw", "b@example.gov.tw"], language="zh-hant", separately=True
    )
    assert [m.to for m in outbox.outbox] == [["a@example.gov.tw"], ["b@example.gov.tw"]]
    assert delivery.sent == ("a@example.gov.tw", "b@example.gov.tw")


def test_nobody_to_mail_is_an_empty_delivery(mailoutbox):
    delivery = mail.send("review/approved", REVIEW, ["", None], language="zh-hant")
    assert not delivery and delivery.nobody and outbox.outbox == []
    assert account_mail.delivery_note(delivery) == "未寄信：收件人沒有電子信箱"


def test_a_failure_is_logged_and_reported_never_raised(mailoutbox, monkeypatch, caplog):
    def refused(subject, body, sender, to):
        if to == ["down@example.gov.tw"]:
            raise ConnectionRefusedError("smtp down")
        return outbox.outbox.append(to) or 1

    monkeypatch.setattr("site45.core.mail.send_mail", refused)
    delivery = mail.send(
        "review/approved", REVIEW, ["down@example.gov.tw", "up@example.gov.tw"], language="zh-hant", separately=True
    )
    assert delivery.sent == ("up@example.gov.tw",) and delivery.failed == ("down@example.gov.tw",)
    assert bool(delivery) and "Could not send the review/approved mail" in caplog.text
    assert account_mail.delivery_note(delivery) == "寄信失敗（詳見系統記錄）"


# --- the daily rules (zh-Hant whatever language is active) ------------------------------------------


def test_inactivity_warning(db, mailoutbox):
    user = with_email(make_member("TW-TXG", username="idle-hua"), "idle@taichung.gov.tw")
    user.first_name = "小華"
    with translation.override("en"):
        assert account_mail.send_inactivity_warning(user, D(2026, 1, 1), D(2026, 6, 30), 14)
    message = only_mail()
    assert message.subject == "【45+ 就業資源網】帳號將於 14 天後因閒置停用" and message.to == ["idle@taichung.gov.tw"]
    assert "小華 您好：" in message.body and "「idle-hua」自 2026-01-01 起未曾使用" in message.body
    assert "帳號將於 2026-06-30 自動停用" in message.body and message.body.endswith(
        "本信由系統自動寄出，請勿直接回覆。"
    )


def test_inactivity_closed(db, mailoutbox):
    user = with_email(make_member("TW-TXG", username="idle-ming"), "ming@taichung.gov.tw")
    with translation.override("en"):
        account_mail.send_inactivity_closed(user, D(2026, 1, 1), 181)
    message = only_mail()
    assert message.subject == "【45+ 就業資源網】帳號已因閒置停用" and message.to == ["ming@taichung.gov.tw"]
    assert "「idle-ming」自 2026-01-01 起 181 天未使用，已依規定由系統自動停用。" in message.body


def test_ex_officio_notice_goes_to_the_managers_who_handle_the_unit(db, mailoutbox):
    manager = with_email(make_member("br-ccn", "account_manager", account_role="wda_supervisor"), "m@wda.gov.tw")
    leaver = make_member("TW-TXG", username="leaver-lee")
    recipients = routing.ApplicationMailRecipients().of_unit(leaver.membership.unit, routing.LEAVER_SUSPENDED)
    assert recipients == [manager]
    with translation.override("en"):
        account_mail.send_ex_officio_notice(recipients, leaver, "臺中市政府", D(2026, 3, 2), D(2026, 3, 5), 3)
    message = only_mail()
    assert message.subject == "【45+ 就業資源網】離職人員帳號已依職權逕予停用" and message.to == ["m@wda.gov.tw"]
    assert (
        "臺中市政府 的帳號「leaver-lee」登錄之離職或調離日期為 2026-03-02，至 2026-03-05（3 個工作日內）"
        in message.body
    )


def test_overdue_flag_goes_to_the_managers_and_the_system_administrators(db, mailoutbox):
    manager = with_email(make_member("br-ccn", "account_manager", account_role="wda_supervisor"), "m@wda.gov.tw")
    admin = User.objects.create_superuser("flag-admin", "admin@wda.gov.tw", "pw-for-tests-only-123")
    app = an_application(received_date=D(2026, 3, 2))
    recipients = routing.application_mail_recipients(app, routing.OVERDUE)
    assert recipients == [manager, admin]
    with translation.override("en"):
        account_mail.send_overdue_flag(recipients, app, D(2026, 3, 9))
    message = only_mail()
    assert message.subject == f"【45+ 就業資源網】帳號申請逾期未回覆（第 {app.pk} 號）"
    assert message.to == ["m@wda.gov.tw", "admin@wda.gov.tw"]
    assert "異動類型：新增" in message.body and "回覆期限為 2026-03-09（收件後 5 個工作日）" in message.body
    assert message.body.endswith(f"/admin/account_applications/inspect/{app.pk}/\n\n本信由系統自動寄出，請勿直接回覆。")


def test_audit_reminder(db, mailoutbox):
    auditor = with_email(make_member("wda-dsted", "account_auditor", account_role="wda_officer"), "au@wda.gov.tw")
    account_mail.send_audit_reminder([auditor], "2025 年下半年", D(2026, 1, 31))
    message = only_mail()
    assert message.subject == "【45+ 就業資源網】帳號清查提醒：2025 年下半年未辦理帳號清查" and message.to == [
        "au@wda.gov.tw"
    ]
    assert "本期期限：2026-01-31" in message.body


# --- an account application ---------------------------------------------------------------------------


def test_the_confirmation_link_goes_to_the_contact_window_in_the_filing_language(db, mailoutbox):
    app = an_application(status=AccountApplication.UNCONFIRMED, filed_online=True)
    assert routing.application_mail_recipients(app, routing.CONFIRMATION) == ["window@taichung.gov.tw"]
    send_confirmation_mail(app, "en")
    message = only_mail()
    assert message.subject == "[45+ Employment Resource Network] Please confirm the account application"
    assert message.to == ["window@taichung.gov.tw"] and "/en/account-application/confirm/" in message.body
    outbox.outbox.clear()
    send_confirmation_mail(app, "zh-hant")
    assert only_mail().subject == "【45+ 就業資源網】請確認帳號申請" and "林窗口 您好：" in only_mail().body


def test_a_confirmed_filing_goes_to_the_reviewing_unit_managers(db, mailoutbox):
    manager = with_email(make_member("br-ccn", "account_manager", account_role="wda_supervisor"), "m1@wda.gov.tw")
    User.objects.create_superuser("wait-admin", "admin@wda.gov.tw", "pw-for-tests-only-123")
    app = an_application(status=AccountApplication.FILED)
    app.refresh_from_db()
    assert routing.application_mail_recipients(app, routing.WAITING) == [manager]
    with translation.override("en"):
        notify_account_managers(app)
    message = only_mail()
    assert message.to == ["m1@wda.gov.tw"]
    assert message.subject == f"【45+ 就業資源網】帳號申請待收件：{app.unit.name_zh}"
    assert f"帳號申請（第 {app.pk} 號）已由指定聯繫窗口確認" in message.body and "使用者姓名：陳小華" in message.body


def test_with_no_manager_to_tell_a_confirmed_filing_goes_to_the_system_administrators_one_mail_each(db, mailoutbox):
    make_member("br-ccn", "account_manager", account_role="wda_supervisor")  # no address
    first = User.objects.create_superuser("wait-admin", "admin@wda.gov.tw", "pw-for-tests-only-123")
    second = User.objects.create_superuser("wait-admin2", "admin2@wda.gov.tw", "pw-for-tests-only-123")
    app = an_application(status=AccountApplication.FILED)
    app.refresh_from_db()
    assert routing.application_mail_recipients(app, routing.WAITING) == [first, second]
    notify_account_managers(app)
    assert [m.to for m in outbox.outbox] == [["admin@wda.gov.tw"], ["admin2@wda.gov.tw"]]


def test_an_opened_account_mails_the_user_the_link_and_the_contact_window_a_copy(db, mailoutbox):
    app = an_application()
    user = User.objects.create_user("new-hua", "other@taichung.gov.tw")
    app.existing_user = user
    assert routing.application_mail_recipients(app, routing.ACCOUNT_OPENED) == ["hua@taichung.gov.tw"]
    assert routing.application_mail_recipients(app, routing.ACCOUNT_OPENED_COPY) == ["window@taichung.gov.tw"]
    with translation.override("en"):
        assert send_password_link(app, user, copy_to_contact=True)
    to_user, copy = outbox.outbox
    assert to_user.subject == copy.subject == "【45+ 就業資源網】帳號開通通知"
    assert to_user.to == ["hua@taichung.gov.tw"] and copy.to == ["window@taichung.gov.tw"]
    assert "陳小華 您好：" in to_user.body and "帳號名稱：new-hua\n所屬單位：" in to_user.body
    assert "（連結僅能使用一次，3 天內有效）" in to_user.body and "/admin/password_reset/confirm/" in to_user.body
    assert "林窗口 您好：" in copy.body and "另寄使用者（hua@taichung.gov.tw）" in copy.body
    assert "password_reset" not in copy.body


# --- sign-in notices ----------------------------------------------------------------------------------


def test_an_e_mail_change_is_told_to_the_old_address(db, mailoutbox):
    user = User.objects.create_user("change-me", "new@taichung.gov.tw", first_name="小明")
    with translation.override("en"):
        delivery = notices.email_changed(user, "old@taichung.gov.tw", by_admin=True)
    assert delivery.sent == ("old@taichung.gov.tw",)
    message = only_mail()
    assert message.subject == "【45+ 就業資源網】電子信箱已變更" and message.to == ["old@taichung.gov.tw"]
    assert "小明 您好：" in message.body and "由系統管理者將電子信箱改為 new@taichung.gov.tw。" in message.body
    assert "請立即聯絡您的帳號申請管理者" in message.body


def test_a_recovery_code_notice_says_how_many_are_left(db, mailoutbox):
    user = User.objects.create_user("codes", "codes@taichung.gov.tw")
    notices.recovery_code_used(user, 7)
    message = only_mail()
    assert message.subject == "【45+ 就業資源網】已使用復原碼登入"
    assert "以一組復原碼完成登入，還剩 7 組復原碼。" in message.body


# --- the review workflow (in the recipient's admin language) -------------------------------------------


@pytest.mark.parametrize(
    "kind, zh, en",
    [
        ("review/assigned", "【45+ 就業資源網】待審稿件：說明會", "[45+ Employment Resource Network]"),
        ("review/reassigned", "【45+ 就業資源網】稿件改由您審核：說明會", "[45+ Employment Resource Network]"),
        ("review/rejected", "【45+ 就業資源網】稿件已退回：說明會", "[45+ Employment Resource Network]"),
    ],
)
def test_review_mails_in_either_language(kind, zh, en):
    context = {**REVIEW, "unit": None, "submitter": None}
    subject, body = mail.render(kind, context, "zh-hant")
    assert subject == zh and body.startswith("王小明 您好：")
    if kind != "review/rejected":
        assert "所屬單位：（無）" in body and "送審者：（未知）" in body
    subject, body = mail.render(kind, context, "en")
    assert subject.startswith(en) and "說明會" in subject and "您好" not in body
