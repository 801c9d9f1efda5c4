"""When an account was last actually used (規定 三(五): 180 days without use closes an account).

``last_login`` only changes when somebody types a password; a remembered admin session can
last for weeks without one. ``AccountActivity.last_seen_at`` is written by
``middleware.AdminActivityMiddleware`` on admin requests (at most once per
``ACTIVITY_WRITE_INTERVAL`` per session, so browsing does not write on every click) and is
what the inactivity rule counts from, together with sign-ins, activation and restores
(``approval_effects.inactivity_reference_date``).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: How often one session may refresh ``last_seen_at``: plenty for a rule counted in days.
ACTIVITY_WRITE_INTERVAL = datetime.timedelta(minutes=10)


class AccountActivity(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("使用者"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="account_activity",
    )
    last_seen_at = models.DateTimeField(_("最近使用後台時間"), db_index=True)

    class Meta:
        verbose_name = _("帳號使用紀錄")
        verbose_name_plural = _("帳號使用紀錄")

    def __str__(self):
        return f"{self.user_id}: {self.last_seen_at:%Y-%m-%d %H:%M}"


def record_activity(user, when=None):
    """Store that ``user`` used the admin at ``when`` (now by default); one upsert."""
    when = when or timezone.now()
    AccountActivity.objects.update_or_create(user_id=user.pk, defaults={"last_seen_at": when})
