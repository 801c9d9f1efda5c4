"""The public filing of an account application (SPEC §6, Attachment 1).

A unit's designated contact window (指定聯繫窗口) fills in the unit's half of the
帳號使用(停用)申請表 at ``/account-application/`` without an account. Nothing is routed yet:

1. ``PublicApplicationForm`` validates the input (the model's ``clean`` plus what a public form
   needs: the e-mail domains of ``ACCOUNT_APPLICATION_EMAIL_DOMAINS``, no control characters,
   phone numbers, an ASCII account name, a real PDF within ``ACCOUNT_APPLICATION_MAX_UPLOAD_SIZE``, ``applications.validate_pdf``).
   Whether the account name exists is never said: a taken name, or a
   restore/suspend naming no account of the chosen unit, gets the same answer as any filing;
   the account manager sees the clash at review. Restore and suspend are matched by account
   name **within the chosen unit** only.
2. ``file_application`` stores it with status UNCONFIRMED and ``filed_online``, logs
   APPLICATION_FILED (nobody acting) and, on commit, mails the contact window a link.
3. The link carries ``make_confirm_token``: a ``TimestampSigner`` signature (own salt) of the
   application's pk and a keyed digest of the contact e-mail (the address itself never appears
   in a URL), valid for ``ACCOUNT_APPLICATION_CONFIRM_HOURS``. Opening it shows a button
   (mail scanners pre-fetch links; a GET changes nothing); pressing it calls
   ``confirm_application``: status FILED, ``confirmed_at``, APPLICATION_CONFIRMED logged and,
   on commit, the reviewing unit's account managers mailed (the system administrators if the
   unit has none; ``routing.application_mail_recipients`` decides). It is single-use because only an UNCONFIRMED application can be confirmed.
4. Until then ``routing.applications_visible_to`` hides the application from everybody;
   ``purge_unconfirmed(now)`` deletes the ones whose link has expired (for the daily rules).

Mail failures are logged and never break the request.
"""

import datetime
import logging
import re
import unicodedata

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from site45.core import mail
from site45.core.text_checks import has_control_characters

from ..org.account_roles import ACCOUNT_ROLE_CHOICES
from ..org.matrix import load_matrix
from ..org.models import HQ_SPECIAL, Unit
from ..org.roles import role_allowed_at
from . import lifecycle_log, routing
from .applications import (
    DECLARATION_TEXT,
    ONE_LINE_TEXT_FIELDS,
    REPLY_WORKING_DAYS,
    AccountApplication,
    unit_half_fields,
)

logger = logging.getLogger(__name__)

CONFIRM_SALT = "site45.governance.accounts.filing.confirm"
#: How old the date on a form filed online may be: an older form is filled in and approved again.
APPLICATION_DATE_MAX_AGE_DAYS = 30
#: A crafted URL longer than any token we make is refused before any work.
MAX_TOKEN_LENGTH = 200

_PHONE = re.compile(r"^[0-9()+\-#*.,/ ]+(?:(?:分機|轉|ext\.?|EXT\.?|Ext\.?)\s*[0-9]+)?$")
_ACCOUNT_NAME = re.compile(r"^[A-Za-z0-9@.+_-]+$")


# --- settings ------------------------------------------------------------------------------


def allowed_email_domains():
    domains = settings.ACCOUNT_APPLICATION_EMAIL_DOMAINS
    if domains is None:
        domains = ["gov.tw"]
    if isinstance(domains, str):
        domains = [domains]
    return [d.strip().lower().lstrip("@").strip(".") for d in domains if d and d.strip().strip(".")]


def confirm_hours():
    return max(1, int(settings.ACCOUNT_APPLICATION_CONFIRM_HOURS))


def hours_text(hours=None):
    hours = confirm_hours() if hours is None else hours
    return ngettext("%(hours)d 小時", "%(hours)d 小時", hours) % {"hours": hours}


# --- validation helpers --------------------------------------------------------------------


def _ascii_domain(domain):
    domain = (domain or "").strip().rstrip(".")
    try:
        return domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return ""


def email_domain_allowed(email, domains=None):
    """True when ``email``'s domain is an allowed domain or a subdomain of one.

    ``x@wda.gov.tw`` and ``x@gov.tw`` pass for ``gov.tw``; ``x@evilgov.tw`` and
    ``x@gov.tw.example.com`` do not. The domain is compared after IDNA conversion, as the mail
    will be delivered.
    """
    if not email or "@" not in email:
        return False
    domain = _ascii_domain(email.rsplit("@", 1)[1])
    if not domain:
        return False
    for allowed in allowed_email_domains() if domains is None else domains:
        allowed = _ascii_domain(allowed)
        if allowed and (domain == allowed or domain.endswith("." + allowed)):
            return True
    return False


def normalise_email(email):
    """The address with its domain in lower-case ASCII (what is stored, checked and mailed)."""
    local, _sep, domain = email.strip().rpartition("@")
    return f"{local}@{_ascii_domain(domain) or domain.lower()}"


def mailbox_key(email):
    """The mailbox an address delivers to, for counting filings per e-mail.

    One spelling per mailbox, so the per-e-mail limit cannot be dodged by writing the same
    address differently: lower-case throughout, the quotes around a quoted local part dropped
    (``"name"@`` is ``name@``), and a ``+tag`` dropped (``name+x@`` is ``name@``, as most mail
    servers deliver it). The domain is compared in IDNA form like ``email_domain_allowed``.
    Only a key for counting: the address stored and mailed stays as it was typed.
    """
    local, _sep, domain = unicodedata.normalize("NFKC", email or "").strip().rpartition("@")
    local = local.strip()
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        local = local[1:-1]
    local = local.lower()
    untagged = local.split("+", 1)[0]
    return f"{untagged or local}@{_ascii_domain(domain) or domain.lower()}"


def valid_phone(value):
    """Taiwanese phone numbers as people write them: 04-2228-9111#123, (02)8995-6000 分機 12."""
    value = unicodedata.normalize("NFKC", value or "").strip()
    return bool(_PHONE.match(value)) and sum(ch.isdigit() for ch in value) >= 6


def _grouped_unit_choices():
    """Publishing, active units grouped by the branch with jurisdiction (HQ units first)."""
    type_order = {code: n for n, code in enumerate(load_matrix())}
    units = list(Unit.objects.publishing().filter(is_active=True).select_related("jurisdiction_branch"))
    groups = {}
    for unit in units:
        if unit.unit_type == "branch":
            branch = unit
        elif unit.unit_type in (HQ_SPECIAL, "hq_division"):
            branch = None
        else:
            branch = unit.jurisdiction_branch
        groups.setdefault(branch, []).append(unit)
    # HQ first, then the branches in the order of org-units.csv (north to south).
    ordered = sorted(groups.items(), key=lambda item: -1 if item[0] is None else item[0].pk)
    choices = [("", _("請選擇申請單位"))]
    for branch, members in ordered:
        members.sort(key=lambda u: (u != branch, type_order.get(u.unit_type, 99), u.pk))
        if branch is None:
            label = _("勞動力發展署署本部")
        else:
            label = _("%(branch)s及轄區單位") % {"branch": branch.display_name}
        choices.append((label, [(u.pk, u.display_name) for u in members]))
    return choices


# --- the form ------------------------------------------------------------------------------


class PublicApplicationForm(forms.ModelForm):
    """The applying unit's half of Attachment 1, for anybody.

    The application date is the one written on the form (today by default); the supervisor
    approves on or after it, and neither may lie in the future or more than
    ``APPLICATION_DATE_MAX_AGE_DAYS`` back.
    """

    PHONE_FIELDS = ("contact_phone", "user_phone")
    EMAIL_FIELDS = ("contact_email", "user_email")
    PERMISSION_FIELDS = ("perm_account_opener", "perm_reviewer", "perm_editor")

    change_type = forms.ChoiceField(
        label=gettext_lazy("帳號異動類型"), choices=AccountApplication.CHANGE_TYPE_CHOICES, widget=forms.RadioSelect
    )
    account_role = forms.ChoiceField(
        label=gettext_lazy("使用者帳號角色"), choices=ACCOUNT_ROLE_CHOICES, widget=forms.RadioSelect
    )

    class Meta:
        model = AccountApplication
        # The unit's half of Attachment 1 as it is (see ``applications.UNIT_HALF_FIELDS``); unlike
        # the admin there is no ``existing_user``: the account name is matched within the unit.
        fields = unit_half_fields()
        widgets = {
            "contact_phone": forms.TextInput(attrs={"type": "tel"}),
            "user_phone": forms.TextInput(attrs={"type": "tel"}),
            "application_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "supervisor_approved_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "signed_form": forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        }

    #: autocomplete tokens (WCAG 1.3.5): the contact window is usually the person filling in.
    AUTOCOMPLETE = {
        "contact_name": "section-contact name",
        "contact_phone": "section-contact tel",
        "contact_email": "section-contact email",
        "user_name": "section-user name",
        "user_title": "section-user organization-title",
        "user_phone": "section-user tel",
        "user_email": "section-user email",
        "account_name": "off",
        "supervisor_name": "off",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application_date"].initial = timezone.localdate()
        self.fields["application_date"].help_text = _(
            "申請表上填寫的日期，不能是未來的日期，也不能早於 %(days)d 天前。"
        ) % {"days": APPLICATION_DATE_MAX_AGE_DAYS}
        unit = self.fields["unit"]
        unit.queryset = Unit.objects.publishing().filter(is_active=True)
        unit.choices = _grouped_unit_choices()
        unit.error_messages["invalid_choice"] = _("請從清單中選擇申請單位。")
        self.fields["signed_form"].help_text = _(
            "選填：已由單位主管簽核的紙本申請表掃描檔，限 PDF，檔案大小 10 MB 以內。"
        )
        self.fields["supervisor_approved_on"].help_text = _(
            "單位主管核定本申請的日期，不能早於申請日期，也不能是未來的日期。"
        )
        self.fields["supervisor_approved_on"].initial = timezone.localdate()
        self.fields["account_role_other"].help_text = _("選擇「其他」時必填。")
        self.fields["contact_email"].help_text = _("確認信會寄到這個信箱；限 %(domains)s 網域。") % {
            "domains": pgettext("列表分隔符號", "、").join(allowed_email_domains())
        }
        self.fields["user_email"].help_text = _("帳號開通通知會寄到這個信箱；限 %(domains)s 網域。") % {
            "domains": pgettext("列表分隔符號", "、").join(allowed_email_domains())
        }
        self.fields["declaration_agreed"].label = DECLARATION_TEXT
        # Optional in the model (the admin may pick the user instead); the public always types it.
        self.fields["account_name"].required = True
        for name, field in self.fields.items():
            if field.required:
                choosing = isinstance(field.widget, (forms.Select, forms.RadioSelect))
                message = _("請選擇「%(label)s」。") if choosing else _("請填寫「%(label)s」。")
                field.error_messages["required"] = message % {"label": field.label}
            if name in self.AUTOCOMPLETE:
                field.widget.attrs["autocomplete"] = self.AUTOCOMPLETE[name]
            if isinstance(field, forms.CharField) and getattr(field, "max_length", None):
                field.error_messages["max_length"] = _("「%(label)s」最多 %(max)d 個字，請縮短後再送出。") % {
                    "label": field.label,
                    "max": field.max_length,
                }
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = _("「%(label)s」不是有效的電子信箱。") % {"label": field.label}
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = _("「%(label)s」不是有效的日期，請依「年-月-日」填寫。") % {
                    "label": field.label
                }
        for name in self.PHONE_FIELDS:
            self.fields[name].widget.attrs["inputmode"] = "tel"
        for name in ("contact_name", "user_name", "supervisor_name"):
            self.fields[name].widget.attrs["autocapitalize"] = "words"
        self.fields["account_name"].widget.attrs.update({"autocapitalize": "none", "spellcheck": "false", "lang": "en"})
        self.fields["account_name"].error_messages["required"] = _(
            "請填寫帳號名稱：新增時填申請的帳號名稱，恢復使用或停止使用時填原帳號。"
        )
        self.fields["change_type"].error_messages["invalid_choice"] = _("請選擇帳號異動類型。")
        self.fields["account_role"].error_messages["invalid_choice"] = _("請選擇使用者帳號角色。")

    # --- fields ---

    def clean(self):
        data = super().clean()
        for name in ONE_LINE_TEXT_FIELDS:
            value = data.get(name)
            if isinstance(value, str) and has_control_characters(value):
                self.add_error(
                    name, _("「%(label)s」含有無法接受的控制字元，請重新輸入。") % {"label": self.fields[name].label}
                )
        for name in self.PHONE_FIELDS:
            value = data.get(name)
            if name in data and value and not valid_phone(value):
                self.add_error(
                    name, _("「%(label)s」請填寫電話號碼，例如 04-2228-9111#123。") % {"label": self.fields[name].label}
                )
            elif value:
                data[name] = unicodedata.normalize("NFKC", value).strip()
        for name in self.EMAIL_FIELDS:
            value = data.get(name)
            if not value or name not in data:
                continue
            if not email_domain_allowed(value):
                self.add_error(
                    name,
                    _("「%(label)s」須為 %(domains)s 網域的公務電子信箱。")
                    % {
                        "label": self.fields[name].label,
                        "domains": pgettext("列表分隔符號", "、").join(allowed_email_domains()),
                    },
                )
            else:
                data[name] = normalise_email(value)
        self._clean_account(data)
        self._clean_roles_for_unit(data)
        self._clean_dates(data)
        return data

    def _clean_account(self, data):
        """The account name's form only: whether it names an account is not the filer's business.

        The answer must be the same whether or not an account of that name exists: a taken
        name for a new account, or a restore/suspend naming no account of the chosen unit, is
        filed like any other; the account manager sees the clash when reviewing
        (``AccountApplication.account_problem``) and approval refuses it (``approval_effects``).
        Restore and suspend remember the account of that name **within the chosen unit**.
        """
        change, name, unit = data.get("change_type"), (data.get("account_name") or "").strip(), data.get("unit")
        self._unit_account = None
        self.instance.existing_user = None
        if not name or "account_name" not in data:
            return  # the model's clean says the name is required
        if change == AccountApplication.NEW:
            if not _ACCOUNT_NAME.match(name):
                self.add_error("account_name", _("帳號名稱只能使用英文字母、數字及 @ . + - _ 符號。"))
        elif change in (AccountApplication.RESTORE, AccountApplication.SUSPEND) and unit is not None:
            self._unit_account = get_user_model().objects.filter(username__iexact=name, membership__unit=unit).first()
            self.instance.existing_user = self._unit_account

    def _post_clean(self):
        """The model's clean looks the name up across all units; only the unit's match is kept."""
        super()._post_clean()
        self.instance.existing_user = getattr(self, "_unit_account", None)

    def _clean_roles_for_unit(self, data):
        unit = data.get("unit")
        if unit is None or data.get("change_type") != AccountApplication.NEW:
            return
        for box, role in (("perm_account_opener", "account_manager"), ("perm_reviewer", "unit_reviewer")):
            if data.get(box) and not role_allowed_at(role, unit.unit_type):
                self.add_error(box, _("所選的申請單位不能設置「%(role)s」。") % {"role": self.fields[box].label})

    def _clean_dates(self, data):
        applied_on = data.get("application_date")
        if applied_on and applied_on > timezone.localdate():
            self.add_error("application_date", _("申請日期不能晚於今天。"))
        elif applied_on and (timezone.localdate() - applied_on).days > APPLICATION_DATE_MAX_AGE_DAYS:
            self.add_error(
                "application_date",
                _("申請日期不能早於 %(days)d 天前；請重新填寫申請表並經主管核定。")
                % {"days": APPLICATION_DATE_MAX_AGE_DAYS},
            )
        approved_on = data.get("supervisor_approved_on")
        if approved_on and approved_on > timezone.localdate():
            self.add_error("supervisor_approved_on", _("單位主管核定日期不能晚於今天。"))

    def _update_errors(self, errors):
        """The model's messages, minus what would tell a stranger whether an account exists.

        With an account name typed, ``_clean_account`` is the only voice about it. Errors on fields
        the public form does not have become form errors instead of breaking the form.
        """
        if not hasattr(errors, "error_dict"):
            return super()._update_errors(errors)
        error_dict = dict(errors.error_dict)
        change = self.cleaned_data.get("change_type")
        typed_name = self.cleaned_data.get("account_name") or self.data.get(self.add_prefix("account_name")) or ""
        if (
            change in (AccountApplication.NEW, AccountApplication.RESTORE, AccountApplication.SUSPEND)
            and str(typed_name).strip()
        ):
            # ``_clean_account`` alone speaks about the account name: the model's "already
            # taken", "not found" and "not of this unit" would each tell whether it exists.
            error_dict.pop("existing_user", None)
            error_dict.pop("account_name", None)
        for field in list(error_dict):
            if field != NON_FIELD_ERRORS and field not in self.fields:
                error_dict.setdefault(NON_FIELD_ERRORS, []).extend(error_dict.pop(field))
        # Keep only the first message per field that already has one (no double reporting).
        for field in list(error_dict):
            if field in self._errors:
                error_dict.pop(field)
        if error_dict:
            super()._update_errors(ValidationError(error_dict))

    # --- rendering ---

    def error_summary(self):
        """``[{"href", "text"}]`` for the error summary at the top of the page."""
        items = []
        for message in self.non_field_errors():
            items.append({"href": "#application-form", "text": message})
        for name in self.fields:
            if name not in self.errors:
                continue
            bound = self[name]
            target = bound.auto_id
            if isinstance(bound.field.widget, forms.RadioSelect):
                target = f"{bound.auto_id}_0"
            for message in self.errors[name]:
                items.append(
                    {
                        "href": f"#{target}",
                        "text": _("%(label)s：%(message)s") % {"label": bound.label, "message": message},
                    }
                )
        return items

    def permission_fields(self):
        return [self[name] for name in self.PERMISSION_FIELDS]

    def permission_error_ids(self):
        """Ids of the permission boxes' error lines (for the fieldset's ``aria-describedby``)."""
        return " ".join(f"{self[name].auto_id}_error" for name in self.PERMISSION_FIELDS if self[name].errors)


# --- the confirmation token -----------------------------------------------------------------


class InvalidConfirmToken(Exception):
    """A token that was not made here, or whose application no longer matches it."""


def _email_digest(email):
    return salted_hmac(CONFIRM_SALT + ".email", (email or "").strip().lower()).hexdigest()[:20]


def _signer():
    return signing.TimestampSigner(salt=CONFIRM_SALT)


def make_confirm_token(app):
    return _signer().sign(f"{app.pk}.{_email_digest(app.contact_email)}")


def confirm_url(app, language=None):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        path = reverse("account_application:confirm", args=[make_confirm_token(app)])
    return base + path


CONFIRMABLE = "confirmable"
ALREADY_CONFIRMED = "confirmed"
EXPIRED = "expired"


def resolve_confirm_token(token):
    """``(application or None, state)`` for a token; raises ``InvalidConfirmToken``.

    ``state`` is ``CONFIRMABLE``, ``ALREADY_CONFIRMED`` (whatever the token's age) or
    ``EXPIRED`` (the application may have been purged already: then it is ``None``).
    """
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise InvalidConfirmToken
    signer = _signer()
    try:
        value = signer.unsign(token)
    except signing.BadSignature:
        raise InvalidConfirmToken from None
    try:
        signer.unsign(token, max_age=datetime.timedelta(hours=confirm_hours()))
        expired = False
    except signing.SignatureExpired:
        expired = True
    except signing.BadSignature:  # pragma: no cover - the signature was just accepted
        raise InvalidConfirmToken from None
    pk_text, _sep, digest = value.partition(".")
    if not re.fullmatch(r"[0-9]{1,18}", pk_text):
        raise InvalidConfirmToken
    app = (
        AccountApplication.objects.filter(pk=int(pk_text), filed_online=True)
        .select_related("unit", "reviewing_unit")
        .first()
    )
    if app is None:
        if expired:
            return None, EXPIRED
        raise InvalidConfirmToken
    if not constant_time_compare(digest, _email_digest(app.contact_email)):
        raise InvalidConfirmToken
    if app.status != AccountApplication.UNCONFIRMED:
        return app, ALREADY_CONFIRMED
    return app, EXPIRED if expired else CONFIRMABLE


# --- filing and confirming ------------------------------------------------------------------


def file_application(form, language=None):
    """Store a valid ``PublicApplicationForm`` as an UNCONFIRMED online application.

    Everything or nothing: the application (with its upload) and the APPLICATION_FILED entry
    are written in one transaction; the confirmation mail leaves after the commit.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with transaction.atomic():
        app = form.save(commit=False)
        app.status = AccountApplication.UNCONFIRMED
        app.filed_online = True
        app.confirmed_at = None
        app.save()
        lifecycle_log.log_event(
            app,
            lifecycle_log.APPLICATION_FILED,
            by=None,
            reason=gettext_lazy("線上申請表送出，待指定聯繫窗口由電子郵件連結確認"),
            online=True,
            unit=app.unit.code,
        )
        transaction.on_commit(lambda: send_confirmation_mail(app, language))
    return app


def confirm_application(pk):
    """Move an UNCONFIRMED application to FILED; returns ``(application, confirmed_now)``."""
    with transaction.atomic():
        app = AccountApplication.objects.select_for_update().filter(pk=pk).first()
        if app is None or app.status != AccountApplication.UNCONFIRMED:
            return app, False
        app.status = AccountApplication.FILED
        app.confirmed_at = timezone.now()
        app.save()  # routes again: the reviewing unit as it is at confirmation
        lifecycle_log.log_event(
            app,
            lifecycle_log.APPLICATION_CONFIRMED,
            by=None,
            reason=gettext_lazy("指定聯繫窗口已由電子郵件連結確認申請，送交審查單位"),
            online=True,
            reviewing_unit=app.reviewing_unit.code if app.reviewing_unit_id else "",
        )
        transaction.on_commit(lambda: notify_account_managers(app))
    return app, True


def purge_unconfirmed(now=None):
    """Delete online applications never confirmed within the link's validity; returns how many.

    For the daily rules. Logs nothing; the uploaded PDFs go with their applications.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=confirm_hours())
    expired = AccountApplication.objects.filter(status=AccountApplication.UNCONFIRMED, created_at__lt=cutoff)
    files = [name for name in expired.exclude(signed_form="").values_list("signed_form", flat=True) if name]
    count, _per_model = expired.delete()
    if files:
        storage = AccountApplication._meta.get_field("signed_form").storage

        def delete_files():
            for name in files:
                try:
                    storage.delete(name)
                except Exception:
                    logger.exception("Could not delete the signed form %s", name)

        transaction.on_commit(delete_files)
    return count


# --- mail -----------------------------------------------------------------------------------


def send_confirmation_mail(app, language=None):
    """The contact window gets the confirmation link (in the language the form was filed in)."""
    language = language or settings.LANGUAGE_CODE
    return mail.send(
        "filing/confirmation",
        lambda: {
            "application": app,
            "hours": hours_text(),
            "url": confirm_url(app, language),
        },
        routing.application_mail_recipients(app, routing.CONFIRMATION),
        language=language,
        separately=True,
    )


def notify_account_managers(app):
    """Tell the reviewing unit's account managers that a confirmed application waits."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return mail.send(
        "filing/waiting",
        lambda: {
            "application": app,
            "days": REPLY_WORKING_DAYS,
            "reviewing_unit": app.reviewing_unit.display_name if app.reviewing_unit_id else "-",
            "url": base + reverse("account_applications:inspect", args=[app.pk]),
        },
        routing.application_mail_recipients(app, routing.WAITING),
        language=settings.LANGUAGE_CODE,
        separately=True,
    )
