"""Governance's answers to what sign-in and credentials ask (``site45.core.account_policy``).

Named by the setting ``ACCOUNT_POLICY``. Each answer is a call to the governance rule that
decides it; none is decided here.
"""

from site45.core.account_policy import AccountPolicy

from ..org import capabilities, roles
from ..privacy import personal_data
from . import approval_effects, filing, lifecycle_log, routing


class GovernanceAccountPolicy(AccountPolicy):
    def user_can(self, user, capability):
        return capabilities.user_can(user, capability)

    def users_who_can(self, capability):
        return capabilities.users_who_can(capability)

    def accounts_managed_by(self, user):
        return routing.accounts_managed_by(user)

    def two_factor_required_by_role(self, user):
        return roles.holds_role(user, *roles.TWO_FACTOR_ROLES)

    def display_name(self, user):
        return personal_data.masked_display_name(user)

    def allowed_email_domains(self):
        return filing.allowed_email_domains()

    def email_domain_allowed(self, email):
        return filing.email_domain_allowed(email)

    def normalise_email(self, email):
        return filing.normalise_email(email)

    def end_sessions(self, user):
        return approval_effects.end_sessions(user)

    def log_event(self, user, action, by=None, reason="", **data):
        return lifecycle_log.log_event(user, action, by=by, reason=reason, **data)
