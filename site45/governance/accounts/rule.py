"""The skeleton every daily account rule stands on (規定 三, SPEC §6): what is done once for all.

A rule says only what is particular to it, in four steps:

- ``candidates()`` — what may be due on ``self.today``, read with a fixed number of set-based
  queries (whatever the number of accounts);
- ``outcome(item)`` — the line the run reports for one candidate: an ``Outcome`` to act on, a
  ``KEPT`` one that is only reported, or ``None`` when nothing is due;
- ``act(item, outcome, locked)`` — the change itself (deactivate, log, anonymise), in a
  transaction, after the row lock (``locked``: the row ``lock`` re-read) and the notice claim;
  returns False when there was nothing left to do;
- ``notify(item, outcome)`` — the mail, after the commit; returns a note for the output line
  (e.g. the mail could not be sent), or nothing.

``Rule.run(today, dry_run)`` owns the rest, the same for every rule:

- **the dry run**: each due outcome is reported as 「（試跑，將執行）…」 and nothing is locked,
  claimed, changed, logged or sent;
- **locking**: ``lock(item)`` (default: none) re-reads the row under ``SELECT … FOR UPDATE`` and
  re-checks it; ``None`` means somebody (another node, a person) did it meanwhile;
- **claims**: ``notice(item)`` names the ``RuleNotice`` (kind, key, data) that a warning, flag or
  reminder claims first, so that only one run ever sends it;
- **failure recording**: an action that raises is logged, reported as 「執行失敗」 and the run goes
  on with the next candidate; a rule that raises does not stop the other rules (``run_rules``).

Running the rules one node at a time (the job's lock) is ``site45.core.scheduling``'s, taken by the
``enforce_account_rules`` command around ``run_rules``.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..org.capabilities import system_admins
from . import lifecycle_log
from .notices import claim_notice

logger = logging.getLogger(__name__)

#: Outcome kinds that are not lifecycle actions.
KEPT = "kept"
FAILED = "failed"
PURGED = "purged"
ANONYMISED = "anonymised"
OUTCOME_LABELS = {
    KEPT: gettext_lazy("未停用"),
    FAILED: gettext_lazy("執行失敗"),
    PURGED: gettext_lazy("刪除未確認的線上申請"),
    ANONYMISED: gettext_lazy("帳號申請個資去識別化"),
}


def outcome_label(action):
    return str(lifecycle_log.LABELS.get(action) or OUTCOME_LABELS.get(action) or action)


@dataclass
class Outcome:
    """One thing a rule did (or, in a dry run, would do) — one line of the command's output."""

    action: str  # a ``lifecycle_log`` action, or KEPT / FAILED
    subject: str  # what it is about, e.g. "txg-hua（#12）"
    reason: str  # why, in zh-Hant, as logged
    done: bool = True  # False in a dry run
    note: str = ""  # e.g. the mail could not be sent

    def __str__(self):
        line = f"{outcome_label(self.action)}：{self.subject}｜{self.reason}"
        if not self.done:
            line = _("（試跑，將執行）%(line)s") % {"line": line}
        return f"{line}（{self.note}）" if self.note else line


class Rule:
    """A daily rule: ``run(today, dry_run)`` returns the list of ``Outcome``s (see the module)."""

    def __init__(self):
        self._system_admins = None
        self.today = None
        self.dry_run = False

    # --- what a rule says ------------------------------------------------------------------

    def candidates(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def outcome(self, item):  # pragma: no cover - abstract
        raise NotImplementedError

    def lock(self, item):
        """The item's row re-read under a row lock, or ``None`` if it is no longer due (default:
        the item itself, unlocked)."""
        return item

    def notice(self, item):
        """``(kind, key, data)`` of the ``RuleNotice`` to claim before acting, or ``None``."""
        return None

    def act(self, item, outcome, locked):
        """Make the change (inside the transaction); False when there was nothing left to do."""
        return True

    def after(self, item, outcome):
        """Called for each action done (or, in a dry run, that would be done), in order."""

    def notify(self, item, outcome):
        """Tell whoever must know, after the commit; returns a note for the output, or ``None``."""
        return None

    def finish(self, acted):
        """Called once after a real run with the items acted on (e.g. one record for them all)."""

    # --- what every rule does the same way -------------------------------------------------

    def run(self, today, dry_run=False):
        self.today, self.dry_run = today, dry_run
        outcomes, acted = [], []
        for item in self.candidates():
            outcome = self.outcome(item)
            if outcome is None:
                continue
            if outcome.action == KEPT:
                outcomes.append(outcome)
                continue
            if dry_run:
                outcome.done = False
                self.after(item, outcome)
                outcomes.append(outcome)
                continue
            try:
                done = self._act_once(item, outcome)
            except Exception as error:
                outcomes.append(self.failed(outcome.subject, error))
                continue
            if not done:
                continue  # done meanwhile (another node, an application, the admin)
            acted.append(item)
            self.after(item, outcome)
            outcome.note = self.notify(item, outcome) or ""
            outcomes.append(outcome)
        if acted:
            self.finish(acted)
        return outcomes

    def _act_once(self, item, outcome):
        with transaction.atomic():
            locked = self.lock(item)
            if locked is None:
                return False
            notice = self.notice(item)
            if notice is not None and not claim_notice(*notice):
                return False
            return bool(self.act(item, outcome, locked))

    def system_admins(self):
        """``system_admins()``, read once per rule run (only when somebody is to be told)."""
        if self._system_admins is None:
            self._system_admins = system_admins()
        return self._system_admins

    @staticmethod
    def failed(subject, error):
        """The outcome of one action that raised: logged, reported, and the run goes on."""
        logger.exception("Account rule action on %s failed", subject)
        return Outcome(FAILED, subject, f"{type(error).__name__}: {error}")


def run_each(rules, today, dry_run=False):
    """Run each of ``rules`` (classes) for ``today``; returns the outcomes. A rule that fails
    does not stop the rest."""
    outcomes = []
    with translation.override("zh-hant"):  # reasons are logged in the agency's words
        for rule_class in rules:
            try:
                outcomes.extend(rule_class().run(today, dry_run=dry_run))
            except Exception as error:
                logger.exception("Account rule %s failed", rule_class.__name__)
                outcomes.append(Outcome(FAILED, rule_class.__name__, f"{type(error).__name__}: {error}"))
    return outcomes
