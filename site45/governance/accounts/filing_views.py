"""Public views of the account-application filing (see ``filing.py``), in every site language.

- ``/account-application/``: the form. POST → on success a redirect to ``sent/`` (PRG); bad
  input → the form again with the errors (200), nothing stored. POSTs are rate-limited per
  client address (``ACCOUNT_APPLICATION_RATE_LIMIT`` per ``ACCOUNT_APPLICATION_RATE_LIMIT_WINDOW``
  seconds) and valid filings per contact mailbox (``ACCOUNT_APPLICATION_EMAIL_RATE_LIMIT``;
  ``filing.mailbox_key``: case, quotes and ``+tag`` do not make another mailbox), so
  the form can neither be used to probe account names nor to flood someone's mailbox; over a
  limit → 429 and nothing stored.
- ``sent/``: "check your e-mail".
- ``confirm/<token>/``: GET shows what is being confirmed and a button (mail scanners fetch
  links, so a GET changes nothing); POST confirms. An already confirmed application says so
  (200); a tampered token → 400, an expired one → 410, each with a page that says what to do.

No CAPTCHA and no honeypot: the limits and the e-mail confirmation do that work without
putting a puzzle in front of readers using a screen reader or a keyboard.
"""

import math

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from site45.core.rate_limit import FixedWindowRateLimit, client_address

from .applications import REPLY_WORKING_DAYS
from .filing import (
    ALREADY_CONFIRMED,
    EXPIRED,
    InvalidConfirmToken,
    PublicApplicationForm,
    allowed_email_domains,
    confirm_application,
    confirm_hours,
    file_application,
    hours_text,
    mailbox_key,
    resolve_confirm_token,
)

app_name = "account_application"


def _window():
    return int(settings.ACCOUNT_APPLICATION_RATE_LIMIT_WINDOW)


def address_limit():
    return FixedWindowRateLimit("filing-address", settings.ACCOUNT_APPLICATION_RATE_LIMIT, _window())


def email_limit():
    return FixedWindowRateLimit("filing-email", settings.ACCOUNT_APPLICATION_EMAIL_RATE_LIMIT, _window())


def _private(response):
    """Pages reached through a personal link: not indexed, the token not sent to other sites.

    ``same-origin``, not ``no-referrer``: under ``no-referrer`` the browser sends ``Origin: null``
    with the page's own POST (「確認送出申請」), and Django's CSRF check refuses it.
    """
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _rate_limited(request, limit):
    seconds = limit.retry_after()
    response = TemplateResponse(
        request, "governance/filing/rate_limited.html", {"minutes": max(1, math.ceil(seconds / 60))}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def application_form(request):
    if request.method == "POST":
        limit = address_limit()
        if not limit.hit(client_address(request)):
            return _rate_limited(request, limit)
        form = PublicApplicationForm(request.POST, request.FILES)
        if form.is_valid():
            per_email = email_limit()
            if not per_email.hit(mailbox_key(form.cleaned_data["contact_email"])):
                return _rate_limited(request, per_email)
            file_application(form)
            return redirect("account_application:sent")
    else:
        form = PublicApplicationForm()
    return TemplateResponse(
        request,
        "governance/filing/form.html",
        {
            "form": form,
            "error_summary": form.error_summary() if form.is_bound else [],
            "today": timezone.localdate(),
            "domains": allowed_email_domains(),
            "hours": hours_text(),
        },
    )


@never_cache
@require_GET
def sent(request):
    return _private(TemplateResponse(request, "governance/filing/sent.html", {"hours": hours_text()}))


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        app, state = resolve_confirm_token(token)
    except InvalidConfirmToken:
        return _private(
            TemplateResponse(request, "governance/filing/link_problem.html", {"problem": "invalid"}, status=400)
        )
    if state == EXPIRED:
        return _private(
            TemplateResponse(
                request,
                "governance/filing/link_problem.html",
                {"problem": "expired", "hours": hours_text(confirm_hours())},
                status=410,
            )
        )
    if state != ALREADY_CONFIRMED and request.method == "POST":
        app, confirmed_now = confirm_application(app.pk)
        state = "done" if confirmed_now else ALREADY_CONFIRMED
    context = {"app": app, "state": state, "reply_days": REPLY_WORKING_DAYS}
    return _private(TemplateResponse(request, "governance/filing/confirm.html", context))


urlpatterns = [
    path("", application_form, name="form"),
    path("sent/", sent, name="sent"),
    path("confirm/<str:token>/", confirm, name="confirm"),
]
