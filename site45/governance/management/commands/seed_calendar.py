import datetime

import holidays
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from site45.governance.calendar.seed import seed_calendar


class Command(BaseCommand):
    help = (
        "Seed the working-day calendar (national holidays, observed days, make-up workdays) from "
        "the holidays package for the given years. Safe to run again; never overwrites rows "
        "added or edited in the admin."
    )

    def add_arguments(self, parser):
        this_year = datetime.date.today().year
        parser.add_argument(
            "--years",
            nargs="+",
            type=int,
            default=[this_year, this_year + 1],
            help="years to seed (default: this year and the next)",
        )

    def handle(self, *args, **options):
        years = sorted(set(options["years"]))
        counts = seed_calendar(years)
        self.stdout.write(
            _(
                "工作日行事曆已匯入（%(years)s，holidays %(version)s）：新增 %(created)d 筆，更新 %(updated)d 筆，"
                "未變更 %(unchanged)d 筆，移除 %(deleted)d 筆，保留人工設定 %(manual_kept)d 筆。"
            )
            % {"years": "、".join(str(y) for y in years), "version": holidays.__version__, **counts}
        )
