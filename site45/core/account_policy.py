"""What sign-in and credentials ask about accounts, through one doorway (the ``ACCOUNT_POLICY`` setting).

``site45.signin`` and ``site45.credentials`` sit below ``site45.governance`` (README,
Architecture, Layers; the import-linter contract in ``pyproject.toml``): they may not import it.
Where they need a governance answer — who may unlock or reset whose account, which accounts
someone manages, who must sign in with a second factor, how a name is shown, which e-mail
domains are allowed, ending an account's sessions, writing its lifecycle record — they ask
``account_policy()``, an instance of the class the setting names
(``site45.governance.accounts.account_policy.GovernanceAccountPolicy``). That class only
delegates: every rule stays where it lives in governance.

The capability names asked of ``user_can`` are defined here, once; governance's capability
table (``governance/org/capabilities.py``) imports them.
"""

from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

#: The system administrator's own work: every application, every account, locked addresses,
#: the reviewer of last resort (SPEC §3, §4).
ADMINISTER_SYSTEM = "administer_system"
#: Handle account applications (帳號申請) routed to one's unit (SPEC §6).
MANAGE_ACCOUNTS = "manage_accounts"
#: Lift a sign-in lock of the accounts one manages (登入鎖定).
UNLOCK_ACCOUNTS = "unlock_accounts"


class AccountPolicy:
    """The questions. Each answer is the implementation's (``ACCOUNT_POLICY``)."""

    def user_can(self, user, capability):
        """May ``user`` exercise ``capability`` (one of the names above)?"""
        raise NotImplementedError

    def users_who_can(self, capability):
        """The users for whom ``user_can(user, capability)`` is true (a ``User`` queryset)."""
        raise NotImplementedError

    def accounts_managed_by(self, user):
        """The accounts ``user`` manages (a ``User`` queryset; every account for the system administrator)."""
        raise NotImplementedError

    def two_factor_required_by_role(self, user):
        """Does ``user``'s role require two-factor sign-in?"""
        raise NotImplementedError

    def display_name(self, user):
        """``user``'s name as lists show it to another user (masked)."""
        raise NotImplementedError

    def allowed_email_domains(self):
        """The e-mail domains an account's address may have (lower case, no leading ``@``)."""
        raise NotImplementedError

    def email_domain_allowed(self, email):
        """Is ``email``'s domain an allowed domain or a subdomain of one?"""
        raise NotImplementedError

    def normalise_email(self, email):
        """The address as it is stored, checked and mailed."""
        raise NotImplementedError

    def end_sessions(self, user):
        """End every session of ``user``; how many were ended."""
        raise NotImplementedError

    def log_event(self, user, action, by=None, reason="", **data):
        """Write one event in ``user``'s account record (``action``: a registered action name)."""
        raise NotImplementedError


@cache
def account_policy():
    """The ``ACCOUNT_POLICY`` instance (loaded once; again after ``override_settings``)."""
    return import_string(settings.ACCOUNT_POLICY)()


@receiver(setting_changed)
def _forget_policy(setting, **kwargs):
    if setting == "ACCOUNT_POLICY":
        account_policy.cache_clear()
