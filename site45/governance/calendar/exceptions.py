"""Exceptions to the ordinary working week (工作日行事曆), editable in the admin.

A day is a working day when it is Monday–Friday, unless a row here says otherwise:

- ``holiday`` (放假日): a national holiday, its 補假 (observed day) or an adjusted day off
  (調整放假); seeded from the ``holidays`` package by ``manage.py seed_calendar``;
- ``makeup_workday`` (補行上班日): a Saturday that is a working day (補班);
- ``closure`` (停止上班): an ad-hoc closure such as a typhoon day (颱風停班), entered by hand.

``source`` says whether ``seed_calendar`` wrote the row (``seeded``: it may correct or remove it
when it runs again) or a person did (``manual``: the seeding never touches it). Editing a row in
the admin makes it manual. Questions about working days are answered by
``site45.governance.calendar.working_days``, never by querying this model day by day.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarException(models.Model):
    HOLIDAY = "holiday"
    MAKEUP_WORKDAY = "makeup_workday"
    CLOSURE = "closure"
    KIND_CHOICES = [
        (HOLIDAY, _("放假日（國定假日、補假、調整放假）")),
        (MAKEUP_WORKDAY, _("補行上班日")),
        (CLOSURE, _("停止上班（颱風等）")),
    ]
    #: Kinds that make a day off; a make-up workday makes a day on.
    DAY_OFF_KINDS = frozenset({HOLIDAY, CLOSURE})

    SEEDED = "seeded"
    MANUAL = "manual"
    SOURCE_CHOICES = [
        (SEEDED, _("自動匯入")),
        (MANUAL, _("人工設定")),
    ]

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(
        _("類別"),
        max_length=20,
        choices=KIND_CHOICES,
        help_text=_(
            "補行上班日：當天上班（例如週六補班）；放假日、停止上班：當天不上班。"
            "要取消一筆自動匯入的放假日，請把類別改為「補行上班日」，不要刪除：刪除的匯入資料會在下次匯入時恢復。"
        ),
    )
    name = models.CharField(_("名稱"), max_length=100)
    source = models.CharField(_("來源"), max_length=10, choices=SOURCE_CHOICES, default=MANUAL, editable=False)
    updated_at = models.DateTimeField(_("最後更新"), auto_now=True)

    class Meta:
        verbose_name = _("行事曆例外日")
        verbose_name_plural = _("工作日行事曆")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"

    @property
    def is_day_off(self):
        return self.kind in self.DAY_OFF_KINDS
