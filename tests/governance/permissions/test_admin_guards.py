"""The guards in front of Wagtail's admin views (``permissions/admin_guards.py``), each where a
Wagtail view answers before it checks, through the real admin URLs.

Every admin URL is swept by ``tests/site/test_canary_sweep.py`` (anonymous, another unit's
editor and reviewer, an account manager and the auditor; GET and empty POST; no 5xx, no foreign
marker, no watched row changed); these are the cases it found, kept as named tests.
"""

import uuid

import pytest
from wagtail.models import Page

from tests.factories import make_member, make_page

MARK = f"甲單位機密{uuid.uuid4().hex[:10]}"


def test_wagtails_error_test_view_is_not_found(client, site_tree):
    """Wagtail's failwhale/ raises on purpose for any admin user; admin_guards answers 404."""
    client.raise_request_exception = False
    client.force_login(make_member("TW-KHH"))
    assert client.get("/admin/failwhale/").status_code == 404
    assert client.post("/admin/failwhale/").status_code == 404


def test_the_external_link_chooser_answers_a_post_without_its_field(client, site_tree):
    """Wagtail's form crashes on a POST without ``url``; admin_guards sends it empty."""
    client.raise_request_exception = False
    client.force_login(make_member("TW-KHH"))
    response = client.post("/admin/choose-external-link/", {})
    assert response.status_code == 200 and response.json()["step"] != "external_link_chosen"


def test_the_workflow_views_do_not_name_another_units_draft(client, site_tree):
    """Wagtail's workflow views flash the latest draft title before any permission check."""
    from wagtail.models import Task

    page = make_page("hot_news", unit_code="TW-TXG", publish=False, title=f"{MARK} 流程預覽")
    task = Task.objects.order_by("pk").first()
    client.force_login(make_member("TW-KHH"))
    task_id = task.pk if task else 1
    preview = f"/admin/pages/workflow/preview/{page.pk}/{task_id}/"
    response = client.get(preview, follow=True)
    assert response.status_code == 404 and MARK not in response.content.decode()
    action = client.get(f"/admin/pages/workflow/action/{page.pk}/approve/1/", follow=True)
    assert action.status_code == 404 and MARK not in action.content.decode()
    # The page's own unit still reaches Wagtail's view (which tells them it is not in moderation).
    client.force_login(make_member("TW-TXG", "editor"))
    assert client.get(preview).status_code != 404


@pytest.mark.parametrize("value", [None, "", "abc", "999999999", "-1"])
def test_copying_without_a_destination_is_a_bad_request(client, site_tree, value):
    """Wagtail's copy view reads ``new_parent_page`` before validating: a POST without it, or
    naming no page, answered 500 (found by the canary sweep); admin_guards answers 400 and
    nothing is copied. A real destination still reaches Wagtail's form."""
    client.raise_request_exception = False
    editor = make_member("TW-TXG", "editor")
    page = make_page("hot_news", unit_code="TW-TXG", publish=False, title="複製來源")
    client.force_login(editor)
    count = Page.objects.count()
    data = {} if value is None else {"new_parent_page": value, "new_title": "複本", "new_slug": "copy-x"}
    response = client.post(f"/admin/pages/{page.pk}/copy/", data)
    assert response.status_code == 400
    assert Page.objects.count() == count
    parent = page.get_parent()
    response = client.post(f"/admin/pages/{page.pk}/copy/", {"new_parent_page": str(parent.pk)})
    assert response.status_code == 200  # the form, with its own messages
