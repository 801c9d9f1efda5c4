"""Labels Wagtail never gave: Django and Wagtail make them from the field's name, in English.

Wagtail 8's link choosers declare ``link_text``, ``email_address``, ``subject``, ``body`` and
``phone_number`` without a label; wagtail-localize's translations report filters
``source_locale`` and ``target_locale`` likewise; the page fields of the workflow form and of the
group form's page permissions have none; the task chooser adds ``task_type`` without
one; the sites listing's columns ``port``, ``site_name`` and ``root_page`` have none. Django
writes "Link text", "Phone number", "Source locale", "Task type", "Port"… on every screen,
whatever the language (found by ``tests/site/test_admin_taiwan_mandarin.py``). ``install`` gives
each a translatable label; the sites columns take their model field's own ``verbose_name``,
which Wagtail's catalogue translates.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .patching import wrap

#: form class path -> {field name: label}
CHOOSER_LABELS = {
    "ExternalLinkChooserForm": {"link_text": _("連結文字")},
    "AnchorLinkChooserForm": {"link_text": _("連結文字")},
    "EmailLinkChooserForm": {
        "email_address": _("電子郵件地址"),
        "link_text": _("連結文字"),
        "subject": _("主旨"),
        "body": _("內文"),
    },
    "PhoneLinkChooserForm": {"phone_number": _("電話號碼"), "link_text": _("連結文字")},
}
REPORT_FILTER_LABELS = {"source_locale": _("來源語系"), "target_locale": _("目標語系")}
SITE_COLUMNS = ("port", "site_name", "root_page")
TASK_TYPE_LABEL = _("作業類型")
#: Models their apps left without a verbose name ("locale", "2 locales", 「可新增locale」).
#: Only ``_meta`` is set, not the declared ``Meta``: the migration autodetector reads the
#: declared options, so no migration of those apps follows.
MODEL_NAMES = {
    ("wagtailcore", "locale"): (_("語系"), _("語系")),
    ("wagtail_localize", "translation"): (_("翻譯"), _("翻譯")),
}


def install():
    from django.apps import apps

    for (app_label, model_name), (singular, plural) in MODEL_NAMES.items():
        meta = apps.get_model(app_label, model_name)._meta
        meta.verbose_name, meta.verbose_name_plural = singular, plural
    from wagtail.admin.forms import choosers
    from wagtail.admin.forms.workflows import TaskChooserSearchForm, WorkflowPageForm
    from wagtail.models import Page, Site
    from wagtail.sites.views import IndexView as SitesIndexView
    from wagtail.users.forms import PagePermissionsForm
    from wagtail_localize.views.report import TranslationsReportFilterSet

    for form_name, labels in CHOOSER_LABELS.items():
        for field, label in labels.items():
            getattr(choosers, form_name).base_fields[field].label = label
    for name, label in REPORT_FILTER_LABELS.items():
        TranslationsReportFilterSet.base_filters[name].label = label
    for form in (WorkflowPageForm, PagePermissionsForm):
        form.base_fields["page"].label = capfirst(Page._meta.verbose_name)
    for column in SitesIndexView.columns:
        if column.name in SITE_COLUMNS:
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
    wrap(TaskChooserSearchForm, "__init__", _labelled_task_type)


def _labelled_task_type(original):
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if "task_type" in self.fields:
            self.fields["task_type"].label = TASK_TYPE_LABEL

    return __init__
