"""The Wagtail user admin with membership.

The create and edit forms carry the user's membership — 所屬單位, 使用者帳號角色 (with the
"other" explanation) and the governance roles — validated by ``roles.check_membership`` and
saved with the user in one transaction through ``membership.save_membership`` (which logs
every change to the audit log). If a database constraint still fires (another request took
the seat between the check and the save) the form shows the zh-Hant message and nothing is
stored.

Unit groups (「單位：…」) and superuser status follow from membership (``grants.sync_user``);
the form neither shows them as editable nor lets them be ticked by hand. Other groups stay
editable as in Wagtail.

Personal data (``personal_data``): the list shows names masked; each GET of the edit form
(name and e-mail in full) is recorded, purpose 帳號管理. There is no spreadsheet export of users.

Registered the Wagtail 8 way: ``UsersAppConfig.user_viewset`` (in ``users_appconfig``)
replaces ``wagtail.users`` in ``INSTALLED_APPS``.
"""

import django_filters
from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from wagtail.admin.ui.tables import Column, StatusFlagColumn
from wagtail.admin.widgets import AdminDateInput
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction, RoleForm

from site45.core.text_checks import MAX_ID, refuse_control_characters
from site45.credentials.email_change import record_admin_change

from ..org import roles
from ..org.account_roles import ACCOUNT_ROLE_CHOICES
from ..org.membership import MEMBERSHIP_FIELDS, build_membership, membership_of, save_membership, validate_membership
from ..org.models import Unit
from ..permissions import grants
from ..privacy.personal_data import AccessAction, Purpose, masked_display_name, record_access
from .approval_effects import active_flag_changed_by_hand, record_departure_date

ROLE_FIELD_NAMES = tuple(roles.ROLE_FIELDS.values())


def hand_editable_groups():
    """Groups a person may tick by hand: every group except the machine-managed unit groups."""
    return Group.objects.exclude(name__startswith=grants.GROUP_PREFIX).order_by("name")


class GroupChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing a number too large for an id before it reaches the database
    (SQLite raises OverflowError on ``pk__in=[10**30]``)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else ():
            if isinstance(pk, str) and pk.strip().lstrip("-").isdigit() and abs(int(pk)) > MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class MembershipFormMixin(forms.Form):
    """Membership fields on Wagtail's user forms; use before Wagtail's form class in the bases."""

    unit = forms.ModelChoiceField(
        label=_("所屬單位"),
        queryset=Unit.objects.publishing().filter(is_active=True).order_by("code"),
        empty_label=_("請選擇單位"),
        help_text=_("每位使用者隸屬一個單位；單位群組與頁面權限依此自動設定。"),
    )
    account_role = forms.ChoiceField(label=_("使用者帳號角色"), choices=[("", "---------")] + ACCOUNT_ROLE_CHOICES)
    account_role_other = forms.CharField(
        label=_("其他角色說明"),
        required=False,
        max_length=100,
        help_text=_("使用者帳號角色選擇「其他」時必填。"),
    )
    is_system_admin = forms.BooleanField(
        label=roles.ROLE_LABELS["system_admin"],
        required=False,
        help_text=_("全系統限設 1 人，僅限本署特設單位；系統總管理者即 Wagtail 管理員。"),
    )
    is_account_manager = forms.BooleanField(
        label=roles.ROLE_LABELS["account_manager"],
        required=False,
        help_text=_("僅限本署特設單位與分署，每個單位限設 1 人。"),
    )
    is_account_auditor = forms.BooleanField(
        label=roles.ROLE_LABELS["account_auditor"],
        required=False,
        help_text=_("僅限本署特設單位。"),
    )
    is_unit_reviewer = forms.BooleanField(
        label=roles.ROLE_LABELS["unit_reviewer"],
        required=False,
        help_text=_("每個單位限設 1 人；銀髮人才服務據點與就業服務臺不設。"),
    )
    is_editor = forms.BooleanField(label=roles.ROLE_LABELS["editor"], required=False, initial=True)
    departure_date = forms.DateField(
        label=_("離職或調離日期"),
        required=False,
        widget=AdminDateInput,
        help_text=_("使用者離職或職務異動的日期；逾 3 個工作日仍未停用者，系統將依職權逕予停用。"),
    )

    def __init__(self, *args, by_user=None, **kwargs):
        self.by_user = by_user
        super().__init__(*args, **kwargs)
        # Wagtail's "Administrator" box: superuser status follows 系統總管理者 (sync_user).
        self.fields.pop("is_superuser", None)
        self.membership = membership_of(self.instance) if self.instance.pk else None
        if self.membership is not None:
            for name in MEMBERSHIP_FIELDS:
                self.initial[name] = getattr(self.membership, name)
            self.initial["unit"] = self.membership.unit_id
            self.initial["departure_date"] = self.membership.departure_date
            # A unit closed since keeps its current members until they are moved.
            self.fields["unit"].queryset = (
                Unit.objects.publishing().filter(Q(is_active=True) | Q(pk=self.membership.unit_id)).order_by("code")
            )
        for name in ("first_name", "last_name"):  # a name goes into mail headers and greetings
            if name in self.fields:
                self.fields[name].validators.append(refuse_control_characters)
        if "groups" in self.fields:
            self.fields["groups"] = GroupChoiceField(
                queryset=hand_editable_groups(),
                required=False,
                widget=self.fields["groups"].widget,
                label=_("其他群組"),
                help_text=_("單位群組依所屬單位自動設定，不在此編輯。"),
            )
        editing_self = by_user is not None and self.instance.pk is not None and by_user.pk == self.instance.pk
        if editing_self and self.membership is not None and self.membership.is_system_admin:
            # Like Wagtail's own "Administrator" box: nobody removes their own admin rights.
            self.fields["is_system_admin"].disabled = True
            self.fields["is_system_admin"].help_text = _("不能撤銷自己的系統總管理者角色。")

    @property
    def managed_groups(self):
        """The unit groups the user is in now (shown read-only)."""
        if not self.instance.pk:
            return Group.objects.none()
        return self.instance.groups.filter(name__startswith=grants.GROUP_PREFIX)

    @property
    def membership_role_fields(self):
        return [self[name] for name in ROLE_FIELD_NAMES]

    def membership_data(self):
        return {name: self.cleaned_data[name] for name in MEMBERSHIP_FIELDS if name in self.cleaned_data}

    def _post_clean(self):
        super()._post_clean()
        if any(name in self.errors for name in ("unit", "account_role")):
            return
        candidate = build_membership(self.instance, **self.membership_data())
        try:
            validate_membership(candidate)
        except ValidationError as e:
            self._add_membership_errors(e)

    def _add_membership_errors(self, error):
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)

    def save(self, commit=True):
        if not commit:
            raise ValueError("a user and their membership are saved together")
        was_active = self.initial.get("is_active", True) if self.instance.pk else True
        old_email = self.initial.get("email") if self.instance.pk else None
        user = super().save(commit=True)
        if old_email is not None:  # an admin's change of someone's address: logged, old address told
            record_admin_change(user, old_email, self.by_user)
        save_membership(user, by_user=self.by_user, **self.membership_data())
        record_departure_date(user, self.cleaned_data.get("departure_date"), self.by_user)
        active_flag_changed_by_hand(user, was_active, self.by_user)
        # The groups field only held hand-editable groups; put the unit group back and keep
        # superuser status in step with 系統總管理者.
        grants.sync_user(user)
        return user


class MembershipUserCreationForm(MembershipFormMixin, UserCreationForm):
    pass


class MembershipUserEditForm(MembershipFormMixin, UserEditForm):
    pass


class MembershipSaveMixin:
    """Save user and membership atomically; a late constraint error re-shows the form."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["by_user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            # The transaction around the save was rolled back: nothing of this request
            # was stored.
            self.rolled_back(form)
            form._add_membership_errors(error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def rolled_back(self, form):
        pass


class CreateView(MembershipSaveMixin, wagtail_users.CreateView):
    def rolled_back(self, form):
        # The user row was rolled back with the membership: forget its id.
        self.object = None
        form.instance.pk = None
        form.instance._state.adding = True


class EditView(MembershipSaveMixin, wagtail_users.EditView):
    def get(self, request, *args, **kwargs):
        # The form shows the user's name and e-mail in full (personal_data): recorded.
        response = super().get(request, *args, **kwargs)
        record_access(request.user, self.object, Purpose.ACCOUNT_ADMINISTRATION, AccessAction.EDIT, request=request)
        return response


def _membership(user):
    try:
        return user.membership
    except Exception:  # RelatedObjectDoesNotExist
        return None


def unit_column_value(user):
    membership = _membership(user)
    return membership.unit.display_name if membership else "—"


def roles_column_value(user):
    membership = _membership(user)
    if membership is None:
        return "—"
    return (
        pgettext("列表分隔符號", "、").join(str(roles.ROLE_LABELS[role]) for role in roles.roles_of(membership)) or "—"
    )


class UserFilterSet(wagtail_users.UserFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=_("所屬單位"),
        field_name="membership__unit",
        queryset=Unit.objects.publishing().order_by("code"),
    )

    class Meta(wagtail_users.UserFilterSet.Meta):
        pass


class IndexView(wagtail_users.IndexView):
    @cached_property
    def columns(self):
        columns = list(super().columns)
        for i, column in enumerate(columns):
            if column.name == "name":  # a list shows no personal field in full (personal_data)
                column.accessor = masked_display_name
            if column.name == "is_active":  # Wagtail's BooleanColumn reads 「True」 to a screen reader
                columns[i] = StatusFlagColumn(
                    "is_active",
                    label=column.label,
                    true_label=_("是"),
                    false_label=_("否"),
                    sort_key=column.sort_key,
                    classname=column.classname,
                    width=column.width,
                )
        position = next(
            (i + 1 for i, column in enumerate(columns) if column.name == self.model.USERNAME_FIELD), len(columns)
        )
        columns[position:position] = [
            Column(
                "unit",
                accessor=unit_column_value,
                label=_("所屬單位"),
                sort_key="membership__unit__code",
                classname="unit",
            ),
            Column("roles", accessor=roles_column_value, label=_("角色"), classname="roles"),
        ]
        return columns

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("membership__unit")


class UserViewSet(wagtail_users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    filterset_class = UserFilterSet
    create_template_name = "wagtailusers/users/membership_create.html"
    edit_template_name = "wagtailusers/users/membership_edit.html"

    def get_form_class(self, for_update=False):
        return MembershipUserEditForm if for_update else MembershipUserCreationForm


class MembershipRoleForm(RoleForm):
    role = forms.ModelChoiceField(queryset=Group.objects.none(), label=_("群組"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = hand_editable_groups()


class AssignGroupBulkAction(AssignRoleBulkAction):
    """Wagtail's "assign role" bulk action, without the unit groups (they follow membership)."""

    form_class = MembershipRoleForm
