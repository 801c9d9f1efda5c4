"""The admin's sign-in form (``WAGTAILADMIN_USER_LOGIN_FORM``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's form, with the password field's label translated.

    Wagtail declares ``password`` without a label, so Django shows the field name, "Password",
    in English on the zh-Hant sign-in page.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("密碼")
