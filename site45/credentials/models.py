from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PasswordHistory(models.Model):
    """One password a user has had, as its hash (never the password itself).

    Written by ``history.record_password`` whenever a user is saved with a new password (the
    change-password panel, the set-password link, the user admin, ``createsuperuser`` and
    ``changepassword`` alike). Only the newest ``PASSWORD_HISTORY_COUNT`` rows of a user are kept. The newest row's ``created_at`` is
    when the current password was set, which the maximum age reads.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("使用者"), on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField(_("密碼雜湊值"), max_length=128)
    created_at = models.DateTimeField(_("設定時間"), default=timezone.now)

    class Meta:
        verbose_name = _("密碼歷程")
        verbose_name_plural = _("密碼歷程")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="credentials_pwhist_user_idx")]

    def __str__(self):
        return f"{self.user} @ {self.created_at:%Y-%m-%d %H:%M}"
