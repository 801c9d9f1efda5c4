"""Users with real memberships, for governance tests."""

from django.contrib.auth import get_user_model

from site45.governance.models import Membership, Unit

_n = iter(range(1, 10**9))


def make_member(unit_code, *roles, username=None, account_role="county_officer", is_active=True, **extra):
    """A user of ``unit_code`` holding ``roles`` (e.g. "unit_reviewer"); "editor" unless told otherwise."""
    User = get_user_model()
    user = User.objects.create_user(
        username=username or f"user{next(_n)}", password="pw-for-tests-only-123", is_active=is_active
    )
    fields = {f"is_{role}": True for role in roles}
    fields.setdefault("is_editor", not roles or "editor" in roles)
    Membership.objects.create(
        user=user, unit=Unit.objects.get(code=unit_code), account_role=account_role, **fields, **extra
    )
    user.refresh_from_db()
    return user
