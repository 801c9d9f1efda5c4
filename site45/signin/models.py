"""The user → session table (``SignedInSession``).

Django keeps a session's owner inside its signed, encoded data, so "the sessions of user X"
cannot be asked of ``django_session``. This table answers it with an index: one row per
signed-in session, written when the session is saved (``signal_handlers``) and at sign-in,
deleted with the session (the ORM cascades ``Session`` deletions here: logout, ``clearsessions``,
``end_sessions_of``). It also holds what the session rules need: the address and browser the
session signed in from (for the 「同一帳號於另一處登入」 record) and the time of the last real
use of the admin (the idle timeout, ``sessions.py``).
"""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignedInSession(models.Model):
    # No database constraints: rows are written inside the session's own save (and an
    # account or session removed concurrently must never make that save fail); the ORM
    # still cascades deletions of either side to this table.
    session = models.OneToOneField(
        Session,
        on_delete=models.CASCADE,
        primary_key=True,
        db_constraint=False,
        related_name="signed_in",
        verbose_name=_("工作階段"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="signed_in_sessions",
        verbose_name=_("帳號"),
    )
    ip_address = models.GenericIPAddressField(_("網路位址"), null=True, blank=True)
    user_agent = models.CharField(_("瀏覽器"), max_length=255, blank=True, default="")
    signed_in_at = models.DateTimeField(_("登入時間"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("最後操作時間"), default=timezone.now)

    class Meta:
        verbose_name = _("登入中的工作階段")
        verbose_name_plural = _("登入中的工作階段")

    def __str__(self):
        return f"{self.user_id} @ {self.ip_address or '-'}"
