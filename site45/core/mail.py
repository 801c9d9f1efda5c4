"""The one way the site sends e-mail: a subject template and a body template, one ``send``.

Every mail of the site — the daily account rules, an account opened, an online filing, the
review workflow (SPEC §5, §6) and the sign-in notices — is a pair of Django templates under
``templates/mail/``: ``<kind>.subject.txt`` (one line) and ``<kind>.body.txt`` (plain text).
Their words are ``{% translate %}`` / ``{% blocktranslate %}`` with zh-Hant msgids, so a mail
reads in the language it is sent in: ``send`` renders both inside ``translation.override``.
Callers hand dates over as ready strings (``2026-03-04``: a template would localise a date),
and nothing is HTML-escaped: the mail is plain text.

A mail failure is logged and never undoes what the mail reports (an approval, a suspension,
a filing): ``send`` does not raise. It returns a ``Delivery``, the one answer every caller
needs, whatever it makes of it: the addresses the mail was meant for and those handed to the
mail server, so a caller can say "nobody to mail", "sending failed", count what went or just
test it for truth.

Imports nothing from ``site45``: every app may use it.
"""

import logging
from dataclasses import dataclass

from django.core.mail import send_mail
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivery:
    """What became of one ``send``: ``addresses`` it was meant for, ``sent`` those the mail
    server accepted. True when at least one address was sent to."""

    addresses: tuple = ()
    sent: tuple = ()

    @property
    def nobody(self):
        """Nobody to send to (no address at all)."""
        return not self.addresses

    @property
    def failed(self):
        return tuple(address for address in self.addresses if address not in self.sent)

    def __bool__(self):
        return bool(self.sent)


def addresses_of(recipients):
    """Distinct non-empty e-mail addresses of ``recipients`` — addresses, or users whose
    ``email`` is read — in order; one mailbox once, however its address is capitalised."""
    seen, distinct = set(), []
    for recipient in recipients:
        address = (recipient if isinstance(recipient, str) or recipient is None else recipient.email) or ""
        address = address.strip()
        if address and address.lower() not in seen:
            seen.add(address.lower())
            distinct.append(address)
    return distinct


def render(kind, context, language):
    """``(subject, body)`` of the mail ``kind`` in ``language``.

    ``context`` is a dict, or a function returning one that is called in ``language``: for
    values that depend on it (a unit's display name, the label of a choice).
    """
    with translation.override(language):
        if callable(context):
            context = context()
        subject = _render(f"mail/{kind}.subject.txt", context)
        body = _render(f"mail/{kind}.body.txt", context)
    return " ".join(subject.split("\n")).strip(), body.strip("\n")


def _render(name, context):
    template = get_template(name).template  # the engine's Template: rendered without escaping
    return template.render(Context(context, autoescape=False))


def send(kind, context, to, *, language, separately=False):
    """Render the mail ``kind`` in ``language`` (see ``render``) and send it to ``to``
    (addresses or users, see ``addresses_of``).

    One message to every address, or one message each when ``separately`` (nobody sees who
    else was told). Never raises: a failure is logged.
    """
    addresses = tuple(addresses_of(to))
    if not addresses:
        return Delivery()
    subject, body = render(kind, context, language)
    batches = [[address] for address in addresses] if separately else [list(addresses)]
    sent = []
    for batch in batches:
        try:
            send_mail(subject, body, None, batch)
        except Exception:  # what the mail reports is done; only the mail is missing
            logger.exception("Could not send the %s mail to %s", kind, batch)
        else:
            sent.extend(batch)
    return Delivery(addresses, tuple(sent))
