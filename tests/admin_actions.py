"""What an editor or a reviewer does in the Wagtail admin, as plain test-client requests.

Only form data and URLs live here (no assertions about governance), so any test can create,
edit, submit and approve pages of every content type through the real admin views.
"""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from site45.home.models import UnitPage, content_page_models

#: What each content type's admin form needs beyond title, slug, summary and body.
FORM_FIELDS = {
    "hot_news": {"date": "2026-01-02"},
    "event": {
        "start_at": "2026-03-01 09:00",
        "end_at": "2026-03-01 12:00",
        "venue": "臺中市政府大樓",
        "county": "TW-TXG",
        "organiser": "臺中市政府勞工局",
        "fee": "0",
    },
    "press_release": {"release_date": "2026-01-02", "contact_name": "王小明", "contact_phone": "02-8995-6000"},
    "announcement": {"announcement_date": "2026-01-02"},
    "success_case": {
        "person_name": "陳先生",
        "age_band": "45-64",
        "occupation": "保全",
        "employer": "大安保全",
        "county": "TW-TPE",
    },
    "friendly_employer": {
        "company": "好好食品",
        "industry": "食品業",
        "county": "TW-TNN",
        "address": "臺南市東區",
        "practices": "彈性工時",
    },
    "lecture": {"speaker": "林老師", "date": "2026-01-02"},
    "generation_cooperation": {
        "project_name": "老幹新枝計畫",
        "county": "TW-KHH",
        "cooperation": "師徒制",
        "outcome": "留任率提升",
    },
}


def page_model(code):
    return content_page_models()[code]


def section_of(unit, language_code="zh-hant"):
    return UnitPage.objects.get(unit=unit, locale__language_code=language_code)


def add_url(code, parent):
    meta = page_model(code)._meta
    return f"/admin/pages/add/{meta.app_label}/{meta.model_name}/{parent.pk}/"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def form_data(code, title, slug, **extra):
    data = {
        "title": title,
        "slug": slug,
        "summary": "給中高齡者的最新消息。",
        "body": streamfield([]),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
        **FORM_FIELDS[code],
    }
    data.update(extra)
    return nested_form_data(data)


def create(client, code, parent, title, slug):
    """POST the add form (save as draft)."""
    return client.post(add_url(code, parent), form_data(code, title, slug))


def save_draft(client, page, code, title):
    return client.post(edit_url(page), form_data(code, title, page.slug))


def submit(client, page, code, title=None):
    """POST the edit form with 「送審」 (Wagtail's ``action-submit``)."""
    data = form_data(code, title or page.title, page.slug)
    data["action-submit"] = "1"
    return client.post(edit_url(page), data)


def workflow_action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


def approve(client, page, task_state):
    return client.post(workflow_action_url(page, "approve", task_state), {})
