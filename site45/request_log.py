"""Errors leave a trace: one JSON object per log line, with the request's context.

Production (``settings.production.LOGGING``) writes every log record to stderr as one JSON
object per line — what a container runtime or journald collects and a log search reads:

``{"time", "level", "logger", "message", "request_id", "user_id", "unit", "method", "path",
"status", "exc_type", "traceback"}``

- ``request_id``: the ``X-Request-ID`` our own proxy sent (if it is a plain token of at most 64
  characters), otherwise a new random one. It is returned in the ``X-Request-ID`` response
  header, so a user's report ("it failed at 10:02") can be matched to the line.
- ``user_id``: the account's number, not its name; ``unit``: the code of the account's unit
  (an organisation, not a person). Both are read only when something is logged.
- **No personal data**: no account name, no real name, no e-mail address, no client address, no
  query string (search words and filters can hold names), no form data. E-mail addresses and
  IPv4 addresses that appear in a message or a traceback anyway (an exception's text can quote a
  value) are replaced by ``[e-mail]`` and ``[ip]``. The client address is already kept where it
  is needed: the sign-in log.

The mail to ``ADMINS`` (Django's ``AdminEmailHandler``) uses ``PrivateExceptionReporterFilter``:
form values, cookies and all request headers except a few technical ones are masked.

``RequestContextMiddleware`` keeps the current request in a context variable for
``RequestContextFilter``; it sits first in ``MIDDLEWARE`` so every later layer logs inside it.
"""

import contextvars
import datetime
import json
import logging
import re
import secrets
import traceback

from django.core.exceptions import ImproperlyConfigured
from django.core.validators import validate_email
from django.views.debug import SafeExceptionReporterFilter

_current_request = contextvars.ContextVar("site45_request", default=None)
_resolving = contextvars.ContextVar("site45_log_resolving", default=False)

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_EMAIL_RE = re.compile(r"[^\s@<>()\"',;:]+@[^\s@<>()\"',;:]+\.[A-Za-z]{2,}")
_IPV4_RE = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")


def scrub(text):
    """``text`` with e-mail and IPv4 addresses replaced (they are personal data in a log)."""
    if not text:
        return text
    return _IPV4_RE.sub("[ip]", _EMAIL_RE.sub("[e-mail]", text))


class RequestContextMiddleware:
    """Give each request an id (kept for the log filter) and return it in ``X-Request-ID``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = offered if _REQUEST_ID_RE.match(offered) else secrets.token_hex(16)
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


def current_request():
    """The request this thread is answering (set by ``RequestContextMiddleware``), or ``None``."""
    return _current_request.get()


def _user_and_unit(request):
    """(user id, unit code) of the request's account, or (None, None); cached on the request."""
    cached = getattr(request, "_site45_log_user", None)
    if cached is not None:
        return cached
    if _resolving.get():  # a record logged while we read the user: no second lookup
        return None, None
    token = _resolving.set(True)
    try:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            result = (None, None)
        else:
            # The settings import this module: the model is imported only when a request asks.
            from site45.governance.org.models import Membership

            unit = Membership.objects.filter(user_id=user.pk).values_list("unit__code", flat=True).first()
            result = (user.pk, unit)
    except Exception:  # the log line must be written even when the database is the problem
        result = (None, None)
    finally:
        _resolving.reset(token)
    request._site45_log_user = result
    return result


class RequestContextFilter(logging.Filter):
    """Add ``request_id``, ``user_id``, ``unit``, ``method`` and ``path`` to each record."""

    def filter(self, record):
        request = _current_request.get()
        if request is None:
            request = getattr(record, "request", None)  # django.request passes it along
        if request is not None and hasattr(request, "META"):
            record.request_id = getattr(request, "request_id", None)
            record.user_id, record.unit = _user_and_unit(request)
            record.method = request.method
            record.path = request.path  # never the query string
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, UTF-8, with no personal data (see the module's docstring)."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
            "request_id": getattr(record, "request_id", None),
            "user_id": getattr(record, "user_id", None),
            "unit": getattr(record, "unit", None),
            "method": getattr(record, "method", None),
            "path": scrub(getattr(record, "path", None)),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info and record.exc_info[0] is not None:
            entry["exc_type"] = record.exc_info[0].__name__
            entry["traceback"] = scrub("".join(traceback.format_exception(*record.exc_info)))
        return json.dumps(entry, ensure_ascii=False, default=str)


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error mails to ADMINS carry no form values, cookies or personal request headers."""

    SAFE_META = {
        "REQUEST_METHOD",
        "PATH_INFO",
        "SERVER_NAME",
        "SERVER_PORT",
        "HTTP_HOST",
        "CONTENT_TYPE",
        "CONTENT_LENGTH",
        "HTTP_X_REQUEST_ID",
        "wsgi.url_scheme",
    }

    def is_active(self, request):
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return {key: self.cleansed_substitute for key in request.POST}

    def get_safe_request_meta(self, request):
        return {
            key: (value if key in self.SAFE_META else self.cleansed_substitute)
            for key, value in getattr(request, "META", {}).items()
        }

    def get_safe_cookies(self, request):
        return {key: self.cleansed_substitute for key in getattr(request, "COOKIES", {})}


def admins_from_env(value):
    """``ADMINS`` from ``"名字:mail@x.gov.tw,ops@x.gov.tw"``: (name, address) pairs.

    Entries are separated by commas; each is ``name:address`` or an address alone (its name is
    then the address). A malformed address stops the start-up with a message saying which.
    """
    admins = []
    for item in (value or "").split(","):
        item = item.strip()
        if not item:
            continue
        name, _colon, address = item.rpartition(":")
        address = address.strip()
        try:
            validate_email(address)
        except Exception as error:
            raise ImproperlyConfigured(f"ADMINS: {address!r} is not an e-mail address.") from error
        admins.append((name.strip() or address, address))
    return admins


def logging_config(level="INFO"):
    """``LOGGING`` for production: JSON lines on stderr; errors also mailed to ``ADMINS``."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_context": {"()": "site45.request_log.RequestContextFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {"json": {"()": "site45.request_log.JsonFormatter"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "json",
                "filters": ["request_context"],
            },
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false"],
            },
        },
        "root": {"handlers": ["stderr"], "level": "WARNING"},
        "loggers": {
            "django": {"handlers": ["stderr", "mail_admins"], "level": level, "propagate": False},
            # A request for a host we do not serve is noise from scanners: logged, not mailed.
            "django.security.DisallowedHost": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
            "django.server": {"handlers": ["stderr"], "level": level, "propagate": False},
            "site45": {"handlers": ["stderr", "mail_admins"], "level": level, "propagate": False},
        },
    }
