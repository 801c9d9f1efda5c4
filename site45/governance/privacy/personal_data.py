"""Personal data (個人資料保護法) of account applications and user profiles — the one place.

This module says

- **which fields are personal** (``APPLICATION_PERSONAL_FIELDS``, ``USER_PERSONAL_FIELDS``,
  ``AUDIT_ENTRY_PERSONAL_FIELDS``). The account name (username) and the unit are *not*
  personal data here: they name an account and an organisation, appear in the audit snapshot
  and the lifecycle log by design, and are needed to read those records at all;
- **who may see them in full**: of an application, the account manager it is routed to and
  the system administrator (``accounts.routing.applications_visible_to``); of profiles and the
  audit snapshot, ``may_see_account_profiles`` and ``may_see_audit_snapshot`` (the account
  auditor for the audit snapshot only, ``capabilities.AUDIT_ACCOUNTS``). The views refuse everybody else (403/404) before anything is
  shown; list pages show masked values (``mask``: 陳○華, h***@taichung.gov.tw, ****-***-123)
  to everybody, so a list shows no personal field and is not recorded;
- **how each view or export is recorded** (``record_access``): who, when, which record (or,
  for an export of many rows, one entry with the count and the filter — one row per exported
  record would bury the log and say nothing more: the filter re-runs the same selection), the
  action and the purpose from a fixed set (``Purpose``), in ``PersonalDataAccess``. Only the
  system administrator reads that log (``privacy.admin``);
- **how an application is anonymised** after the retention period
  (``anonymise_application``, run by ``accounts.daily_rules.ApplicationAnonymiser``): personal fields
  replaced by ``ANONYMISED_MARKER``, the signed PDF deleted, the personal values scrubbed from
  the application's audit-log entries as well.

Log titles never carried the applicant's name in the first place: ``AccountApplication.__str__``
(the title Wagtail writes into every log entry) is 「帳號申請第 N 號（單位，類型）」. The scrub
also covers entries written before that change.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from site45.core.names import full_name

from ..org.capabilities import ADMINISTER_SYSTEM, AUDIT_ACCOUNTS, user_can

logger = logging.getLogger(__name__)

#: What replaces each personal field of an application past its retention period.
ANONYMISED_MARKER = "（已依保存期限去識別化）"

#: The personal fields of an application (Attachment 1): the contact window, the user, the
#: supervisor who approved, and the signed paper form (it carries all of them and signatures).
APPLICATION_PERSONAL_FIELDS = (
    "contact_name",
    "contact_phone",
    "contact_email",
    "user_name",
    "user_title",
    "user_phone",
    "user_email",
    "supervisor_name",
    "signed_form",
)
#: The personal fields of a user profile (``Membership`` holds no phone or address).
USER_PERSONAL_FIELDS = ("first_name", "last_name", "email")
#: The audit snapshot keeps only the name (to know whose account it is): no e-mail, no phone.
AUDIT_ENTRY_PERSONAL_FIELDS = ("full_name",)


_NAME_FIELDS = {"contact_name", "user_name", "supervisor_name", "first_name", "last_name", "full_name"}
_EMAIL_FIELDS = {"contact_email", "user_email", "email"}
_PHONE_FIELDS = {"contact_phone", "user_phone"}
MASK = "○"


def retention_days():
    """``ACCOUNT_APPLICATION_RETENTION_DAYS`` (at least 1), default 1095 (3 years)."""
    value = settings.ACCOUNT_APPLICATION_RETENTION_DAYS
    return max(1, int(value))


# --- masking --------------------------------------------------------------------------------


def mask_name(value):
    """陳小華 → 陳○華, 王明 → 王○, Alice Chen → A○○○○○○○○n (first and last character kept)."""
    value = (value or "").strip()
    if not value or value == ANONYMISED_MARKER:
        return value
    if len(value) <= 2:
        return value[0] + MASK
    return value[0] + MASK * (len(value) - 2) + value[-1]


def mask_email(value):
    """hua@taichung.gov.tw → h***@taichung.gov.tw (the domain says the agency, not the person)."""
    value = (value or "").strip()
    if "@" not in value:
        return mask_name(value)
    local, _sep, domain = value.rpartition("@")
    return f"{local[:1]}***@{domain}"


def mask_phone(value):
    """04-2228-9111#123 → **-****-****#123: every digit but the last three hidden."""
    value = value or ""
    digits = sum(ch.isdigit() for ch in value)
    keep, out = 3, []
    for ch in value:
        if ch.isdigit():
            digits -= 1
            out.append(ch if digits < keep else "*")
        else:
            out.append(ch)
    return "".join(out)


def mask(field, value):
    """``value`` of personal field ``field`` as a list may show it."""
    if field in _EMAIL_FIELDS:
        return mask_email(value)
    if field in _PHONE_FIELDS:
        return mask_phone(value)
    if field in _NAME_FIELDS:
        return mask_name(value)
    return "***" if value else value


def masked_user_name(app):
    """The list column of 「帳號申請」."""
    return mask("user_name", app.user_name)


def masked_display_name(user):
    """The user admin's name column: the full name masked, or the account name when there is none."""
    full = full_name(user)
    return mask_name(full) if full else user.get_username()


# --- who may see --------------------------------------------------------------------------------


def may_see_account_profiles(user):
    """The system administrator: the user admin shows names and e-mail addresses in full."""
    return user_can(user, ADMINISTER_SYSTEM)


def may_see_audit_snapshot(user):
    """The account auditor and the system administrator (``capabilities.AUDIT_ACCOUNTS``)."""
    return user_can(user, AUDIT_ACCOUNTS)


def may_read_access_log(user):
    """Only the system administrator reads (and exports) the personal-data access log."""
    return user_can(user, ADMINISTER_SYSTEM)


# --- the access log ---------------------------------------------------------------------------------


class Purpose(models.TextChoices):
    """Why personal data was read (a fixed set: each view and export names one)."""

    REVIEW_APPLICATION = "review_application", _("審查帳號申請")
    ACCOUNT_AUDIT = "account_audit", _("帳號清查")
    ACCOUNT_ADMINISTRATION = "account_administration", _("帳號管理")
    ACCOUNT_RECORD = "account_record", _("查核帳號異動紀錄")
    ACCESS_LOG_REVIEW = "access_log_review", _("稽核個資存取紀錄")
    RETENTION = "retention", _("依保存期限去識別化")
    SIGNIN_LOG = "signin_log", _("查核登入紀錄")
    CONTENT_REPORT = "content_report", _("內容管理報表")


class AccessAction(models.TextChoices):
    VIEW = "view", _("檢視")
    EDIT = "edit", _("編輯")
    PRINT = "print", _("列印")
    DOWNLOAD = "download", _("下載檔案")
    EXPORT = "export", _("匯出")
    ANONYMISE = "anonymise", _("去識別化")


class PersonalDataAccess(models.Model):
    """One view or export of personal data (個資存取紀錄): who, when, which record(s), why.

    ``object_repr`` is the record's title, which never holds personal data. An export is one
    row with ``record_count`` and ``criteria`` (the filter and search used). Rows are never
    edited or deleted through the admin; the user is kept by name if the account goes.
    """

    timestamp = models.DateTimeField(_("時間"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("使用者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("帳號"), max_length=150, blank=True)
    action = models.CharField(_("動作"), max_length=16, choices=AccessAction.choices)
    purpose = models.CharField(_("目的"), max_length=32, choices=Purpose.choices)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("資料類型"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.CharField(_("資料編號"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("資料"), max_length=255, blank=True)
    record_count = models.PositiveIntegerField(_("筆數"), default=1)
    criteria = models.TextField(_("篩選條件"), blank=True)
    path = models.CharField(_("網址"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("個資存取紀錄")
        verbose_name_plural = _("個資存取紀錄")
        ordering = ["-timestamp", "-pk"]

    def __str__(self):
        return f"{self.username or '-'} {self.get_action_display()} {self.object_repr}"


def _criteria_text(criteria):
    if not criteria:
        return ""
    if isinstance(criteria, dict):
        return "；".join(f"{key}={value}" for key, value in criteria.items() if value not in ("", None, []))
    return str(criteria)


def criteria_of_request(request, ignore=("export", "p", "_w_filter_fragment")):
    """The filter and search of a listing or export request, readable (``unit=3；q=陳``)."""
    parts = {}
    for key in request.GET:
        if key in ignore:
            continue
        values = [v for v in request.GET.getlist(key) if v]
        if values:
            parts[key] = ",".join(values)
    return _criteria_text(parts)


def record_access(user, obj, purpose, action=AccessAction.VIEW, *, model=None, count=None, criteria="", request=None):
    """Record that ``user`` read personal data of ``obj`` (or, for an export, of ``count`` rows).

    ``obj`` is the record viewed (an application, a user, an audit); for an export it is the
    audit exported, or ``None`` with ``model`` naming what was exported. ``user`` is ``None``
    for the system (the retention rule). Written in its own savepoint and never breaks the
    request: if it fails it is logged as an error.
    """
    if purpose not in Purpose.values:
        raise ValueError(f"unknown purpose {purpose!r}")
    if action not in AccessAction.values:
        raise ValueError(f"unknown action {action!r}")
    is_user = user is not None and getattr(user, "is_authenticated", False)
    content_type = None
    if obj is not None:
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    elif model is not None:
        content_type = ContentType.objects.get_for_model(model)
    entry = PersonalDataAccess(
        user=user if is_user else None,
        username=user.get_username() if is_user else "",
        action=action,
        purpose=purpose,
        content_type=content_type,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        record_count=1 if count is None else count,
        criteria=_criteria_text(criteria),
        path=(request.get_full_path()[:500] if request is not None else ""),
    )
    try:
        with transaction.atomic():
            entry.save()
    except Exception:  # the record must never cost the user the page they asked for
        logger.exception("Could not record personal-data access %s", entry)
        return None
    return entry


# --- anonymisation ----------------------------------------------------------------------------------


def _scrub(value, secrets):
    """``value`` (text, list or dict, as stored in a log entry) with every secret replaced."""
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, ANONYMISED_MARKER)
        return value
    if isinstance(value, list):
        return [_scrub(v, secrets) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, secrets) for k, v in value.items()}
    return value


def _secrets_of(app):
    """The personal values of ``app`` worth scrubbing from text (longest first; none too short)."""
    values = {str(getattr(app, f) or "").strip() for f in APPLICATION_PERSONAL_FIELDS if f != "signed_form"}
    values.discard(ANONYMISED_MARKER)
    # A one-character value would erase that character everywhere; names are at least two.
    return sorted((v for v in values if len(v) >= 2), key=len, reverse=True)


def anonymise_application(app):
    """Replace the personal data of ``app`` (locked by the caller) and scrub its log entries.

    Returns the name of the signed PDF to delete once the transaction commits ("" if none).
    Idempotent: an application already anonymised is left as it is.
    """
    from wagtail.models import ModelLogEntry

    if app.anonymised_at is not None:
        return ""
    secrets = _secrets_of(app)
    signed_form = app.signed_form.name if app.signed_form else ""
    changes = {field: ANONYMISED_MARKER for field in APPLICATION_PERSONAL_FIELDS if field != "signed_form"}
    changes.update(signed_form="", anonymised_at=timezone.now())
    changes["result_reason"] = _scrub(app.result_reason or "", secrets)
    type(app).objects.filter(pk=app.pk).update(**changes)  # no save(): no routing, no auto-dates
    for field, value in changes.items():
        setattr(app, field, value)
    title = str(app)
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(app, for_concrete_model=False), object_id=str(app.pk)
    )
    for entry in entries.only("pk", "label", "data"):
        label, data = _scrub(entry.label, secrets), _scrub(entry.data, secrets)
        if label != title or data != entry.data:
            ModelLogEntry.objects.filter(pk=entry.pk).update(label=title, data=data)
    return signed_form


def delete_files_on_commit(storage, names):
    """Delete the signed PDFs ``names`` from ``storage`` after the commit (a rolled-back run keeps them)."""
    names = [n for n in names if n]
    if not names:
        return

    def delete():
        for name in names:
            try:
                storage.delete(name)
            except Exception:
                logger.exception("Could not delete the signed form %s", name)

    transaction.on_commit(delete)
