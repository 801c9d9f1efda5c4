"""The skeleton of the daily rules (``site45.governance.accounts.rule.Rule``), with a rule made up for the test.

What every rule gets from it: a dry run acts on nothing, a claimed notice is acted on once, a row
gone meanwhile is skipped, an action that raises is reported and the next one still runs, and the
items acted on reach ``finish`` once.
"""

import datetime

from site45.governance.accounts import rule as skeleton
from site45.governance.accounts.notices import RuleNotice

TODAY = datetime.date(2026, 3, 4)


class Reminder(skeleton.Rule):
    """Reminds each of ``names`` once (a ``RuleNotice`` per name); ``broken`` raises, ``gone`` vanished."""

    def __init__(self, names, broken=(), gone=()):
        super().__init__()
        self.names, self.broken, self.gone = names, set(broken), set(gone)
        self.acted, self.notified, self.finished = [], [], None

    def candidates(self):
        return list(self.names)

    def outcome(self, name):
        return skeleton.Outcome("reminder", name, "test")

    def lock(self, name):
        return None if name in self.gone else name

    def notice(self, name):
        return RuleNotice.AUDIT_REMINDER, f"test-{name}", {}

    def act(self, name, outcome, locked):
        if name in self.broken:
            raise RuntimeError("broken")
        self.acted.append(locked)
        return True

    def notify(self, name, outcome):
        self.notified.append(name)
        return "mailed"

    def finish(self, acted):
        self.finished = list(acted)


def test_a_dry_run_locks_claims_acts_and_sends_nothing(db):
    rule = Reminder(["a", "b"])
    outcomes = rule.run(TODAY, dry_run=True)
    assert [(o.subject, o.done) for o in outcomes] == [("a", False), ("b", False)]
    assert rule.acted == rule.notified == [] and rule.finished is None
    assert not RuleNotice.objects.exists()


def test_each_notice_is_acted_on_once(db):
    first = Reminder(["a", "b"])
    assert [(o.subject, o.done, o.note) for o in first.run(TODAY)] == [("a", True, "mailed"), ("b", True, "mailed")]
    assert first.finished == ["a", "b"]
    second = Reminder(["a", "b", "c"])
    assert [o.subject for o in second.run(TODAY)] == ["c"]
    assert second.acted == second.notified == ["c"]


def test_a_failed_action_is_reported_and_the_next_one_still_runs(db):
    rule = Reminder(["a", "b", "c"], broken=["b"], gone=["c"])
    outcomes = rule.run(TODAY)
    assert [(o.action, o.subject) for o in outcomes] == [("reminder", "a"), (skeleton.FAILED, "b")]
    assert outcomes[1].reason == "RuntimeError: broken"
    assert rule.notified == ["a"] and rule.finished == ["a"]
    # The failed action's claim was rolled back with it: tomorrow's run tries again.
    assert set(RuleNotice.objects.values_list("key", flat=True)) == {"test-a"}


def test_a_rule_that_fails_does_not_stop_the_others(db):
    class Broken(skeleton.Rule):
        def candidates(self):
            raise RuntimeError("no candidates")

    class Quiet(skeleton.Rule):
        def candidates(self):
            return []

    outcomes = skeleton.run_each((Broken, Quiet), TODAY)
    assert [(o.action, o.subject, o.reason) for o in outcomes] == [
        (skeleton.FAILED, "Broken", "RuntimeError: no candidates")
    ]


def test_a_kept_outcome_is_reported_and_never_acted_on(db):
    class Keeper(Reminder):
        def outcome(self, name):
            return skeleton.Outcome(skeleton.KEPT, name, "kept")

    rule = Keeper(["a"])
    assert [(o.action, o.done) for o in rule.run(TODAY)] == [(skeleton.KEPT, True)]
    assert rule.acted == [] and not RuleNotice.objects.exists()
