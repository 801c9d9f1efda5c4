"""UnitPagePermissionTester answers can_delete for leaf pages exactly as Wagtail's tester does."""

import pytest
from wagtail.models import PagePermissionTester

from tests.factories import make_member, make_page


@pytest.mark.parametrize("live", [True, False])
@pytest.mark.parametrize("who", ["own_editor", "other_editor", "hq_editor", "author"])
def test_leaf_can_delete_matches_wagtail(site_tree, live, who):
    author = make_member("TW-TXG")
    users = {
        "own_editor": make_member("TW-TXG"),
        "other_editor": make_member("TW-KHH"),
        "hq_editor": make_member("wda-dsted"),
        "author": author,
    }
    page = make_page("hot_news", unit_code="TW-TXG", publish=live, owner=author)
    user = users[who]
    ours = page.permissions_for_user(user)
    assert type(ours).__name__ == "UnitPagePermissionTester"
    assert ours.can_delete() == PagePermissionTester(user, page).can_delete()


def test_only_the_system_admin_may_delete_or_move_a_unit_section(site_tree):
    from site45.home.models import UnitPage

    section = UnitPage.objects.get(unit__code="TW-TXG", locale__language_code="zh-hant")
    for user in (make_member("TW-TXG"), make_member("TW-TXG", "unit_reviewer"), make_member("wda-dsted")):
        tester = section.permissions_for_user(user)
        assert not tester.can_delete() and not tester.can_move()
    admin = make_member("wda-dsted", "system_admin")
    assert section.permissions_for_user(admin).can_delete()
    assert section.permissions_for_user(admin).can_move()
