"""Each workaround of ``site45/wagtail_compat`` still fits the Wagtail (and Django) it reaches into.

One test per workaround listed in ``site45/wagtail_compat/README.md``: each fails when an upgrade
moves, renames or re-signs what the workaround relies on, instead of the workaround silently
doing nothing. A last test keeps the rest of ``site45`` from assigning to Wagtail or Django.
"""

import ast
import importlib
import inspect
from pathlib import Path

import wagtail
from django import forms
from django.forms import models as model_forms
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from wagtail import hooks
from wagtail.admin.forms.workflows import TaskChooserSearchForm
from wagtail.admin.ui.tables import UserColumn
from wagtail.admin.views import account as account_views
from wagtail.admin.views import mixins as export_mixins
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.models import BaseLogEntry, Page, Site
from wagtail_localize import wagtail_hooks as localize_hooks

from site45 import urls as site_urls
from site45 import wagtail_compat
from site45.core.exports import SafeSpreadsheetExportMixin
from site45.credentials.account_panels import NameSettingsPanel
from site45.governance.permissions import staff_names
from site45.governance.permissions.hooks import LISTING_MORE_BUTTONS
from site45.governance.permissions.page_listings import translation_listing_buttons
from site45.governance.permissions.report_views import (
    PAGE_BULK_ACTIONS,
    ReviewerWorkflowTasksView,
    ReviewerWorkflowView,
    ScopedPageTypesUsageReportView,
    SelectAllInOwnScope,
)
from site45.governance.privacy import exports
from site45.home.routing import ROUTE_ATTRIBUTE
from site45.home.site_lookup import REQUEST_ATTRIBUTE as SITE_ATTRIBUTE
from site45.wagtail_compat.patching import WRAPPED, is_wrapped

SITE45 = Path(wagtail_compat.__file__).resolve().parent.parent

#: Every method wrapped by wagtail_compat, with the parameters of Wagtail's original.
WRAPPED_METHODS = {
    (BaseChooser, "render"): ["self", "name", "value", "attrs", "renderer"],
    (UserColumn, "get_cell_context_data"): ["self", "instance", "parent_context"],
    (BaseLogEntry, "user_display_name"): ["self"],
    (TaskChooserSearchForm, "__init__"): ["self", "args", "task_type_choices", "kwargs"],
}


def _original(owner, name):
    original = owner.__dict__[name].__wrapped__
    return original.func if isinstance(original, cached_property) else original


def _parameters(function):
    return list(inspect.signature(function).parameters)


def test_the_installed_wagtail_is_the_release_line_the_workarounds_target():
    assert tuple(wagtail.VERSION[:2]) == wagtail_compat.TARGET_WAGTAIL


def test_every_wrapped_method_is_listed_and_wagtail_still_defines_it_as_expected():
    assert set(WRAPPED) == set(WRAPPED_METHODS)
    for (owner, name), parameters in WRAPPED_METHODS.items():
        assert is_wrapped(owner, name), (owner, name)
        assert _parameters(_original(owner, name)) == parameters, (owner, name)


def test_installing_again_changes_nothing():
    before = {key: key[0].__dict__[key[1]] for key in WRAPPED_METHODS}
    wagtail_compat.install()
    assert {key: key[0].__dict__[key[1]] for key in WRAPPED_METHODS} == before
    assert len(WRAPPED) == len(WRAPPED_METHODS)


def test_choosers_still_end_with_the_inline_initialiser_the_csp_wrapper_rewrites():
    source = inspect.getsource(_original(BaseChooser, "render"))
    assert "render_js_init" in source
    assert "<script>" in inspect.getsource(BaseChooser.render_js_init) or "<script>" in source


def test_the_scoped_reports_and_bulk_actions_answer_at_wagtails_addresses():
    """The reports' subclasses serve Wagtail's report URLs, and Wagtail still builds each list in
    the method they narrow; each page bulk action Wagtail offers is our scoped subclass."""
    for view, name in (
        (ReviewerWorkflowView, "workflow"),
        (ReviewerWorkflowTasksView, "workflow_tasks"),
        (ScopedPageTypesUsageReportView, "page_types_usage"),
    ):
        parent = view.__mro__[1]
        assert "get_queryset" in parent.__dict__, parent
        assert (view, name) in {(routed, routed_name) for _prefix, routed, routed_name in site_urls.REPORTS}
        for suffix in ("", "_results"):
            assert resolve(reverse(f"wagtailadmin_reports:{name}{suffix}")).url_name == f"site45_{name}{suffix}"
    assert _parameters(PageBulkAction.get_all_objects_in_listing_query) == ["self", "parent_id"]
    wagtails = {action.action_type for action in PAGE_BULK_ACTIONS}
    offered = {
        action.action_type: action for action in bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")
    }
    assert wagtails <= set(offered)
    for action_type in wagtails:
        assert issubclass(offered[action_type], SelectAllInOwnScope), action_type


def test_wagtails_export_mixin_still_defines_the_methods_the_safe_ones_replace():
    source = Path(inspect.getsourcefile(export_mixins)).read_text()
    for name in ("preprocess_field_value", "get_heading", "write_csv_response", "as_spreadsheet"):
        assert f"    def {name}(" in source, name
        assert name in SafeSpreadsheetExportMixin.__dict__
    assert exports.is_installed()
    for path in exports.NAME_BEARING_REPORTS:
        module, _, name = path.rpartition(".")
        assert getattr(importlib.import_module(module), name).personal_data_purpose == exports.NAME_BEARING_PURPOSE


def test_the_wagtail_localize_listing_hook_is_still_there_to_be_replaced():
    assert callable(localize_hooks.page_listing_more_buttons)
    registered = hooks._hooks[LISTING_MORE_BUTTONS]
    assert all(isinstance(entry, tuple) and len(entry) == 2 for entry in registered)
    listed = hooks.get_hooks(LISTING_MORE_BUTTONS)
    assert translation_listing_buttons in listed
    assert localize_hooks.page_listing_more_buttons not in listed


def test_account_settings_are_our_view_and_wagtails_still_offers_the_panel_it_replaces():
    """``credentials.account_panels.AccountSettingsView``, routed in ``site45/urls.py``."""
    from django.urls import resolve, reverse

    from site45 import urls

    assert resolve(reverse("wagtailadmin_account")).func is urls.ACCOUNT_SETTINGS
    assert "NameEmailSettingsPanel(request, user, profile)" in inspect.getsource(account_views.AccountView.get_panels)
    assert issubclass(NameSettingsPanel, account_views.NameEmailSettingsPanel)
    assert _parameters(account_views.BaseSettingsPanel.__init__) == ["self", "request", "user", "profile"]


def test_wagtail_still_imports_the_user_display_name_by_name_where_it_is_masked():
    for name in staff_names.DISPLAY_MODULES:
        assert importlib.import_module(name).get_user_display_name is staff_names.display_name, name


def test_page_routing_still_reads_the_route_cached_on_the_request():
    """``home.routing.serve`` stores its route where Wagtail 8's ``Page.route_for_request`` looks."""
    request = RequestFactory().get("/anywhere/")
    cached = object()
    setattr(request, ROUTE_ATTRIBUTE, cached)
    assert Page.route_for_request(request, request.path) is cached


def test_the_site_lookup_still_answers_where_wagtail_looks_first():
    """``home.site_lookup`` stores the request's site where Wagtail 8's ``Site.find_for_request``
    reads it first, and asks Wagtail's own ``Site._find_for_request`` for the answer it keeps."""
    request = RequestFactory().get("/anywhere/")
    cached = object()
    setattr(request, SITE_ATTRIBUTE, cached)
    assert Site.find_for_request(request) is cached
    assert _parameters(Site._find_for_request) == ["request"]


def test_the_private_django_form_methods_we_override_are_still_called_as_before():
    """``governance.accounts.user_admin.GroupChoiceField._check_values`` and ``filing``'s ``_update_errors``."""
    assert _parameters(forms.ModelMultipleChoiceField._check_values) == ["self", "value"]
    assert "self._check_values(" in inspect.getsource(forms.ModelMultipleChoiceField.clean)
    assert _parameters(model_forms.BaseModelForm._update_errors) == ["self", "errors"]
    assert "self._update_errors(" in inspect.getsource(model_forms.BaseModelForm._post_clean)


def _names_imported_from_frameworks(tree):
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("wagtail", "django"):
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(
                (alias.asname or alias.name).split(".")[0]
                for alias in node.names
                if alias.name.split(".")[0] in ("wagtail", "django")
            )
    return names


def _assignments_to(tree, names):
    for node in ast.walk(tree):
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        )
        for target in targets:
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id in names:
                yield node.lineno, f"{target.value.id}.{target.attr}"
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "setattr"
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in names
        ):
            yield node.lineno, f"setattr({node.args[0].id}, …)"
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "_hooks"
            and isinstance(node.value, ast.Name)
            and node.value.id == "hooks"
        ):
            yield node.lineno, "hooks._hooks"


def test_nothing_outside_wagtail_compat_assigns_to_wagtail_or_django():
    found = []
    for path in sorted(SITE45.rglob("*.py")):
        relative = path.relative_to(SITE45)
        if relative.parts[0] in ("wagtail_compat", "settings") or "migrations" in relative.parts:
            continue
        tree = ast.parse(path.read_text(), str(path))
        names = _names_imported_from_frameworks(tree)
        found += [f"{relative}:{line} {what}" for line, what in _assignments_to(tree, names)]
    assert found == []


def test_the_admin_views_the_guards_answer_for_are_still_where_the_guards_expect_them():
    """``governance.permissions.admin_guards`` answers for four Wagtail views by URL name and form field."""
    from django.urls import resolve, reverse
    from wagtail.admin.views import chooser
    from wagtail.admin.views.pages import copy

    from site45.governance.permissions import admin_guards

    assert resolve(reverse(admin_guards.ERROR_TEST_VIEW)).view_name == admin_guards.ERROR_TEST_VIEW
    assert resolve(reverse(admin_guards.EXTERNAL_LINK_CHOOSER)).view_name == admin_guards.EXTERNAL_LINK_CHOOSER
    assert resolve(reverse(admin_guards.COPY_VIEW, args=[1])).view_name == admin_guards.COPY_VIEW
    assert chooser.ExternalLinkView.form_prefix + "-url" == admin_guards.EXTERNAL_LINK_FIELD
    assert f'request.POST["{admin_guards.COPY_PARENT_FIELD}"]' in inspect.getsource(copy)


def test_the_account_summary_we_replace_is_still_wagtails_with_its_guide_link(admin_client, site_tree):
    """Our ``wagtailadmin/home/account_summary.html`` is Wagtail's with one link changed: when
    Wagtail's changes beyond that link, ours must follow."""
    theirs = (Path(wagtail.__file__).parent / "admin/templates/wagtailadmin/home/account_summary.html").read_text()
    for kept in (
        '{% avatar user size="large" edit_link=True %}',
        "{{ user|user_display_name }}",
        "wagtailadmin_account",
    ):
        assert kept in theirs
    assert "wagtail_feature_release_editor_guide_link" in theirs  # the link we replace
    html = admin_client.get("/admin/").content.decode()
    assert reverse("editor_guide") in html and "編輯操作說明" in html
    assert "guide.wagtail.org" not in html


def test_the_fields_admin_labels_names_are_still_there_and_still_unlabelled_by_wagtail():
    """``admin_labels`` labels fields Wagtail left without one; each must still exist (a KeyError
    at start-up otherwise), and a label Wagtail gives one day would show here as a change."""
    from wagtail.admin.forms import choosers
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.sites.views import IndexView as SitesIndexView
    from wagtail.users.forms import PagePermissionsForm
    from wagtail_localize.views.report import TranslationsReportFilterSet

    from site45.wagtail_compat import admin_labels

    for form_name, labels in admin_labels.CHOOSER_LABELS.items():
        form = getattr(choosers, form_name)
        for field, label in labels.items():
            assert form.base_fields[field].label == label, (form_name, field)
    for name, label in admin_labels.REPORT_FILTER_LABELS.items():
        assert TranslationsReportFilterSet.base_filters[name].label == label
    for form in (WorkflowPageForm, PagePermissionsForm):
        assert str(form.base_fields["page"].label) == str(capfirst(Page._meta.verbose_name))
    labelled = {column.name: column.label for column in SitesIndexView.columns}
    for name in admin_labels.SITE_COLUMNS:
        assert str(labelled[name]) == str(capfirst(Site._meta.get_field(name).verbose_name))
    form = TaskChooserSearchForm(task_type_choices=[(Page, "a"), (Site, "b")])
    assert form.fields["task_type"].label == admin_labels.TASK_TYPE_LABEL
    source = inspect.getsource(_original(TaskChooserSearchForm, "__init__"))
    assert 'self.fields["task_type"] = forms.ChoiceField(' in source and "label=" not in source
