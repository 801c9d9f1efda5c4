"""Admin of account applications (「帳號申請」): list, inspect, paper entry and the agency's actions.

Everything is scoped by ``routing.applications_visible_to``: an account manager sees and acts
only on the applications routed to their unit, the system administrator on all, anybody else on
none (no menu item; a refusal or 404 on every view, crafted URLs included).

Personal data (``personal_data``): the list shows the user's name masked (陳○華) and no other
personal field, so it is not recorded; the inspect and edit pages, the printable form and the
signed PDF show them in full and each GET is recorded (``personal_data.record_access``, purpose
審查帳號申請). The list has no spreadsheet export.

Actions are POST-only views: receive (收件: received date today), approve and reject (處理結果,
reason required for a rejection) and complete (完成日期). Approving also applies the change
to the account (``approval_effects.apply_approval``); if that is refused, nothing changes.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from ..org.capabilities import MANAGE_ACCOUNTS, user_can, users_who_can
from ..org.models import Unit
from ..privacy.personal_data import AccessAction, Purpose, masked_user_name, record_access
from . import lifecycle_log
from .applications import DECLARATION_TEXT, AccountApplication, unit_half_fields
from .approval_effects import apply_approval, error_message, may_resend_password_link, send_password_link
from .routing import (
    applications_visible_to,
    units_user_may_file_for,
)

EDITABLE_STATUSES = (AccountApplication.FILED, AccountApplication.RECEIVED)


class ApplicationPermissionPolicy(BasePermissionPolicy):
    """Managers and the system administrator may list, add, inspect and correct what they see.

    Nobody deletes an application through the admin (the record is kept). Correcting an
    application is possible only until the agency has replied.
    """

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return user_can(user, MANAGE_ACCOUNTS)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if not applications_visible_to(user).filter(pk=instance.pk).exists():
            return False
        if action == "change":
            return instance.status in EDITABLE_STATUSES
        return True

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return AccountApplication.objects.none()
        return applications_visible_to(user)

    def users_with_any_permission(self, actions):
        return users_who_can(MANAGE_ACCOUNTS)


application_permission_policy = ApplicationPermissionPolicy(AccountApplication)
register_permission_policy(AccountApplication, application_permission_policy, exact_class=True)


def _units_for_filter(request):
    if request is None:
        return Unit.objects.none()
    return units_user_may_file_for(request.user)


class ApplicationFilterSet(WagtailFilterSet):
    # Unconfirmed online filings are not routed yet: nobody in the admin sees them.
    status = django_filters.ChoiceFilter(
        label=_("狀態"),
        choices=[c for c in AccountApplication.STATUS_CHOICES if c[0] != AccountApplication.UNCONFIRMED],
    )
    unit = django_filters.ModelChoiceFilter(label=_("申請單位"), queryset=_units_for_filter)
    overdue = django_filters.BooleanFilter(label=_("逾期未回覆"), method="filter_overdue")

    class Meta:
        model = AccountApplication
        fields = ["status", "change_type", "unit", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class ScopedObjectMixin:
    """Load the object only from the applications the user may see: anything else is a 404."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset) if queryset is not None else super().get_object()
        if not applications_visible_to(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


class ScopedFormMixin:
    """The unit and existing-account choices offer only what the user handles."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        units = units_user_may_file_for(self.request.user)
        if "unit" in form.fields:
            form.fields["unit"].queryset = units.order_by("code")
        if "existing_user" in form.fields:
            form.fields["existing_user"].queryset = (
                get_user_model().objects.filter(membership__unit__in=units).order_by("username")
            )
        return form


class RecordedViewMixin:
    """Record each GET of a page that shows the application's personal data in full."""

    access_action = AccessAction.VIEW

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        record_access(request.user, self.object, Purpose.REVIEW_APPLICATION, self.access_action, request=request)
        return response


class ApplicationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return applications_visible_to(self.request.user).select_related("unit", "reviewing_unit")

    @cached_property
    def columns(self):
        columns = list(super().columns)
        # The title column is the user's name: masked, so the list shows no personal field.
        columns[0].accessor = masked_user_name
        return columns


class ApplicationCreateView(ScopedFormMixin, generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        lifecycle_log.log_event(
            instance,
            lifecycle_log.APPLICATION_FILED,
            by=self.request.user,
            reason=gettext("紙本申請，由審查單位登錄"),
        )
        return instance

    def get_success_message(self, instance):
        return gettext("已登錄帳號申請「%(app)s」，審查單位：%(unit)s。") % {
            "app": instance,
            "unit": instance.reviewing_unit,
        }


class ApplicationEditView(RecordedViewMixin, ScopedObjectMixin, ScopedFormMixin, generic.EditView):
    access_action = AccessAction.EDIT

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if obj.status not in EDITABLE_STATUSES:
            # Once the agency has replied, the record stands as replied.
            raise PermissionDenied
        return obj


class ApplicationDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ApplicationHistoryView(ScopedObjectMixin, generic.HistoryView):
    pass


class ApplicationUsageView(ScopedObjectMixin, generic.UsageView):
    pass


class ApplicationInspectView(RecordedViewMixin, ScopedObjectMixin, generic.InspectView):
    template_name = "governance/application_inspect.html"

    def get_field_display_value(self, field_name, field):
        """Empty fields as 「-」 and boxes as 是/否, not Python's None, True and False."""
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "-"
        if isinstance(value, bool):
            return gettext("是") if value else gettext("否")
        return value

    def get_signed_form_display_value(self):
        if not self.object.signed_form:
            return "-"
        return gettext("已上傳（請由下方連結下載）")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        app = self.object
        namespace = self.index_url_name.split(":")[0]
        context.update(
            application=app,
            deadline=app.deadline,
            overdue=app.is_overdue(),
            account_problem=app.account_problem(),
            may_resend_link=may_resend_password_link(app),
            actions={name: reverse(f"{namespace}:{name}", args=[app.pk]) for name in ACTIONS},
            print_url=reverse(f"{namespace}:print", args=[app.pk]),
            signed_form_url=reverse(f"{namespace}:signed_form", args=[app.pk]) if app.signed_form else "",
        )
        return context


# --- the agency's actions -------------------------------------------------------------------


def _receive(app, user, data, today):
    if app.status != AccountApplication.FILED:
        return gettext("只有已提出的申請可以收件。")
    app.status = AccountApplication.RECEIVED
    app.received_date = today
    return None


def _reply(app, user, result, reason, today):
    """The agency's reply (處理結果): result, reason, reviewer and reply date."""
    app.status = result
    app.result = result
    app.result_reason = reason
    app.reviewer = user
    app.reply_date = today


def _approve(app, user, data, today):
    if app.status != AccountApplication.RECEIVED:
        return gettext("請先收件，才能核准申請。")
    try:
        # Create, restore or suspend the account (in a savepoint: a refusal stores nothing).
        apply_approval(app, user)
    except ValidationError as error:
        return gettext("無法核准：%(reason)s") % {"reason": error_message(error)}
    _reply(app, user, AccountApplication.APPROVED, (data.get("reason") or "").strip(), today)
    return None


def _reject(app, user, data, today):
    if app.status != AccountApplication.RECEIVED:
        return gettext("請先收件，才能處理申請。")
    reason = (data.get("reason") or "").strip()
    if not reason:
        return gettext("不核准時請填寫理由。")
    _reply(app, user, AccountApplication.REJECTED, reason, today)
    return None


def _complete(app, user, data, today):
    if app.status != AccountApplication.APPROVED:
        return gettext("只有已核准的申請可以完成。")
    app.status = AccountApplication.COMPLETED
    app.completed_date = today
    return None


def _resend_link(app, user, data, today):
    account = app.existing_user
    if not may_resend_password_link(app):
        return gettext("只有已核准、尚未設定密碼的新增帳號可以重新寄送設定密碼連結。")
    transaction.on_commit(lambda: send_password_link(app, account, by_user=user))
    return None


def _event_reason(app):
    """What the audit log says about each action (zh-Hant, at the time)."""
    return {
        "receive": gettext("收件，回覆期限為 %(deadline)s") % {"deadline": app.deadline},
        "approve": app.result_reason or gettext("核准"),
        "reject": app.result_reason,
        "complete": gettext("完成日期 %(date)s") % {"date": app.completed_date},
    }


class Action:
    """One of the agency's steps on an application: its transition, message and log action."""

    def __init__(self, transition, success, log_action=None):
        self.transition = transition
        self.success = success
        self.log_action = log_action


#: action name -> Action
ACTIONS = {
    "receive": Action(_receive, _("已收件，回覆期限為 %(deadline)s。"), lifecycle_log.APPLICATION_RECEIVED),
    "approve": Action(_approve, _("已核准申請。"), lifecycle_log.APPLICATION_APPROVED),
    "reject": Action(_reject, _("已記錄不核准及理由。"), lifecycle_log.APPLICATION_REJECTED),
    "complete": Action(_complete, _("已完成申請。"), lifecycle_log.APPLICATION_COMPLETED),
    # the account's own event (PASSWORD_LINK_SENT) is logged when the mail is sent
    "resend_link": Action(_resend_link, _("已重新寄送設定密碼連結給使用者。")),
}


class ApplicationActionView(View):
    """POST ``<action>/<pk>/``: apply one transition to an application the user may see."""

    http_method_names = ["post"]
    action = None
    url_namespace = None

    def post(self, request, pk):
        if not user_can(request.user, MANAGE_ACCOUNTS):
            raise PermissionDenied
        action = ACTIONS[self.action]
        inspect_url = reverse(f"{self.url_namespace}:inspect", args=[pk])
        with transaction.atomic():
            app = get_object_or_404(applications_visible_to(request.user).select_for_update(), pk=pk)
            error = action.transition(app, request.user, request.POST, timezone.localdate())
            if error:
                messages.error(request, error)
                return redirect(inspect_url)
            app.save()
            if action.log_action:
                lifecycle_log.log_event(app, action.log_action, by=request.user, reason=_event_reason(app)[self.action])
        messages.success(request, str(action.success) % {"deadline": app.deadline})
        return redirect(inspect_url)


class SignedFormView(View):
    """The uploaded paper form, only to those who may see the application (not a public media URL)."""

    def get(self, request, pk):
        if not user_can(request.user, MANAGE_ACCOUNTS):
            raise PermissionDenied
        app = get_object_or_404(applications_visible_to(request.user), pk=pk)
        if not app.signed_form:
            raise Http404
        record_access(request.user, app, Purpose.REVIEW_APPLICATION, AccessAction.DOWNLOAD, request=request)
        return FileResponse(
            app.signed_form.open("rb"), content_type="application/pdf", filename=f"application-{app.pk}.pdf"
        )


class PrintView(View):
    """The application laid out like the paper form (附件1), for printing; scoped like every view."""

    def get(self, request, pk):
        if not user_can(request.user, MANAGE_ACCOUNTS):
            raise PermissionDenied
        app = get_object_or_404(
            applications_visible_to(request.user).select_related("unit", "reviewing_unit", "reviewer", "existing_user"),
            pk=pk,
        )
        record_access(request.user, app, Purpose.REVIEW_APPLICATION, AccessAction.PRINT, request=request)
        return TemplateResponse(
            request,
            "governance/application_print.html",
            {
                "app": app,
                "role_choices": AccountApplication._meta.get_field("account_role").choices,
                "change_choices": AccountApplication.CHANGE_TYPE_CHOICES,
                "declaration": DECLARATION_TEXT,
            },
        )


def _deadline_column(app):
    return app.deadline or "-"


class AccountApplicationViewSet(ModelViewSet):
    model = AccountApplication
    icon = "user"
    menu_label = _("帳號申請")
    menu_order = 250
    add_to_admin_menu = True
    permission_policy = application_permission_policy
    index_view_class = ApplicationIndexView
    add_view_class = ApplicationCreateView
    edit_view_class = ApplicationEditView
    delete_view_class = ApplicationDeleteView
    history_view_class = ApplicationHistoryView
    usage_view_class = ApplicationUsageView
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "user_name",
        "unit",
        "change_type",
        "account_name",
        StatusTagColumn("status", label=_("狀態"), accessor="get_status_display", primary=False),
        "application_date",
        "received_date",
        Column("deadline", label=_("回覆期限"), accessor=_deadline_column),
        "reviewing_unit",
    ]
    filterset_class = ApplicationFilterSet
    search_fields = ["user_name", "account_name", "unit__name_zh", "contact_name"]
    list_per_page = 50
    # The unit's half of Attachment 1 (``applications.UNIT_HALF_FIELDS``, as the public form),
    # plus ``existing_user``: the agency may pick the system account instead of typing its name.
    form_fields = unit_half_fields(with_existing_user=True)
    inspect_view_fields = form_fields[:-1] + [
        "signed_form",
        "reviewing_unit",
        "received_date",
        "result",
        "result_reason",
        "reviewer",
        "reply_date",
        "completed_date",
        "status",
    ]

    def get_urlpatterns(self):
        urlpatterns = super().get_urlpatterns()
        for name in ACTIONS:
            view = ApplicationActionView.as_view(action=name, url_namespace=self.name)
            urlpatterns.append(path(f"{name}/<int:pk>/", view, name=name))
        urlpatterns.append(path("print/<int:pk>/", PrintView.as_view(), name="print"))
        urlpatterns.append(path("signed-form/<int:pk>/", SignedFormView.as_view(), name="signed_form"))
        return urlpatterns


__all__ = ["AccountApplicationViewSet", "application_permission_policy"]
