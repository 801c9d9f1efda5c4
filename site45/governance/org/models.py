"""The organisation's models: units (單位) and each user's membership of one (SPEC §2, §3).

The lowest floor of governance: every room builds on these, and this module imports only
the role table (``roles``), the account roles and the matrix.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import get_page_models

from .account_roles import ACCOUNT_ROLE_CHOICES, ACCOUNT_ROLE_OTHER
from .matrix import load_matrix
from .roles import (
    ROLE_FIELDS,
    ROLE_LABELS,
    SYSTEM_WIDE_SINGLE_ROLES,
    check_membership,
    role_allowed_at,
    roles_with_one_seat_per_unit,
    unit_types_allowing,
)

ROOT_UNIT_TYPE = "root"
#: 本署身特組: the one unit that acts on all content (SPEC §4 「全」), opens the accounts of
#: headquarters and the branches (SPEC §6) and reviews what a branch or an HQ division cannot.
HQ_SPECIAL = "hq_special"
#: 縣市政府（中高齡業務單位）: the county government unit, coded by its county (TW-TXG 臺中市政府).
COUNTY = "county"


def section_models():
    """Page models that are a unit's section: ``is_unit_section = True`` and a ``unit`` key.

    Found by duck typing, so that governance never imports the content apps.
    """
    return [m for m in get_page_models() if getattr(m, "is_unit_section", False)]


def unit_type_choices():
    """Unit types of Attachment 2, labelled as in matrix.csv, plus the organisation root."""
    return [(ROOT_UNIT_TYPE, _("機關（組織根節點）"))] + [
        (code, rules.name_zh) for code, rules in load_matrix().items()
    ]


class UnitQuerySet(models.QuerySet):
    def publishing(self):
        """Units that may own content: every unit whose type is a column of Attachment 2."""
        return self.exclude(unit_type=ROOT_UNIT_TYPE)

    def hq_special_unit(self):
        """The hq_special unit (``None`` if there is none): the active one, first by code.

        A unit that is no longer active (停用) receives no applications and holds no reviewer
        seat that counts (the dashboard lists empty seats of active units only), so neither
        routing (SPEC §6) nor review escalation (SPEC §4) may land on it.
        """
        return self.filter(unit_type=HQ_SPECIAL, is_active=True).order_by("code").first()


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
    media_collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("媒體集"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="owning_unit",
        help_text=_("此單位上傳的圖片與文件所在的媒體集（系統自動建立）。"),
    )

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

    @property
    def county_unit(self):
        """The county government unit (縣市政府) this unit works in, or ``None``.

        A county unit is its own; the units inside a county (silver points, service desks,
        commissioned centres, service stations: org-units.csv lists them under their county)
        have the nearest county unit above them. Headquarters, the branches and the branches'
        centres belong to no county. One query per level climbed.
        """
        unit, seen = self, set()
        while unit is not None and unit.pk not in seen:
            if unit.unit_type == COUNTY:
                return unit
            seen.add(unit.pk)
            unit = unit.parent
        return None

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
            elif self.supervising_unit.unit_type != COUNTY:
                errors["supervising_unit"] = _("上稿審核單位必須是縣市政府單位。")
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("單位不能是自己的上級單位。")
        if self.pk:
            errors.update(self._members_fit_unit_type())
        if errors:
            raise ValidationError(errors)

    def _members_fit_unit_type(self):
        """Changing a unit's type must not leave a member holding a role the new type forbids."""
        for role, field in ROLE_FIELDS.items():
            if not role_allowed_at(role, self.unit_type) and self.memberships.filter(**{field: True}).exists():
                return {
                    "unit_type": _("此單位有成員擔任%(role)s，新的單位類型不能設置此角色；請先調整成員角色。")
                    % {"role": ROLE_LABELS[role]}
                }
        return {}

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            # Memberships and unit sections repeat unit_type; keep them in step.
            self.memberships.exclude(unit_type=self.unit_type).update(unit_type=self.unit_type)
            for model in section_models():
                model.objects.filter(unit=self).exclude(unit_type=self.unit_type).update(unit_type=self.unit_type)


def _role_constraints():
    """Database constraints for SPEC §3, generated from matrix.csv (never typed by hand)."""
    constraints = []
    for role, field in ROLE_FIELDS.items():
        allowed = unit_types_allowing(role)
        if set(allowed) != set(load_matrix()):
            constraints.append(
                models.CheckConstraint(
                    condition=models.Q(**{field: False}) | models.Q(unit_type__in=allowed),
                    name=f"{role}_only_at_allowed_unit_types",
                )
            )
    for role in roles_with_one_seat_per_unit():
        field = ROLE_FIELDS[role]
        constraints.append(
            models.UniqueConstraint(fields=["unit"], condition=models.Q(**{field: True}), name=f"one_{role}_per_unit")
        )
    for role in SYSTEM_WIDE_SINGLE_ROLES:
        field = ROLE_FIELDS[role]
        constraints.append(
            models.UniqueConstraint(
                fields=[field], condition=models.Q(**{field: True}), name=f"one_{role}_in_the_system"
            )
        )
    constraints.append(
        models.CheckConstraint(
            condition=~models.Q(account_role=ACCOUNT_ROLE_OTHER) | ~models.Q(account_role_other=""),
            name="other_account_role_is_explained",
        )
    )
    return constraints


class Membership(models.Model):
    """A user's place in the organisation: exactly one unit, an account role and governance roles.

    ``unit_type`` repeats the unit's type so that the role limits of Attachment 2 can be
    database constraints (a CHECK cannot look into another table); ``save`` keeps it in step.
    """

    user = models.OneToOneField(
        "auth.User", verbose_name=_("使用者"), on_delete=models.CASCADE, related_name="membership"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("所屬單位"), on_delete=models.PROTECT, related_name="memberships")
    unit_type = models.CharField(_("單位類型"), max_length=32, editable=False)
    account_role = models.CharField(_("使用者帳號角色"), max_length=32, choices=ACCOUNT_ROLE_CHOICES)
    account_role_other = models.CharField(_("其他角色說明"), max_length=100, blank=True)
    is_system_admin = models.BooleanField(_("系統總管理者"), default=False)
    is_account_manager = models.BooleanField(_("帳號申請管理者"), default=False)
    is_account_auditor = models.BooleanField(_("帳號清查者"), default=False)
    is_unit_reviewer = models.BooleanField(_("單位審核人員"), default=False)
    is_editor = models.BooleanField(_("一般承辦人員"), default=True)
    departure_date = models.DateField(
        _("離職或調離日期"),
        null=True,
        blank=True,
        help_text=_("使用者離職或職務異動的日期；逾 3 個工作日仍未停用者，系統將依職權逕予停用。"),
    )

    class Meta:
        verbose_name = _("單位成員資格")
        verbose_name_plural = _("單位成員資格")
        constraints = _role_constraints()

    def __str__(self):
        return f"{self.user} @ {self.unit}"

    def save(self, *args, **kwargs):
        self.unit_type = self.unit.unit_type
        super().save(*args, **kwargs)

    def clean(self):
        if self.unit_id:
            self.unit_type = self.unit.unit_type
        check_membership(self)
