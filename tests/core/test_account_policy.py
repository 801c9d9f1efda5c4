"""Sign-in and credentials ask governance through one doorway (``site45/core/account_policy.py``)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from site45.core import account_policy as doorway
from site45.credentials import two_factor
from site45.governance.accounts.account_policy import GovernanceAccountPolicy
from site45.governance.org import capabilities
from site45.signin import lockout


class NobodyMay(doorway.AccountPolicy):
    """A policy that refuses everything, to show the apps ask the setting's class."""

    def user_can(self, user, capability):
        return False

    def two_factor_required_by_role(self, user):
        return False


def superuser():
    return get_user_model()(username="root", is_superuser=True, is_active=True)


def test_the_setting_names_governances_policy():
    assert isinstance(doorway.account_policy(), GovernanceAccountPolicy)


def test_the_capability_names_are_defined_once_below_governance():
    for name in ("ADMINISTER_SYSTEM", "MANAGE_ACCOUNTS", "UNLOCK_ACCOUNTS"):
        assert getattr(capabilities, name) is getattr(doorway, name)
        assert getattr(doorway, name) in capabilities.CAPABILITIES


def test_signin_and_credentials_ask_the_policy_the_setting_names():
    user = superuser()
    assert lockout.may_unlock(user) and lockout.is_system_admin(user)
    assert two_factor.required_by_role(user)
    with override_settings(ACCOUNT_POLICY="tests.core.test_account_policy.NobodyMay"):
        assert isinstance(doorway.account_policy(), NobodyMay)
        assert not lockout.may_unlock(user) and not lockout.is_system_admin(user)
        assert not two_factor.required_by_role(user)
    assert isinstance(doorway.account_policy(), GovernanceAccountPolicy)


def test_the_interface_answers_nothing_itself():
    with pytest.raises(NotImplementedError):
        doorway.AccountPolicy().user_can(superuser(), doorway.ADMINISTER_SYSTEM)
