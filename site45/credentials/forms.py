"""Forms of the two-factor pages: each holds one code field (or a reason) and nothing else."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A 6-digit code from the authenticator app, or (where allowed) a recovery code."""

    code = forms.CharField(
        label=_("驗證碼"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True,
                                      "spellcheck": "false", "autocapitalize": "off"}),
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
