"""Django's default permissions are named in zh-Hant after migrate (``org/permission_names``), so
Wagtail's group form reads 「可新增使用者」 to a screen reader, not 「Can add user」."""

import re

from django.contrib.auth.models import Group, Permission

from site45.governance.org.permission_names import name_permissions_in_zh_hant
from tests.factories import make_member


def test_every_default_permission_has_its_zh_hant_name(db):
    assert Permission.objects.get(codename="add_user").name == "可新增使用者"
    assert Permission.objects.get(codename="delete_unit").name == "可刪除單位"
    assert Permission.objects.get(codename="change_page").name.startswith("可修改")
    assert not Permission.objects.filter(name__regex=r"^Can (add|change|delete|view) ").exists()
    # A custom permission takes its translation from the catalogues.
    assert Permission.objects.get(codename="publish_page").name == "發布任意頁面"


def test_naming_again_changes_nothing_and_restores_a_renamed_row(db):
    assert name_permissions_in_zh_hant() == 0
    Permission.objects.filter(codename="add_user").update(name="Can add user")
    assert name_permissions_in_zh_hant() == 1
    assert Permission.objects.get(codename="add_user").name == "可新增使用者"


def test_the_group_form_reads_no_english_permission_name(client, site_tree):
    client.force_login(make_member("wda-dsted", "system_admin", account_role="wda_officer"))
    group = Group.objects.order_by("pk").first()
    html = client.get(f"/admin/groups/edit/{group.pk}/").content.decode()
    assert "可新增使用者" in html
    assert not re.search(r"Can (add|change|delete) ", html)
