"""Admin of the semiannual account audit (「帳號清查」): audits, their entries, marking, applying, export.

Only those ``audits.may_audit`` admits (the account auditor and the system
administrator) get the menu item or any view. Everyone else is refused on every view, crafted
URLs included (``PermissionDenied``, which Wagtail's admin turns into a redirect to the
dashboard with its "no permission" message); anonymous visitors get the login page. The rules
themselves (who, one open audit, what marking and applying do, read-only once applied) live in
``audits``: these views show and call them, so a crafted POST meets the same refusals
as the buttons.

- **index**: every audit, open and past, with keep / suspend / undecided counts and the date by
  which the next audit is due; 「開始新的帳號清查」 opens one, its title prefilled from the half-year.
- **entries** (one audit): the frozen snapshot, 50 a page, filtered by unit and decision,
  searched by account or name. While the audit is open every row has a decision and a note,
  saved for the whole page with one button — only rows that changed are written, so 決定人員
  stays the person who decided. Above the table a unit's accounts are marked at once.
- **apply**: a confirmation page (how many accounts will be suspended; undecided counts as
  keep), then POST. The number confirmed travels with the POST: if somebody changed the
  marks meanwhile, the audit is not applied and the page asks again.
- **export**: CSV and XLSX (``semiannual_audit.export``).

The snapshot holds one personal field, the name (姓名; ``personal_data``). Each GET of the
entries (a page, or its filtered results) is recorded as a view of the audit with the number
of rows shown and the filter; each export as one entry with the count (purpose 帳號清查).
"""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BaseColumn, Column, StatusTagColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from site45.core.text_checks import parse_ids

from ...privacy.personal_data import AccessAction, Purpose, criteria_of_request, record_access
from .audits import (
    NO_UNIT,
    AccountAudit,
    AccountAuditEntry,
    AuditRefused,
    apply_audit,
    audit_due_date,
    auditors,
    current_audit,
    decision_counts,
    default_title,
    last_half_year_missed,
    mark_entries,
    mark_unit,
    may_audit,
    open_audit,
    units_of,
    with_counts,
)
from .export import AccountAuditSpreadsheet

#: Rows one 「儲存本頁」 may carry: a page has 50; anything far beyond is not from the form.
MAX_ROWS_PER_SAVE = 200
#: Accounts listed by name on the confirmation page (the count is always complete).
CONFIRM_LIST_LIMIT = 200


class AuditPermissionPolicy(BasePermissionPolicy):
    """Those ``may_audit`` admits may list audits ("view") and open one ("add"); that is all.

    Nobody edits or deletes an audit through Wagtail's generic views: marking and applying are
    the audit's own views, and the record of a past audit is kept as it was.
    """

    ALLOWED = ("view", "add")

    def user_has_permission(self, user, action):
        return action in self.ALLOWED and may_audit(user)

    def users_with_any_permission(self, actions):
        if not set(actions) & set(self.ALLOWED):
            return get_user_model().objects.none()
        return auditors()


audit_permission_policy = AuditPermissionPolicy(AccountAudit)
register_permission_policy(AccountAudit, audit_permission_policy, exact_class=True)
register_permission_policy(AccountAuditEntry, AuditPermissionPolicy(AccountAuditEntry), exact_class=True)


def _when(value):
    """A stored time as 「2026-07-01 09:30」 in Taiwan time (an audit record wants the date, not 「3 天前」)."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _refusal_text(error):
    return " ".join(str(m) for m in error.messages)


class AuditorRequiredMixin:
    """Refuse anybody ``may_audit`` does not admit, before anything is looked up."""

    url_namespace = None

    def dispatch(self, request, *args, **kwargs):
        if not may_audit(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def audit(self):
        return get_object_or_404(AccountAudit.objects.select_related("opened_by", "applied_by"), pk=self.kwargs["pk"])

    def url(self, name, *args):
        return reverse(f"{self.url_namespace}:{name}", args=args)

    def audit_breadcrumbs(self, last_label, audit=None):
        items = [{"url": self.url("index"), "label": AccountAudit._meta.verbose_name_plural}]
        if audit is not None:
            items.append({"url": self.url("entries", audit.pk), "label": audit.title})
        items.append({"url": "", "label": last_label})
        return self.breadcrumbs_items + items


class NoSpreadsheetExportMixin:
    """Wagtail's own ``?export=`` of listings is off: the audit has its own export."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False


# --- the audits ---------------------------------------------------------------------------------


class AuditIndexView(NoSpreadsheetExportMixin, generic.IndexView):
    """Every audit, newest first, with the decision counts and the next due date."""

    template_name = "governance/account_audit/index.html"

    @cached_property
    def namespace(self):
        return self.index_url_name.split(":")[0]

    def get_base_queryset(self):
        return with_counts(AccountAudit.objects.select_related("opened_by", "applied_by"))

    @cached_property
    def add_item_label(self):
        return gettext("開始新的帳號清查")

    def get_edit_url(self, instance):
        return None  # an audit is never edited; its title links to its entries

    def get_inspect_url(self, instance):
        return reverse(f"{self.namespace}:entries", args=[instance.pk])

    def get_list_more_buttons(self, instance):
        pk = instance.pk
        return [
            MenuItem(gettext("清查明細"), url=self.get_inspect_url(instance), icon_name="list-ul", priority=10),
            MenuItem(
                gettext("匯出 CSV"),
                url=reverse(f"{self.namespace}:export_csv", args=[pk]),
                icon_name="download",
                priority=20,
            ),
            MenuItem(
                gettext("匯出 XLSX"),
                url=reverse(f"{self.namespace}:export_xlsx", args=[pk]),
                icon_name="download",
                priority=30,
            ),
            MenuItem(
                gettext("歷史記錄"),
                url=reverse(f"{self.namespace}:history", args=[pk]),
                icon_name="history",
                priority=40,
            ),
        ]

    @cached_property
    def open_audit(self):
        return current_audit()

    @cached_property
    def header_buttons(self):
        # While an audit is open a new one cannot start: the page says so instead of a button.
        return [] if self.open_audit else super().header_buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        missed = last_half_year_missed()
        if missed:
            year, half = missed
            text = (
                gettext("%(year)s 年上半年沒有進行帳號清查。")
                if half == 1
                else gettext("%(year)s 年下半年沒有進行帳號清查。")
            )
            context["missed_text"] = text % {"year": year}
        context.update(due_date=audit_due_date(), open_audit=self.open_audit)
        if self.open_audit:
            context["open_url"] = self.get_inspect_url(self.open_audit)
        return context


class OpenAuditView(AuditorRequiredMixin, WagtailAdminTemplateMixin, View):
    """「開始新的帳號清查」: GET shows what will happen and the title; POST opens the audit."""

    template_name = "governance/account_audit/open.html"
    page_title = _("開始新的帳號清查")
    header_icon = "clipboard-list"
    index_url_name = None

    @cached_property
    def url_namespace(self):
        return self.index_url_name.split(":")[0]

    def get_breadcrumbs_items(self):
        return self.audit_breadcrumbs(self.page_title)

    def _already_open(self, audit):
        messages.warning(
            self.request,
            gettext("「%(title)s」仍在進行中，請先完成後再開始新的清查。") % {"title": audit.title},
        )
        return redirect(self.url("entries", audit.pk))

    def get(self, request):
        if (audit := current_audit()) is not None:
            return self._already_open(audit)
        return self.render(default_title(), error="")

    def post(self, request):
        title = (request.POST.get("title") or "").strip()
        if len(title) > AccountAudit._meta.get_field("title").max_length:
            return self.render(title, error=gettext("清查名稱最多 100 個字。"))
        try:
            audit = open_audit(request.user, title)
        except AuditRefused as error:
            return self.render(title, error=_refusal_text(error))
        messages.success(
            request,
            gettext("已開始「%(title)s」，凍結 %(count)s 個啟用中帳號的資料。")
            % {"title": audit.title, "count": audit.entries.count()},
        )
        return redirect(self.url("entries", audit.pk))

    def render(self, title, error):
        context = self.get_context_data(
            title=title,
            error=error,
            active_accounts=get_user_model().objects.filter(is_active=True).count(),
            action_url=self.url("add"),
            index_url=self.url("index"),
        )
        return self.render_to_response(context)


# --- the entries of one audit ------------------------------------------------------------------------


class EntryFilterSet(WagtailFilterSet):
    unit = django_filters.ChoiceFilter(label=_("所屬單位"), method="filter_unit", empty_label=_("全部單位"))
    decision = django_filters.ChoiceFilter(
        label=_("清查結果"),
        method="filter_decision",
        empty_label=_("全部"),
        choices=[("undecided", _("未決定")), ("keep", _("保留")), ("suspend", _("停用"))],
    )

    class Meta:
        model = AccountAuditEntry
        fields = ["unit", "decision"]

    def __init__(self, *args, audit=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The units of this audit's snapshot (as they were named then), with their counts.
        self.filters["unit"].extra["choices"] = units_of(audit) if audit is not None else []

    def filter_unit(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(unit_code="" if value == NO_UNIT else value)

    def filter_decision(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(decision=AccountAuditEntry.UNDECIDED if value == "undecided" else value)


class DecisionColumn(BaseColumn):
    """清查結果: a choice while the audit is open (saved with the page), the label afterwards."""

    cell_template_name = "governance/account_audit/decision_cell.html"

    def __init__(self, name, editable, **kwargs):
        super().__init__(name, **kwargs)
        self.editable = editable

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["editable"] = self.editable
        context["choices"] = AccountAuditEntry.DECISION_CHOICES
        return context


class NoteColumn(DecisionColumn):
    """說明: a text box while the audit is open, the text afterwards."""

    cell_template_name = "governance/account_audit/note_cell.html"


def _unit_label(entry):
    if not entry.unit_code:
        return gettext("（無所屬單位）")
    return f"{entry.unit_name}（{entry.unit_code}）"


def _decided(entry):
    if not entry.decided_at:
        return ""
    who = entry.decided_by.get_username() if entry.decided_by else ""
    return f"{who} {_when(entry.decided_at)}".strip()


class EntriesView(AuditorRequiredMixin, NoSpreadsheetExportMixin, generic.IndexView):
    """The snapshot of one audit with the decisions; editable while the audit is open."""

    model = AccountAuditEntry
    permission_policy = audit_permission_policy
    any_permission_required = ["view"]
    template_name = "governance/account_audit/entries.html"
    results_template_name = "governance/account_audit/entries_results.html"
    paginate_by = 50
    search_fields = ["username", "full_name"]
    search_backend_name = None  # plain icontains on the two fields: the entries are not indexed
    filterset_class = EntryFilterSet
    header_icon = "clipboard-list"

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "audit": self.audit}

    def get_base_queryset(self):
        return AccountAuditEntry.objects.filter(audit=self.audit).select_related("decided_by")

    def get_index_url(self):
        return self.url("entries", self.audit.pk)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        shown = len(getattr(response, "context_data", {}).get("object_list", []) or [])
        record_access(
            request.user,
            self.audit,
            Purpose.ACCOUNT_AUDIT,
            AccessAction.VIEW,
            count=shown,
            criteria=criteria_of_request(request, ignore=("_w_filter_fragment",)),
            request=request,
        )
        return response

    def get_index_results_url(self):
        return self.url("entries_results", self.audit.pk)

    def get_page_title(self):
        return self.audit.title

    def get_breadcrumbs_items(self):
        return self.audit_breadcrumbs(self.audit.title)

    @cached_property
    def columns(self):
        editable = self.audit.is_open
        return [
            Column("username", label=_("帳號"), sort_key="username"),
            Column("full_name", label=_("姓名")),
            Column("unit", label=_("所屬單位"), accessor=_unit_label, sort_key="unit_code"),
            Column("account_role", label=_("使用者帳號角色")),
            Column("roles", label=_("權限")),
            Column(
                "last_activity",
                label=_("最近使用時間"),
                accessor=lambda e: _when(e.last_activity),
                sort_key="last_activity",
            ),
            Column("account_status", label=_("帳號狀態")),
            DecisionColumn("decision", editable, label=_("清查結果"), sort_key="decision"),
            NoteColumn("note", editable, label=pgettext_lazy("帳號清查", "說明")),
            Column("decided", label=_("決定人員／時間"), accessor=_decided),
        ]

    @cached_property
    def header_buttons(self):
        pk = self.audit.pk
        buttons = [
            HeaderButton(gettext("匯出 CSV"), url=self.url("export_csv", pk), icon_name="download", priority=20),
            HeaderButton(gettext("匯出 XLSX"), url=self.url("export_xlsx", pk), icon_name="download", priority=30),
        ]
        if self.audit.is_open:
            buttons.append(
                HeaderButton(gettext("套用清查結果"), url=self.url("apply", pk), icon_name="check", priority=10)
            )
        return buttons

    @cached_property
    def header_more_buttons(self):
        return [Button(gettext("歷史記錄"), url=self.url("history", self.audit.pk), icon_name="history")]

    def next_url(self):
        """This listing with its filters, search and page (where a save comes back to)."""
        params = self.request.GET.copy()
        params.pop("_w_filter_fragment", None)
        query = params.urlencode()
        return self.index_url + (f"?{query}" if query else "")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        audit = self.audit
        context.update(
            audit=audit,
            counts=decision_counts(audit),
            is_open=audit.is_open,
            opened_at=_when(audit.opened_at),
            applied_at=_when(audit.applied_at),
            mark_url=self.url("mark", audit.pk),
            mark_unit_url=self.url("mark_unit", audit.pk),
            apply_url=self.url("apply", audit.pk),
            next_url=self.next_url(),
            decision_choices=[c for c in AccountAuditEntry.DECISION_CHOICES if c[0]],
        )
        if audit.is_open and not self.results_only:
            context["unit_choices"] = units_of(audit)
        return context


# --- marking and applying (POST) ---------------------------------------------------------------------


class MarkPageView(AuditorRequiredMixin, View):
    """POST from 「儲存本頁」: each row's decision and note; only the rows that changed are written.

    Rows are grouped by (decision, note) and each group goes through ``mark_entries``, in its
    own savepoint: a refused group (e.g. suspend without a note) is reported by account and
    the others are saved. Anything not from the form — an id that is not a number or not of
    this audit, too many rows — refuses the whole POST.
    """

    http_method_names = ["post"]

    def post(self, request, pk):
        audit = self.audit
        back = get_valid_next_url_from_request(request) or self.url("entries", audit.pk)
        raw_ids = request.POST.getlist("entry")
        if len(raw_ids) > MAX_ROWS_PER_SAVE:
            messages.error(request, gettext("一次最多儲存 %(n)s 個帳號。") % {"n": MAX_ROWS_PER_SAVE})
            return redirect(back)
        try:
            ids = parse_ids(raw_ids)
        except ValueError:
            messages.error(request, gettext("無法辨識的清查項目。"))
            return redirect(back)
        current = {entry.pk: entry for entry in AccountAuditEntry.objects.filter(audit=audit, pk__in=ids)}
        if len(current) != len(ids):
            messages.error(request, gettext("有項目不屬於此次帳號清查，未儲存任何變更。"))
            return redirect(back)

        groups = {}
        for entry_id in ids:
            entry = current[entry_id]
            decision = request.POST.get(f"decision-{entry_id}", entry.decision)
            note = (request.POST.get(f"note-{entry_id}", entry.note) or "").strip()
            if (decision, note) != (entry.decision, entry.note):
                groups.setdefault((decision, note), []).append(entry)

        saved, refused = 0, {}
        for (decision, note), entries in groups.items():
            try:
                saved += mark_entries(audit, entries, decision, note, request.user)
            except AuditRefused as error:
                refused.setdefault(_refusal_text(error), []).extend(e.username for e in entries)

        if saved:
            messages.success(request, gettext("已儲存 %(n)s 個帳號的清查結果。") % {"n": saved})
        for reason, usernames in refused.items():
            messages.error(
                request,
                gettext("未儲存 %(accounts)s：%(reason)s")
                % {"accounts": pgettext("列表分隔符號", "、").join(usernames), "reason": reason},
            )
        if not saved and not refused:
            messages.info(request, gettext("本頁沒有變更。"))
        return redirect(back)


class MarkUnitView(AuditorRequiredMixin, View):
    """POST from 「依單位標記」: every account of one unit (or only its undecided ones)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        audit = self.audit
        back = get_valid_next_url_from_request(request) or self.url("entries", audit.pk)
        unit = request.POST.get("unit") or ""
        decision = request.POST.get("decision", "")
        only_undecided = bool(request.POST.get("only_undecided"))
        try:
            result = mark_unit(
                audit, unit, decision, request.POST.get("note", ""), request.user, only_undecided=only_undecided
            )
        except AuditRefused as error:
            messages.error(request, _refusal_text(error))
            return redirect(back)
        label = dict(AccountAuditEntry.DECISION_CHOICES).get(decision, decision)
        unit_label = gettext("無所屬單位") if unit == NO_UNIT else unit
        text = gettext("已將 %(unit)s 的 %(n)s 個帳號標記為「%(decision)s」。") % {
            "unit": unit_label,
            "n": result.marked,
            "decision": label,
        }
        if result.skipped_own:
            text += gettext("您自己的帳號不會標記為停用。")
        messages.success(request, text)
        return redirect(back)


class ApplyView(AuditorRequiredMixin, WagtailAdminTemplateMixin, View):
    """「套用清查結果」: GET is the confirmation (who will be suspended), POST applies."""

    template_name = "governance/account_audit/apply_confirm.html"
    header_icon = "clipboard-list"

    def get_page_title(self):
        return gettext("套用清查結果")

    def get_breadcrumbs_items(self):
        return self.audit_breadcrumbs(self.get_page_title(), self.audit)

    def _closed(self):
        messages.error(self.request, gettext("此帳號清查已完成，內容不能再變更。"))
        return redirect(self.url("entries", self.audit.pk))

    def get(self, request, pk):
        audit = self.audit
        if not audit.is_open:
            return self._closed()
        counts = decision_counts(audit)
        to_suspend = audit.entries.filter(decision=AccountAuditEntry.SUSPEND)
        record_access(
            request.user,
            audit,
            Purpose.ACCOUNT_AUDIT,
            AccessAction.VIEW,
            count=min(counts["suspend"], CONFIRM_LIST_LIMIT),
            criteria={"decision": "suspend"},
            request=request,
        )
        return self.render_to_response(
            self.get_context_data(
                audit=audit,
                counts=counts,
                kept_in_total=counts["keep"] + counts["undecided"],
                to_suspend=to_suspend[:CONFIRM_LIST_LIMIT],
                not_listed=max(0, counts["suspend"] - CONFIRM_LIST_LIMIT),
                action_url=self.url("apply", audit.pk),
                entries_url=self.url("entries", audit.pk),
            )
        )

    def post(self, request, pk):
        audit = self.audit
        try:
            expected = int(request.POST.get("expected_suspensions", ""))
        except ValueError:
            expected = -1  # not from the confirmation page: never matches, so it asks again
        try:
            result = apply_audit(audit, request.user, expected_suspensions=expected)
        except AuditRefused as error:
            messages.error(request, _refusal_text(error))
            audit.refresh_from_db()
            return redirect(self.url("apply" if audit.is_open else "entries", audit.pk))
        text = gettext("已完成「%(title)s」：停用 %(n)s 個帳號。") % {"title": audit.title, "n": result.suspended}
        if result.already_inactive:
            text += gettext("另有 %(n)s 個帳號在套用前已停用。") % {"n": result.already_inactive}
        if result.missing:
            text += gettext("另有 %(n)s 個帳號已不存在。") % {"n": result.missing}
        messages.success(request, text)
        return redirect(self.url("entries", audit.pk))


class ExportView(AuditorRequiredMixin, AccountAuditSpreadsheet, View):
    """The snapshot and decisions as CSV or XLSX (``semiannual_audit.export``)."""

    http_method_names = ["get"]
    format = None

    def get(self, request, pk):
        audit = self.audit
        record_access(
            request.user,
            audit,
            Purpose.ACCOUNT_AUDIT,
            AccessAction.EXPORT,
            count=AccountAuditEntry.objects.filter(audit=audit).count(),
            criteria={"format": self.format},
            request=request,
        )
        return self.export(self.format)


class AuditHistoryView(generic.HistoryView):
    """Who opened and applied the audit (the lifecycle log), for those who may audit."""

    any_permission_required = ["view"]


# --- the viewset -----------------------------------------------------------------------------------


def _opened_at(audit):
    return _when(audit.opened_at)


def _applied_at(audit):
    return _when(audit.applied_at)


class AccountAuditViewSet(ModelViewSet):
    model = AccountAudit
    icon = "clipboard-list"
    menu_label = _("帳號清查")
    menu_order = 260
    add_to_admin_menu = True
    permission_policy = audit_permission_policy
    index_view_class = AuditIndexView
    add_view_class = OpenAuditView
    history_view_class = AuditHistoryView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "title",
        StatusTagColumn("status", label=_("狀態"), accessor="get_status_display", primary=lambda a: a.is_open),
        Column("opened_at", label=_("開始時間"), accessor=_opened_at, sort_key="opened_at"),
        Column("opened_by", label=_("清查人員")),
        Column("applied_at", label=_("完成時間"), accessor=_applied_at),
        Column("applied_by", label=_("完成人員")),
        Column("n_keep", label=_("保留")),
        Column("n_suspend", label=_("停用")),
        Column("n_undecided", label=_("未決定")),
    ]
    list_per_page = 50
    form_fields = ["title"]  # Wagtail's generic edit view needs a form; the policy refuses it to all

    def get_add_view_kwargs(self, **kwargs):
        return kwargs  # OpenAuditView has no model form or panel

    def get_urlpatterns(self):
        urlpatterns = super().get_urlpatterns()
        ns = self.name
        urlpatterns += [
            path("entries/<int:pk>/", EntriesView.as_view(url_namespace=ns), name="entries"),
            path(
                "entries-results/<int:pk>/",
                EntriesView.as_view(url_namespace=ns, results_only=True),
                name="entries_results",
            ),
            path("mark/<int:pk>/", MarkPageView.as_view(url_namespace=ns), name="mark"),
            path("mark-unit/<int:pk>/", MarkUnitView.as_view(url_namespace=ns), name="mark_unit"),
            path("apply/<int:pk>/", ApplyView.as_view(url_namespace=ns), name="apply"),
            path("export/<int:pk>/csv/", ExportView.as_view(url_namespace=ns, format="csv"), name="export_csv"),
            path("export/<int:pk>/xlsx/", ExportView.as_view(url_namespace=ns, format="xlsx"), name="export_xlsx"),
        ]
        return urlpatterns


__all__ = ["AccountAuditViewSet", "audit_permission_policy"]
