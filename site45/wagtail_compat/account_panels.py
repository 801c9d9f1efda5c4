"""帳號設定's 「姓名」 panel in place of Wagtail's 「Name and Email」.

Wagtail 8's ``AccountView.get_panels`` builds the panel from the class it finds under the name
``NameEmailSettingsPanel`` in ``wagtail.admin.views.account`` on each request, with no setting
for it; ``install`` puts ``credentials.account_panels.NameSettingsPanel`` (names only; the
address has its own panel with a confirmation link) under that name. Idempotent.
"""

#: Where Wagtail looks the panel class up (``wagtail/admin/views/account.py``).
PANEL_MODULE = "wagtail.admin.views.account"
PANEL_NAME = "NameEmailSettingsPanel"


def install():
    from wagtail.admin.views import account as account_views

    from site45.credentials.account_panels import NameSettingsPanel

    if not hasattr(account_views, PANEL_NAME):
        raise AttributeError(f"{PANEL_MODULE} no longer defines {PANEL_NAME}")
    setattr(account_views, PANEL_NAME, NameSettingsPanel)
