"""Names refuse line, paragraph and format characters like other control characters: U+2028 in
a name became a line break in mail. One rule (``text_checks``) in the user admin, 帳號設定, the
public application form and the admin's paper entry."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from site45.core.text_checks import has_control_characters
from site45.governance.accounts.applications import AccountApplication
from tests.factories import ADD_URL, account_form, edit_post, edit_url, make_member, user_post
from tests.factories import filing_form_data as form_data

pytestmark = pytest.mark.django_db

REFUSED = {
    "line separator U+2028": "\u2028",
    "paragraph separator U+2029": "\u2029",
    "next line U+0085": "\u0085",
    "line feed": "\n",
    "zero-width space U+200B": "\u200b",
    "right-to-left override U+202E": "\u202e",
    "byte-order mark U+FEFF": "\ufeff",
    "soft hyphen U+00AD": "\u00ad",
    "NUL": "\x00",
}
ALLOWED = ["陳美玲", "O'Brien-Smith", "王 小明", "𠀋", "葛\U000e0100"]  # an ideographic variation selector (Mn)


@pytest.mark.parametrize("char", list(REFUSED.values()), ids=list(REFUSED))
def test_the_rule_refuses_line_and_format_characters(char):
    assert has_control_characters(f"陳{char}美玲")


@pytest.mark.parametrize("name", ALLOWED)
def test_the_rule_keeps_real_names(name):
    assert not has_control_characters(name)


@pytest.fixture
def admin_client(site_tree):
    admin = make_member("wda-dsted", "system_admin", account_role="wda_officer", username="sysadmin")
    client = Client()
    client.force_login(admin)
    return client


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u200b"])
def test_the_user_admin_refuses_them_in_names(admin_client, site_tree, char):
    response = admin_client.post(ADD_URL, user_post(username="newuser", first_name=f"小{char}明"))
    assert response.status_code == 200 and "控制字元" in response.content.decode()
    editor = make_member("TW-TXG", "editor", username="txg-editor")
    response = admin_client.post(edit_url(editor), edit_post(editor, last_name=f"王{char}大"))
    assert response.status_code == 200 and "控制字元" in response.content.decode()
    editor.refresh_from_db()
    assert char not in editor.last_name


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u202e"])
def test_account_settings_refuse_them_in_ones_own_name(site_tree, char):
    editor = make_member("TW-TXG", "editor", username="txg-editor")
    editor.first_name, editor.last_name = "美玲", "陳"
    editor.save()
    client = Client()
    client.force_login(editor)
    data = account_form(editor, **{"name_email-first_name": f"美{char}玲"})
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 200 and "控制字元" in response.content.decode()
    editor.refresh_from_db()
    assert editor.first_name == "美玲"
    assert client.post(reverse("wagtailadmin_account"), account_form(editor)).status_code == 302


@pytest.mark.parametrize("field", ["contact_name", "user_name", "supervisor_name", "user_title"])
def test_the_public_form_refuses_them(client, site_tree, field):
    cache.clear()
    before = AccountApplication.objects.count()
    response = client.post("/account-application/", form_data(**{field: "陳\u2028Bcc: x@evil.example"}))
    assert response.status_code == 200 and field in response.context["form"].errors
    assert AccountApplication.objects.count() == before
    cache.clear()


def test_the_paper_entry_refuses_them(site_tree):
    from django.core.exceptions import ValidationError

    from site45.governance.models import Unit

    application = AccountApplication(
        unit=Unit.objects.get(code="TW-TXG"),
        contact_name="林\u2029窗口",
        user_name="陳小華",
        supervisor_name="王科長",
        account_name="x-new",
        change_type=AccountApplication.NEW,
        perm_editor=True,
        declaration_agreed=True,
    )
    with pytest.raises(ValidationError) as refused:
        application.clean()
    assert "contact_name" in refused.value.message_dict
