"""The session rules of the admin (規定 五). Every rule about sessions lives here;
the middleware, the signal handlers, the views and ``governance.accounts.approval_effects`` call it.

- **Idle timeout.** A signed-in session that has not really used the admin for
  ``ADMIN_IDLE_TIMEOUT_SECONDS`` (default 15 minutes) is signed out at its next request,
  whatever that request is (``is_idle``). The time of the last use is
  ``SignedInSession.last_activity_at``, not a value inside the session: writing it never
  rewrites the session's data, so two concurrent requests cannot lose each other's session
  changes. With a shared cache (``REDIS_URL``) the clock is also kept there (``IdleClock``):
  every node reads it from Redis instead of querying the table on each signed-in request; the
  row stays the record and is written as before.
- **What counts as use** (``counts_as_activity``): a request to the admin made by the person,
  i.e. not one of the admin's own background requests, which would otherwise keep an editor
  page open forever: Wagtail's editing-session pings (``/admin/editing-sessions/…``), its
  autosave (a POST that does not accept HTML: Wagtail's ``JsonPostResponseMixin``), and the
  warning script's status check (a GET of ``session_status``). Pressing 「繼續使用」 in the
  warning POSTs the same endpoint, which does count. Reading the public site signed in is not
  use of the admin (as in ``governance.accounts.middleware.AdminActivityMiddleware``).
- **Sessions end when the browser closes**: ``SESSION_EXPIRE_AT_BROWSER_CLOSE`` and
  ``ends_at_browser_close`` (Wagtail's 「記住我」 box would otherwise make the cookie persistent).
- **One session per account** (規定 五, no shared accounts): a new sign-in ends the account's
  other sessions at once (``displace_other_sessions``) and records
  「同一帳號於另一處登入，先前的工作階段已結束」 with both addresses in the account record.
- **Ending every session of an account** (suspension, deactivation): ``end_sessions_of``, one
  indexed query on the user → session table instead of decoding every session. With
  ``cached_db`` sessions (a shared cache, ``site45/core/cache_config.py``) the cached copies are
  deleted with the rows, or every node would go on reading them.
- **Signing out is real**: signing out is a POST (Django's ``LogoutView``);
  any other method on the sign-out URL is refused before the view, so it changes nothing
  (Wagtail's view would otherwise delete the cookie in the browser while the session stayed
  valid on the server, ``is_sign_out_by_other_method``). And whatever view deletes the session
  cookie, the server-side session ends with it (``cookie_deleted_but_session_alive``).
"""

import logging
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from site45.core.account_policy import account_policy
from site45.core.admin_requests import admin_prefix, is_admin_request
from site45.core.cache_config import is_process_local

from . import log_actions
from .models import SignedInSession

logger = logging.getLogger(__name__)

#: the session key Django keeps a login's user id under (``django.contrib.auth.SESSION_KEY``)
AUTH_USER_KEY = "_auth_user_id"
#: where Django's ``set_expiry`` keeps a per-session expiry (``SessionBase.set_expiry``)
EXPIRY_KEY = "_session_expiry"


def idle_timeout_seconds():
    return max(60, int(settings.ADMIN_IDLE_TIMEOUT_SECONDS))


def idle_warning_seconds():
    """How long before the timeout the warning shows (never more than half the timeout)."""
    warning = int(settings.ADMIN_IDLE_WARNING_SECONDS)
    return max(5, min(warning, idle_timeout_seconds() // 2))


# --- the user → session table --------------------------------------------------------------------


def owner_id(session_data):
    """The user id a session's decoded data signs in (or ``None``)."""
    owner = (session_data or {}).get(AUTH_USER_KEY)
    try:
        return int(owner) if owner is not None else None
    except (TypeError, ValueError):
        return None


# --- the idle clock in the shared cache -----------------------------------------------------------


class IdleClock:
    """``(user id, last activity)`` of a session in the shared cache, beside its row.

    Only over a cache every node shares: a per-process copy would let one worker's clock lag
    behind another's use. Written wherever the row's activity is written, deleted with the row;
    an entry lives no longer than a session can.
    """

    KEY = "signin:idle-clock:"

    @staticmethod
    def cache():
        alias = settings.SESSION_CACHE_ALIAS
        return None if is_process_local(settings.CACHES.get(alias)) else caches[alias]

    @classmethod
    def read(cls, session_key, user_id):
        cache = cls.cache()
        value = cache.get(cls.KEY + session_key) if cache is not None else None
        if not value or value[0] != user_id:
            return None
        return SignedInSession(session_id=session_key, user_id=value[0], last_activity_at=value[1])

    @classmethod
    def write(cls, session_key, user_id, last_activity_at):
        cache = cls.cache()
        if cache is not None:
            cache.set(cls.KEY + session_key, (user_id, last_activity_at), timeout=settings.SESSION_COOKIE_AGE)

    @classmethod
    def forget(cls, session_keys):
        cache = cls.cache()
        if cache is not None and session_keys:
            cache.delete_many([cls.KEY + key for key in session_keys])


def index_session(session_key, user_id):
    """Record that ``session_key`` signs in ``user_id`` (one upsert; activity is left as it was)."""
    row = SignedInSession(session_id=session_key, user_id=user_id)
    SignedInSession.objects.bulk_create(
        [row],
        update_conflicts=True,
        unique_fields=["session"],
        update_fields=["user"],
    )


def unindex_session(session_key):
    SignedInSession.objects.filter(session_id=session_key).delete()
    IdleClock.forget([session_key])


def record_sign_in(session_key, user, ip_address, user_agent):
    """A sign-in: the row of its session, with where it came from, and activity from now."""
    now = timezone.now()
    row = SignedInSession(
        session_id=session_key,
        user_id=user.pk,
        ip_address=ip_address,
        user_agent=(user_agent or "")[:255],
        signed_in_at=now,
        last_activity_at=now,
    )
    SignedInSession.objects.bulk_create(
        [row],
        update_conflicts=True,
        unique_fields=["session"],
        update_fields=["user", "ip_address", "user_agent", "signed_in_at", "last_activity_at"],
    )
    IdleClock.write(session_key, user.pk, now)


def tracked_session(request):
    """The row of ``request``'s (signed-in) session, created if the index missed it (from the
    shared cache when it has the clock: then no query)."""
    key = request.session.session_key
    row = IdleClock.read(key, request.user.pk)
    if row is not None:
        return row
    row = SignedInSession.objects.filter(session_id=key).first()
    if row is None or row.user_id != request.user.pk:
        index_session(key, request.user.pk)
        row = SignedInSession.objects.get(session_id=key)
    IdleClock.write(key, row.user_id, row.last_activity_at)
    return row


def end_sessions_of(user, except_key=None):
    """Delete every stored session of ``user`` (but ``except_key``); returns the ended rows'
    ``(session key, address)`` pairs. Rows left without a session go too."""
    rows = SignedInSession.objects.filter(user_id=user.pk)
    if except_key is not None:
        rows = rows.exclude(session_id=except_key)
    ended = list(rows.values_list("session_id", "ip_address"))
    if ended:
        keys = [key for key, _address in ended]
        Session.objects.filter(session_key__in=keys).delete()  # cascades to their rows
        SignedInSession.objects.filter(session_id__in=keys).delete()  # rows whose session was gone
        forget_cached_sessions(keys)
        IdleClock.forget(keys)
    return ended


def forget_cached_sessions(keys):
    """Delete the cached copies of the sessions ``keys`` (``cached_db``; one cache call). The
    engine's store names its cache keys; an engine without a cache has none to delete."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    prefix = getattr(store, "cache_key_prefix", None)
    if prefix and keys:
        caches[settings.SESSION_CACHE_ALIAS].delete_many([prefix + key for key in keys])


def live_session_keys_of(user):
    return list(
        SignedInSession.objects.filter(user_id=user.pk, session__expire_date__gt=timezone.now()).values_list(
            "session_id", flat=True
        )
    )


# --- one session per account ---------------------------------------------------------------------


def displace_other_sessions(user, session_key, ip_address):
    """End ``user``'s other sessions after a new sign-in; record it when there were any."""
    ended = end_sessions_of(user, except_key=session_key)
    if not ended:
        return []
    previous = sorted({address or _("不明") for _key, address in ended})
    current = ip_address or _("不明")
    account_policy().log_event(
        user,
        log_actions.SESSION_DISPLACED,
        by=user,
        reason=_("同一帳號於另一處登入，先前的工作階段已結束（先前位址：%(previous)s；新登入位址：%(current)s）")
        % {"previous": "、".join(previous), "current": current},
        previous_addresses=[address for _key, address in ended],
        address=ip_address,
        ended_sessions=len(ended),
    )
    return ended


# --- idle timeout --------------------------------------------------------------------------------


def seconds_left(row, now=None):
    """Seconds until ``row``'s session times out for idleness (negative once it has)."""
    now = now or timezone.now()
    return idle_timeout_seconds() - (now - row.last_activity_at).total_seconds()


def is_idle(row, now=None):
    return seconds_left(row, now) <= 0


#: Use closer together than this restarts the idle clock without another write: every admin
#: request would otherwise UPDATE its row, and a 15-minute clock does not need the second.
ACTIVITY_WRITE_INTERVAL_SECONDS = 30


def mark_activity(row, now=None):
    now = now or timezone.now()
    if (now - row.last_activity_at).total_seconds() < ACTIVITY_WRITE_INTERVAL_SECONDS:
        return
    SignedInSession.objects.filter(session_id=row.session_id).update(last_activity_at=now)
    row.last_activity_at = now
    IdleClock.write(row.session_id, row.user_id, now)


def is_background_request(request):
    """One of the admin's own requests, made by a script while a page is open (see above)."""
    path = request.path
    if path.startswith(admin_prefix() + "editing-sessions/"):
        return True  # Wagtail's editing-session ping and release
    if path == reverse("signin_session_status"):
        return request.method != "POST"  # the warning's status check; 「繼續使用」 is a POST
    if request.method == "POST" and not request.accepts("text/html"):
        return True  # Wagtail's autosave (JsonPostResponseMixin asks for JSON)
    return False


def counts_as_activity(request):
    return is_admin_request(request) and not is_background_request(request)


# --- ending at browser close ---------------------------------------------------------------------


def ends_at_browser_close(session):
    """Drop a per-session expiry (Wagtail's 「記住我」 sets one), so the cookie stays a browser
    session cookie (``SESSION_EXPIRE_AT_BROWSER_CLOSE``) and the server-side age is
    ``SESSION_COOKIE_AGE``."""
    if session.get(EXPIRY_KEY) not in (None, 0):
        session.set_expiry(None)


# --- signing out ---------------------------------------------------------------------------------

#: the methods Django's ``LogoutView`` answers (POST signs out; OPTIONS only describes)
SIGN_OUT_METHODS = frozenset({"POST", "OPTIONS"})


def is_sign_out_by_other_method(request):
    """A GET (or any method but POST/OPTIONS) of the admin's sign-out URL."""
    if request.method in SIGN_OUT_METHODS:
        return False
    try:
        return request.path_info == reverse("wagtailadmin_logout")
    except Exception:  # no admin URLs (a test's own URLconf)
        return False


def cookie_deleted_but_session_alive(request, response):
    """The response tells the browser to drop the session cookie while the session it named is
    still stored: "signed out" in the browser only, which must not happen."""
    morsel = response.cookies.get(settings.SESSION_COOKIE_NAME)
    if morsel is None or morsel.value or str(morsel["max-age"]) != "0":
        return False
    session = getattr(request, "session", None)
    key = getattr(session, "session_key", None)
    return bool(key) and session.exists(key)
