"""Admin hooks of the credentials app: the two-factor pages, the account-settings panels and
the 「重設兩步驟驗證」 button of the user listing."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.admin.widgets import Button

from site45.core.account_policy import MANAGE_ACCOUNTS, account_policy

from . import password_age, two_factor, views
from .account_panels import EmailChangePanel


@hooks.register("register_admin_urls")
def register_credentials_urls():
    return [
        path("two-factor/verify/", views.VerifyView.as_view(), name="credentials_two_factor_verify"),
        path("two-factor/set-up/", views.SetUpView.as_view(), name="credentials_two_factor_set_up"),
        path("two-factor/recovery-codes/", views.RenewRecoveryCodesView.as_view(), name="credentials_recovery_codes"),
        path("two-factor/turn-off/", views.TurnOffView.as_view(), name="credentials_two_factor_turn_off"),
        path("two-factor/reset/<int:pk>/", views.ResetView.as_view(), name="credentials_two_factor_reset"),
        path("two-factor/accounts/", views.ResetListView.as_view(), name="credentials_two_factor_accounts"),
        path("account/email/confirm/<str:token>/", views.EmailConfirmView.as_view(), name="credentials_email_confirm"),
    ]


class _NoFields(forms.Form):
    """Wagtail's account view binds and saves every panel's form; these panels have none."""


class InfoPanel(BaseSettingsPanel):
    """A panel that only shows something (links go to pages of their own)."""

    def get_form(self):
        return _NoFields()

    def get_context_data(self):
        return {"form": self.get_form(), **self.extra_context()}

    def extra_context(self):
        return {}


class TwoFactorPanel(InfoPanel):
    name = "two_factor"
    title = _("兩步驟驗證")
    order = 550  # right after Wagtail's 密碼 panel (500)
    template_name = "credentials/account_panel.html"

    def extra_context(self):
        return {
            "has_two_factor": two_factor.has_two_factor(self.user),
            "codes_left": two_factor.recovery_codes_left(self.user),
            "required": two_factor.required_by_role(self.user),
        }


class PasswordExpiredPanel(InfoPanel):
    name = "password_expired"
    title = _("密碼已到期")
    order = 0  # first on the page

    template_name = "credentials/password_expired_panel.html"

    def is_active(self):
        return password_age.password_expired(self.user)

    def extra_context(self):
        return {"max_age_days": password_age.max_age().days}


@hooks.register("register_account_settings_panel")
def register_two_factor_panel(request, user, profile):
    return TwoFactorPanel(request, user, profile)


@hooks.register("register_account_settings_panel")
def register_email_change_panel(request, user, profile):
    return EmailChangePanel(request, user, profile)


@hooks.register("register_account_settings_panel")
def register_password_expired_panel(request, user, profile):
    return PasswordExpiredPanel(request, user, profile)


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if not two_factor.may_reset_two_factor(request_user, user):
        return []
    return [
        Button(
            _("重設兩步驟驗證"), reverse("credentials_two_factor_reset", args=[user.pk]), icon_name="key", priority=90
        )
    ]


class ResetListMenuItem(MenuItem):
    def is_shown(self, request):
        return account_policy().user_can(request.user, MANAGE_ACCOUNTS)


@hooks.register("register_settings_menu_item")
def register_reset_list_menu_item():
    return ResetListMenuItem(
        _("重設兩步驟驗證"), reverse("credentials_two_factor_accounts"), icon_name="key", order=650
    )
