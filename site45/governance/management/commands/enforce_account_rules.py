import datetime
import re
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from site45.governance.accounts.daily_rules import FAILED, KEPT, exclusive_run, outcome_label, run_rules


def parse_date(value):
    """``YYYY-MM-DD`` → date; ``CommandError`` (zh-Hant) for anything else."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        raise CommandError(
            _("--date 須為 YYYY-MM-DD 格式的日期，例如 2026-03-02；收到的是「%(value)s」。") % {"value": value}
        )
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("--date 不是有效的日期：「%(value)s」。") % {"value": value}) from None


class Command(BaseCommand):
    help = (
        "Apply the daily account rules (規定 三): suspend leavers ex officio 3 working days after "
        "their departure date, warn (14/7/3/1 days before) and close accounts unused for 180 days, "
        "flag applications not replied to within 5 working days, remind the auditor of a missed "
        "half-year audit. Idempotent; on PostgreSQL one node at a time (advisory lock). Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="print what would be done; change, log and send nothing",
        )
        parser.add_argument(
            "--date",
            metavar="YYYY-MM-DD",
            help="apply the rules as on this date (tests, catching up a missed day); default: today",
        )

    def handle(self, *args, **options):
        with translation.override("zh-hant"):
            today = parse_date(options["date"]) if options["date"] else timezone.localdate()
            dry_run = options["dry_run"]
            if dry_run:
                outcomes = run_rules(today, dry_run=True)
            else:
                with exclusive_run() as acquired:
                    if not acquired:
                        self.stdout.write(_("另一個節點正在執行帳號規則，本次不執行。"))
                        return
                    outcomes = run_rules(today)
            for outcome in outcomes:
                self.stdout.write(str(outcome))
            self.stdout.write(self.summary(today, dry_run, outcomes))
            failed = sum(1 for o in outcomes if o.action == FAILED)
            if failed:
                raise CommandError(_("%(count)d 項處理失敗，詳見上列訊息及系統記錄。") % {"count": failed})

    @staticmethod
    def summary(today, dry_run, outcomes):
        counts = Counter(o.action for o in outcomes)
        done = sum(n for action, n in counts.items() if action not in (KEPT, FAILED))
        head = (
            _("帳號規則試跑（%(date)s）：將執行 %(count)d 項")
            if dry_run
            else _("帳號規則（%(date)s）：執行 %(count)d 項")
        ) % {"date": today, "count": done}
        if not counts:
            return head + _("，無須處理。")
        parts = "、".join(f"{outcome_label(action)} {n}" for action, n in counts.items())  # in the order of the rules
        return f"{head}（{parts}）"
