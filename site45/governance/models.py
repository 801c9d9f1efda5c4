from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .matrix import load_matrix

ROOT_UNIT_TYPE = "root"


def unit_type_choices():
    """Unit types of Attachment 2, labelled as in matrix.csv, plus the organisation root."""
    return [(ROOT_UNIT_TYPE, _("機關（組織根節點）"))] + [
        (code, rules.name_zh) for code, rules in load_matrix().items()
    ]


class UnitQuerySet(models.QuerySet):
    def publishing(self):
        """Units that may own content: every unit whose type is a column of Attachment 2."""
        return self.exclude(unit_type=ROOT_UNIT_TYPE)


class Unit(models.Model):
    """An organisation unit (單位): an HQ division, a branch, a centre, a county office…

    ``jurisdiction_branch`` is the branch with jurisdiction (轄區分署): the branch itself for
    branch units, the branch over the county for county-level units. ``supervising_unit`` is
    the county unit that reviews a silver point's or service desk's drafts
    (上稿審核權在各局處).
    """

    code = models.SlugField(_("單位代碼"), max_length=64, unique=True)
    name_zh = models.CharField(_("中文名稱"), max_length=200)
    name_en = models.CharField(_("英文名稱"), max_length=200, blank=True)
    unit_type = models.CharField(_("單位類型"), max_length=32, choices=unit_type_choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上級單位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    jurisdiction_branch = models.ForeignKey(
        "self",
        verbose_name=_("轄區分署"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jurisdiction_units",
    )
    supervising_unit = models.ForeignKey(
        "self",
        verbose_name=_("上稿審核單位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_units",
        help_text=_("銀髮人才服務據點與就業服務臺的稿件由此縣市政府單位審核。"),
    )
    is_active = models.BooleanField(_("啟用"), default=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("單位")
        verbose_name_plural = _("單位")
        ordering = ["code"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name_zh

    @property
    def rules(self):
        """This unit type's row of Attachment 2 (``None`` for the organisation root)."""
        return load_matrix().get(self.unit_type)

    def may_publish(self, matrix_code):
        rules = self.rules
        return bool(rules and rules.allows(matrix_code))

    def clean(self):
        errors = {}
        rules = self.rules
        if self.jurisdiction_branch_id and self.jurisdiction_branch.unit_type != "branch":
            errors["jurisdiction_branch"] = _("轄區分署必須是分署單位。")
        needs_supervisor = bool(rules and rules.drafts_reviewed_by == "supervising_county_unit")
        if needs_supervisor and not self.supervising_unit_id:
            errors["supervising_unit"] = _("此類單位的稿件由縣市政府單位審核，請指定上稿審核單位。")
        if self.supervising_unit_id:
            if not needs_supervisor:
                errors["supervising_unit"] = _("只有銀髮人才服務據點與就業服務臺需要上稿審核單位。")
            elif self.supervising_unit.unit_type != "county":
                errors["supervising_unit"] = _("上稿審核單位必須是縣市政府單位。")
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("單位不能是自己的上級單位。")
        if errors:
            raise ValidationError(errors)
