"""Keep the user → session table in step with Django's sessions, and apply the one-session rule.

- ``Session`` saved (any way: a request, ``Client.login``, a script): index its owner, or drop
  the row if it no longer signs anybody in. Deleting a ``Session`` cascades to its row (ORM).
- ``user_logged_in``: record where the sign-in came from, start the idle clock, and end the
  account's other sessions (``sessions.displace_other_sessions``).
- axes' ``user_locked_out``: the lock goes into the account's record (``lockout.record_lockout``).
"""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import lockout, sessions
from .lockout import client_ip

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Session, dispatch_uid="signin_index_session")
def index_saved_session(sender, instance, raw=False, **kwargs):
    if raw:
        return
    try:
        data = instance.get_decoded()
    except Exception:  # an undecodable session signs nobody in
        data = {}
    owner = sessions.owner_id(data)
    if owner is None:
        sessions.unindex_session(instance.session_key)
    else:
        sessions.index_session(instance.session_key, owner)


@receiver(user_logged_in, dispatch_uid="signin_record_sign_in")
def record_sign_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    key = request.session.session_key
    address = client_ip(request)
    sessions.record_sign_in(key, user, address, request.META.get("HTTP_USER_AGENT", ""))
    sessions.displace_other_sessions(user, key, address)


@receiver(user_locked_out, dispatch_uid="signin_record_lockout")
def record_lockout(sender, request, username, ip_address, **kwargs):
    lockout.record_lockout(request, username, ip_address)
