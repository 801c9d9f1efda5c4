"""The 姓名 and 電子信箱 panels of 帳號設定.

Wagtail 8 builds its 「Name and Email」 panel in ``AccountView.get_panels`` and offers no setting
for its form. ``AccountSettingsView`` (routed at Wagtail's own address and name in
``site45/urls.py``) puts ``NameSettingsPanel`` in its place: the names only, refusing control and
line-separator characters. The address moves to
``EmailChangePanel`` (registered with ``register_account_settings_panel``), which asks for the
current password and changes nothing until the new address confirms (``email_change``).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import account as account_views

from .forms import EmailChangeForm, NameForm


class NameSettingsPanel(account_views.NameEmailSettingsPanel):
    form_class = NameForm
    title = _("姓名")


class EmailChangePanel(account_views.BaseSettingsPanel):
    name = "email_change"
    title = _("電子信箱")
    order = 150  # after 姓名 (100)
    template_name = "credentials/email_panel.html"

    def get_form(self):
        # Bound only when a new address is typed: the page's other panels save without it.
        bound = self.request.method == "POST" and bool(self.request.POST.get(f"{self.name}-new_email", "").strip())
        data = self.request.POST if bound else None
        return EmailChangeForm(self.user, data, prefix=self.name, request=self.request)

    def get_context_data(self):
        return {"form": self.get_form(), "current_email": self.user.email}


class AccountSettingsView(account_views.AccountView):
    """Wagtail's 帳號設定, with 「姓名」 (``NameSettingsPanel``) in place of 「Name and Email」."""

    def get_panels(self):
        return [
            NameSettingsPanel(panel.request, panel.user, panel.profile)
            if type(panel) is account_views.NameEmailSettingsPanel
            else panel
            for panel in super().get_panels()
        ]
