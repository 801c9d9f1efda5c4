"""Forms of the two-factor pages: each holds one code field (or a reason) and nothing else."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.forms.account import NameEmailForm
from wagtail.admin.forms.auth import PasswordResetForm

from site45.core.account_policy import account_policy
from site45.core.rate_limit import FixedWindowRateLimit, client_address
from site45.core.text_checks import has_control_characters, refuse_control_characters

from . import email_change


class CodeForm(forms.Form):
    """A 6-digit code from the authenticator app, or (where allowed) a recovery code."""

    code = forms.CharField(
        label=_("驗證碼"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autofocus": True,
                "spellcheck": "false",
                "autocapitalize": "off",
            }
        ),
        help_text=_("請輸入驗證器 App 顯示的 6 位數字；手機遺失時可輸入一組復原碼（例如 abcd-efgh-ijkl-mnop）。"),
        error_messages={"required": _("請輸入驗證碼。")},
    )


class AppCodeForm(CodeForm):
    """Only a code from the app (setting up, renewing recovery codes, turning off)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("請輸入驗證器 App 目前顯示的 6 位數字。")
        self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def clean_code(self):
        code = "".join(ch for ch in self.cleaned_data["code"] if not ch.isspace())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("驗證碼是 6 位數字。"))
        return code


class ResetForm(forms.Form):
    """Why an account manager resets someone's two-factor sign-in (kept in the account record)."""

    reason = forms.CharField(
        label=_("重設原因"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：使用者手機遺失，已電話確認為本人。此說明會記錄在帳號異動紀錄中。"),
        error_messages={"required": _("請說明重設原因。")},
    )


# --- 帳號設定: names and the e-mail address ------------------------------


class NameForm(NameEmailForm):
    """Wagtail's 姓名 fields without the address (changed on its own panel), refusing control,
    format and line-separator characters like every name field (``text_checks``)."""

    email = None

    class Meta(NameEmailForm.Meta):
        fields = ["first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].validators.append(refuse_control_characters)


class EmailChangeForm(forms.Form):
    """A new address and the current password; ``save`` mails the link, changing nothing yet."""

    new_email = forms.EmailField(
        label=_("新的電子信箱"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    current_password = forms.CharField(
        label=_("目前的密碼"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("變更電子信箱須輸入目前的密碼。"),
    )

    def __init__(self, user, *args, request=None, **kwargs):
        self.user, self.request = user, request
        super().__init__(*args, **kwargs)
        self.fields["new_email"].help_text = _(
            "限 %(domains)s 網域。確認信會寄到新信箱，點選信中連結並確認後才會生效；目前的信箱也會收到通知。"
        ) % {"domains": "、".join(account_policy().allowed_email_domains())}

    def clean_new_email(self):
        value = self.cleaned_data.get("new_email") or ""
        if has_control_characters(value):
            raise forms.ValidationError(_("含有無法接受的控制字元或換行字元，請重新輸入。"))
        if not value:
            raise forms.ValidationError(_("請輸入新的電子信箱。"))
        try:
            return email_change.check_new_address(self.user, value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_current_password(self):
        if not email_change.check_password(self.user, self.cleaned_data.get("current_password")):
            raise forms.ValidationError(_("目前的密碼不正確（連續錯誤時請稍後再試）。"))
        return ""

    def save(self):
        new_email = self.cleaned_data["new_email"]
        email_change.request_change(self.user, new_email)
        if self.request is not None:
            messages.info(
                self.request,
                _("確認信已寄到 %(email)s；請登入後台後開啟信中連結並按「確認變更」，電子信箱才會變更。")
                % {"email": new_email},
            )


# --- /admin/password_reset/: rate limited per address and per account ----------


class RateLimitedPasswordResetForm(PasswordResetForm):
    """Wagtail's form (``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``); the view answers
    「已寄出」 either way, so a refused request looks like any other and tells nobody whether
    the address has an account. Limits: ``password_reset_limits``."""

    def save(self, *args, request=None, **kwargs):
        per_address, _per_account = password_reset_limits()
        if request is not None and not per_address.hit(client_address(request)):
            return None
        return super().save(*args, request=request, **kwargs)

    def get_users(self, email):
        _per_address, per_account = password_reset_limits()
        for user in super().get_users(email):
            if per_account.hit(user.pk):
                yield user


def password_reset_limits():
    """(per client address, per account) from ``PASSWORD_RESET_RATE_LIMIT`` (default 10) and
    ``PASSWORD_RESET_ACCOUNT_RATE_LIMIT`` (3) per ``PASSWORD_RESET_RATE_LIMIT_WINDOW`` (3600 s)."""
    window = settings.PASSWORD_RESET_RATE_LIMIT_WINDOW
    return (
        FixedWindowRateLimit("password-reset-ip", settings.PASSWORD_RESET_RATE_LIMIT, window),
        FixedWindowRateLimit("password-reset-account", settings.PASSWORD_RESET_ACCOUNT_RATE_LIMIT, window),
    )
