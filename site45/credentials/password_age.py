"""Maximum password age: ``PASSWORD_MAX_AGE_DAYS`` (``None`` = no maximum).

The age counts from the newest ``PasswordHistory`` row, i.e. the last time the password was
set. An account with a usable password but no history (created before this app, or whose
hash was written without ``set_password``) counts from ``date_joined``; the migration gives
every existing account a history row dated the day it ran, so deploying the rule does not
expire everyone at once.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import PasswordHistory


def max_age():
    days = settings.PASSWORD_MAX_AGE_DAYS
    return timedelta(days=days) if days else None


def password_set_at(user):
    latest = PasswordHistory.objects.filter(user=user).values_list("created_at", flat=True).first()
    return latest or user.date_joined


def password_expired(user, now=None):
    """True when ``user`` must change the password before using the admin."""
    limit = max_age()
    if limit is None or not user.is_authenticated or not user.has_usable_password():
        return False
    return (now or timezone.now()) - password_set_at(user) >= limit
