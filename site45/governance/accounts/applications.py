"""帳號使用（停用）申請表 (Attachment 1 of the account rules, SPEC §6) as a record.

The upper half is what the applying unit fills in: application date, applying unit, the
designated contact window, the change type (new with the requested account name; restore or
suspend with the existing account), the account role of Attachment 1, the permissions, the
user's details, the declaration and the unit supervisor's approval (核定), with the signed paper
form as an optional PDF. The lower half (【以下由勞動力發展署或所屬分署填寫】) is the agency's:
reviewing unit (set by ``jurisdiction.route_application``), received date, result with reason,
reviewer, reply and completion dates.

The reply is due ``add_working_days(received_date, 5)`` (規定 三(三)): see ``deadline``. Which
applications are past it is ``AccountApplication.objects.overdue(today)``, the one copy of that
rule, read by the dashboard, the list's filter, the record page and the daily rule.
Approving also applies the change to the account: see ``approval_effects.apply_approval``.
"""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from site45.core import uploads
from site45.core.text_checks import has_control_characters

from ..calendar.working_days import add_working_days
from ..org.account_roles import ACCOUNT_ROLE_CHOICES, ACCOUNT_ROLE_OTHER
from ..org.models import Unit
from .jurisdiction import reviewing_unit_for, route_application

#: Working days the agency has to reply after receiving an application (規定 三(三)).
REPLY_WORKING_DAYS = 5

DECLARATION_TEXT = _("本人遵守個人資料保密、專業倫理及「本系統帳號申請及使用規定」相關規定。")


def overdue_if_received_before(today=None):
    """Applications received before this date and still awaiting the reply are overdue on ``today``.

    It is the 5th working day before ``today``: received before it, the 5 working days to reply
    all lie before ``today`` (the deadline has passed); received on it, the deadline is ``today``
    or later. The same answer as comparing ``today`` with ``deadline``, for any number of
    applications at once.
    """
    return add_working_days(today or timezone.localdate(), -REPLY_WORKING_DAYS)


class ApplicationQuerySet(models.QuerySet):
    def overdue(self, today=None):
        """Applications past their reply deadline on ``today`` (default: today): received, not
        replied to, and ``today`` is after the 5th working day after the received date (規定 三(三)).

        One condition in SQL (one calendar query to find the cut-off date), whatever the number of
        applications; received today or later (the daily rules run for a past date) is never late.
        """
        return self.filter(
            status__in=AccountApplication.AWAITING_REPLY, received_date__lt=overdue_if_received_before(today)
        )


def validate_pdf(upload):
    """Accept only a real PDF within ``ACCOUNT_APPLICATION_MAX_UPLOAD_SIZE``, judged by content.

    The checks (the size named in MB, then the whole file read by pypdf within a decompression
    budget, no active content anywhere, unreadable files refused) are the uploads module's,
    shared with the admin's document library and proved on the same hostile corpus
    (``tests/site/test_hostile_uploads.py``). A file already stored was checked when uploaded.
    """
    if getattr(upload, "_committed", False):
        return
    uploads.check_size(
        upload,
        settings.ACCOUNT_APPLICATION_MAX_UPLOAD_SIZE,
        message=_("簽核申請表的檔案大小（%(size)s MB）超過上限 %(limit)s MB。"),
    )
    uploads.check_pdf(upload, not_pdf_message=_("簽核申請表須為 PDF 檔案。"))


def signed_form_path(instance, filename):
    # Never the uploaded name: it may carry personal data, and it must not be guessable.
    return f"account_applications/{uuid.uuid4().hex}.pdf"


#: The unit's half of Attachment 1, in the form's order: the fields the applying unit fills in.
#: The public form (``filing.PublicApplicationForm``) offers exactly these; the admin's paper
#: entry (``application_admin``) adds ``existing_user`` after ``account_name`` (the agency may
#: pick the system account; the public types the name and it is matched within the unit).
UNIT_HALF_FIELDS = (
    "application_date",
    "unit",
    "contact_name",
    "contact_phone",
    "contact_email",
    "change_type",
    "account_name",
    "account_role",
    "account_role_other",
    "perm_account_opener",
    "perm_reviewer",
    "perm_editor",
    "user_name",
    "user_title",
    "user_phone",
    "user_email",
    "declaration_agreed",
    "supervisor_name",
    "supervisor_approved_on",
    "signed_form",
)


def unit_half_fields(with_existing_user=False):
    """``UNIT_HALF_FIELDS`` as a list, with ``existing_user`` after ``account_name`` if asked."""
    fields = list(UNIT_HALF_FIELDS)
    if with_existing_user:
        fields.insert(fields.index("account_name") + 1, "existing_user")
    return fields


#: Names and other one-line text of the form: no control, format or line-separator characters.
ONE_LINE_TEXT_FIELDS = (
    "contact_name",
    "contact_phone",
    "contact_email",
    "account_name",
    "account_role_other",
    "user_name",
    "user_title",
    "user_phone",
    "user_email",
    "supervisor_name",
)


class AccountApplication(models.Model):
    UNIT_HALF_FIELDS = UNIT_HALF_FIELDS

    NEW = "new"
    RESTORE = "restore"
    SUSPEND = "suspend"
    CHANGE_TYPE_CHOICES = [
        (NEW, _("新增")),
        (RESTORE, _("恢復使用")),
        (SUSPEND, _("停止使用")),
    ]

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    RESULT_CHOICES = [
        (PENDING, _("待處理")),
        (APPROVED, _("核准")),
        (REJECTED, _("不核准")),
    ]

    UNCONFIRMED = "unconfirmed"
    FILED = "filed"
    RECEIVED = "received"
    COMPLETED = "completed"
    STATUS_CHOICES = [
        (UNCONFIRMED, _("待確認電子信箱")),
        (FILED, _("已提出")),
        (RECEIVED, _("已收件")),
        (APPROVED, _("已核准")),
        (REJECTED, _("不核准")),
        (COMPLETED, _("已完成")),
    ]
    #: Applications still waiting for the agency's reply (the deadline runs for these).
    AWAITING_REPLY = (RECEIVED,)

    # --- filled in by the applying unit ------------------------------------------------------
    application_date = models.DateField(_("申請日期"), default=timezone.localdate)
    unit = models.ForeignKey(
        Unit, verbose_name=_("申請單位"), on_delete=models.PROTECT, related_name="account_applications"
    )
    contact_name = models.CharField(_("指定聯繫窗口姓名"), max_length=100)
    contact_phone = models.CharField(_("指定聯繫窗口電話"), max_length=50)
    contact_email = models.EmailField(_("指定聯繫窗口電子信箱"))

    change_type = models.CharField(_("帳號異動類型"), max_length=10, choices=CHANGE_TYPE_CHOICES)
    account_name = models.CharField(
        _("帳號名稱／原帳號"),
        max_length=150,
        blank=True,
        help_text=_("新增：申請的帳號名稱；恢復使用、停止使用：原帳號。"),
    )
    existing_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("原帳號（系統使用者）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="account_applications",
        help_text=_("恢復使用、停止使用時，系統中的原帳號；未選時依原帳號名稱自動對應。"),
    )

    account_role = models.CharField(_("使用者帳號角色"), max_length=32, choices=ACCOUNT_ROLE_CHOICES)
    account_role_other = models.CharField(_("其他（請說明）"), max_length=100, blank=True)

    perm_account_opener = models.BooleanField(_("帳號開通人員"), default=False)
    perm_reviewer = models.BooleanField(_("審稿人員"), default=False)
    perm_editor = models.BooleanField(_("承辦(上稿)人員"), default=False)

    user_name = models.CharField(_("使用者姓名"), max_length=100)
    user_title = models.CharField(_("使用者職稱"), max_length=100)
    user_phone = models.CharField(_("使用者電話"), max_length=50)
    user_email = models.EmailField(_("使用者電子信箱"))

    declaration_agreed = models.BooleanField(
        _("本人遵守個人資料保密、專業倫理及「本系統帳號申請及使用規定」相關規定"), default=False
    )
    supervisor_name = models.CharField(_("核定之單位主管"), max_length=100)
    supervisor_approved_on = models.DateField(_("單位主管核定日期"))
    signed_form = models.FileField(
        _("已簽核之申請表（PDF）"),
        upload_to=signed_form_path,
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
        help_text=_("選填：掃描的紙本申請表，限 PDF。"),
    )

    # --- 【以下由勞動力發展署或所屬分署填寫】 ---------------------------------------------------
    reviewing_unit = models.ForeignKey(
        Unit,
        verbose_name=_("審查單位"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="applications_to_review",
    )
    received_date = models.DateField(_("收件日期"), null=True, blank=True, editable=False)
    result = models.CharField(_("處理結果"), max_length=10, choices=RESULT_CHOICES, default=PENDING, editable=False)
    result_reason = models.TextField(_("處理結果理由"), blank=True, editable=False)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("審查人員"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="reviewed_account_applications",
    )
    reply_date = models.DateField(_("回覆日期"), null=True, blank=True, editable=False)
    completed_date = models.DateField(_("完成日期"), null=True, blank=True, editable=False)

    status = models.CharField(_("狀態"), max_length=16, choices=STATUS_CHOICES, default=FILED, editable=False)
    filed_online = models.BooleanField(_("線上申請"), default=False, editable=False)
    confirmed_at = models.DateTimeField(_("聯繫窗口確認時間"), null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(
        _("去識別化時間"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("保存期限屆滿後，個人資料已由系統去識別化的時間。"),
    )
    created_at = models.DateTimeField(_("建立時間"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新時間"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("帳號申請")
        verbose_name_plural = _("帳號申請")
        ordering = ["-application_date", "-pk"]
        indexes = [models.Index(fields=["reviewing_unit", "status"])]

    def __str__(self):
        # The title of every audit-log entry of the application (Wagtail copies it into the
        # entry): it holds no personal data, so nothing outlives the retention period there.
        unit = self.unit.display_name if self.unit_id else "-"
        if self.pk is None:
            return _("帳號申請（%(unit)s，%(type)s）") % {"unit": unit, "type": self.get_change_type_display()}
        return _("帳號申請第 %(pk)s 號（%(unit)s，%(type)s）") % {
            "pk": self.pk,
            "unit": unit,
            "type": self.get_change_type_display(),
        }

    # --- the deadline ------------------------------------------------------------------------

    @property
    def deadline(self):
        """The reply deadline: the 5th working day after the received date (``None`` before receipt)."""
        if not self.received_date:
            return None
        return add_working_days(self.received_date, REPLY_WORKING_DAYS)

    def account_problem(self):
        """What the account manager must know about the account name before replying, or ``None``.

        The public form never says whether an account name exists, so a filed or received
        application may name a taken account (new) or no account of its unit (restore,
        suspend). The review page shows this message; approving such an application
        is refused anyway (``approval_effects``).
        """
        if self.status not in (self.FILED, self.RECEIVED):
            return None
        name = (self.account_name or "").strip()
        if self.change_type == self.NEW:
            if name and get_user_model().objects.filter(username__iexact=name).exists():
                return _("帳號名稱「%(name)s」已有人使用，請改用其他名稱。") % {"name": name}
        elif self.change_type in (self.RESTORE, self.SUSPEND) and self.existing_user_id is None:
            return _("找不到原帳號「%(name)s」，請確認帳號名稱。") % {"name": name}
        return None

    def is_overdue(self, today=None):
        """Whether this (saved) application is overdue: ``objects.overdue`` asked about it (one query)."""
        return self.pk is not None and type(self).objects.filter(pk=self.pk).overdue(today).exists()

    # --- validation --------------------------------------------------------------------------

    def clean(self):
        errors = {}
        self.account_name = (self.account_name or "").strip()
        User = get_user_model()

        if self.change_type == self.NEW:
            if not self.account_name:
                errors["account_name"] = _("新增帳號時，請填寫帳號名稱。")
            elif User.objects.filter(username__iexact=self.account_name).exists():
                errors["account_name"] = _("帳號名稱「%(name)s」已有人使用，請改用其他名稱。") % {
                    "name": self.account_name
                }
            if self.existing_user_id:
                errors["existing_user"] = _("新增帳號時不能指定原帳號。")
            if not (self.perm_account_opener or self.perm_reviewer or self.perm_editor):
                errors["perm_editor"] = _("請至少勾選一項使用者權限。")
        elif self.change_type in (self.RESTORE, self.SUSPEND):
            errors.update(self._clean_existing_account())

        if self.account_role == ACCOUNT_ROLE_OTHER and not self.account_role_other.strip():
            errors["account_role_other"] = _("選擇「其他」時，請說明使用者帳號角色。")
        if self.account_role != ACCOUNT_ROLE_OTHER and self.account_role_other.strip():
            errors["account_role_other"] = _("只有選擇「其他」時才需要說明。")
        for name in ONE_LINE_TEXT_FIELDS:  # the paper entry in the admin; the public form checks too
            if has_control_characters(getattr(self, name) or "") and name not in errors:
                errors[name] = _("含有無法接受的控制字元或換行字元，請重新輸入。")
        if not self.declaration_agreed:
            errors["declaration_agreed"] = _("使用者須同意遵守個人資料保密、專業倫理及本系統帳號申請及使用規定。")
        if not (self.supervisor_name or "").strip():
            errors["supervisor_name"] = _("申請表須經單位主管核定，請填寫核定之單位主管。")
        if (
            self.supervisor_approved_on
            and self.application_date
            and self.supervisor_approved_on < self.application_date
        ):
            errors["supervisor_approved_on"] = _("單位主管核定日期不能早於申請日期。")
        if self.unit_id:
            if reviewing_unit_for(self.unit) is None:
                errors["unit"] = _("找不到受理此單位申請的審查單位，請洽系統總管理者。")
        if errors:
            raise ValidationError(errors)

    def _clean_existing_account(self):
        User = get_user_model()
        if not self.existing_user_id:
            if not self.account_name:
                return {"account_name": _("恢復使用或停止使用帳號時，請填寫原帳號。")}
            user = User.objects.filter(username__iexact=self.account_name).first()
            if user is None:
                return {"account_name": _("找不到原帳號「%(name)s」，請確認帳號名稱。") % {"name": self.account_name}}
            self.existing_user = user
        elif not self.account_name:
            self.account_name = self.existing_user.get_username()
        elif self.account_name.lower() != self.existing_user.get_username().lower():
            return {"account_name": _("原帳號名稱與所選的系統使用者不一致。")}
        if self.unit_id:
            try:
                membership = self.existing_user.membership
            except ObjectDoesNotExist:
                membership = None
            if membership is not None and membership.unit_id != self.unit_id:
                return {"existing_user": _("原帳號不屬於申請單位。")}
        return {}

    def save(self, *args, **kwargs):
        route_application(self)
        super().save(*args, **kwargs)
