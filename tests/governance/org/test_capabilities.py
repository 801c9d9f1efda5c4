"""Who may do what (SPEC §3): the capability table, asked of one person and of everyone.

Every capability is checked for every role of the table through both ``user_can`` and
``users_who_can``, so the single answer and the set of people cannot drift apart.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from site45.governance.models import HQ_SPECIAL, Unit
from site45.governance.org.capabilities import CAPABILITIES, user_can, users_who_can
from site45.governance.org.matrix import ROLE_CODES, load_matrix
from site45.governance.review.reviewers import REVIEW_ESCALATES_TO, supervising_unit
from tests.factories import make_member

User = get_user_model()

#: A unit where each role may be held (SPEC §3): everything exists at hq_special.
HQ_SPECIAL_CODE = "wda-dsted"


def answers(user, capability):
    """(one person's answer, whether the set of people holds them) — must be equal."""
    return user_can(user, capability), users_who_can(capability).filter(pk=user.pk).exists()


@pytest.mark.parametrize("capability", sorted(CAPABILITIES))
@pytest.mark.parametrize("role", ROLE_CODES)
def test_each_role_holds_exactly_the_capabilities_of_the_table(site_tree, role, capability):
    member = make_member(HQ_SPECIAL_CODE, role, account_role="wda_supervisor")
    expected = role in CAPABILITIES[capability]
    assert answers(member, capability) == (expected, expected)


def test_every_role_of_the_table_is_a_role_of_attachment_2():
    assert {role for roles in CAPABILITIES.values() for role in roles} <= set(ROLE_CODES)


def test_an_unknown_capability_is_an_error(site_tree):
    member = make_member(HQ_SPECIAL_CODE, "editor")
    with pytest.raises(KeyError):
        user_can(member, "publish_everything")
    with pytest.raises(KeyError):
        users_who_can("publish_everything")


@pytest.mark.parametrize("capability", sorted(CAPABILITIES))
def test_the_superuser_can_everything_until_suspended(site_tree, capability):
    root = User.objects.create_superuser("root", password="pw-for-tests-only-123")
    assert answers(root, capability) == (True, True)
    root.is_active = False
    root.save(update_fields=["is_active"])
    assert answers(root, capability) == (False, False)


@pytest.mark.parametrize("capability", sorted(CAPABILITIES))
def test_an_inactive_membership_holds_nothing(site_tree, capability):
    """A suspended account (停用) keeps its membership and roles on record but may do nothing."""
    suspended = make_member(
        HQ_SPECIAL_CODE,
        "account_manager",
        "account_auditor",
        "unit_reviewer",
        "editor",
        account_role="wda_supervisor",
        is_active=False,
    )
    assert answers(suspended, capability) == (False, False)


@pytest.mark.parametrize("capability", sorted(CAPABILITIES))
def test_a_suspended_user_without_a_unit_and_the_anonymous_visitor_hold_nothing(site_tree, capability):
    suspended = User.objects.create_user("left-long-ago", password="pw-for-tests-only-123", is_active=False)
    no_unit = User.objects.create_user("no-unit-yet", password="pw-for-tests-only-123")
    assert answers(suspended, capability) == (False, False)
    assert answers(no_unit, capability) == (False, False)
    assert user_can(AnonymousUser(), capability) is False


def test_the_set_of_people_is_one_query_without_repeats(site_tree, django_assert_num_queries):
    make_member(HQ_SPECIAL_CODE, "system_admin", account_role="wda_supervisor")
    make_member(HQ_SPECIAL_CODE, "account_manager", account_role="wda_supervisor")
    make_member(HQ_SPECIAL_CODE, "account_auditor", account_role="wda_supervisor")
    for capability in CAPABILITIES:
        with django_assert_num_queries(1):
            people = list(users_who_can(capability))
        assert len(people) == len({user.pk for user in people})


# --- the hq_special unit and the review escalation (SPEC §4) ----------------------------------


def test_every_unit_type_of_attachment_2_escalates_somewhere():
    assert set(REVIEW_ESCALATES_TO) == set(load_matrix())


def test_the_hq_special_unit_is_the_active_one(site_tree):
    hq = Unit.objects.get(code=HQ_SPECIAL_CODE)
    assert Unit.objects.hq_special_unit() == hq
    branch = Unit.objects.filter(unit_type="branch").order_by("code").first()
    assert supervising_unit(branch) == hq
    Unit.objects.filter(unit_type=HQ_SPECIAL).update(is_active=False)
    assert Unit.objects.hq_special_unit() is None
    assert supervising_unit(branch) is None  # the system administrator answers next
