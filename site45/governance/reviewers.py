"""Who reviews a submission (SPEC §4, §5): exactly one responsible reviewer, or nobody.

``resolve_reviewer(unit, submitter)`` is the single answer every part of the system uses:
the workflow task, the queues, the dashboard and the tests.
"""

from .matrix import load_matrix
from .models import Membership, Unit

#: Where a submission goes when a unit's own seat is empty or the reviewer is the submitter.
#: (SPEC §4: county, commissioned_center, service_station → the branch with jurisdiction;
#: silver_center, employment_center → their branch; branch, hq_division → hq_special;
#: hq_special → the system administrator.)
ESCALATE_TO_JURISDICTION_BRANCH = {"county", "commissioned_center", "service_station",
                                   "silver_center", "employment_center", "silver_point", "service_desk"}
ESCALATE_TO_HQ_SPECIAL = {"branch", "hq_division"}
ESCALATE_TO_SYSTEM_ADMIN = {"hq_special"}


def reviewing_unit(unit):
    """The unit whose reviewer seat first answers for ``unit``'s drafts.

    silver_point and service_desk units are reviewed by their supervising county unit
    (上稿審核權在各局處); every other unit by itself (matrix.csv ``drafts_reviewed_by``).
    """
    rules = load_matrix().get(unit.unit_type)
    if rules and rules.drafts_reviewed_by == "supervising_county_unit" and unit.supervising_unit_id:
        return unit.supervising_unit
    return unit


def supervising_unit(unit):
    """One level up for review, or ``None`` when the next level is the system administrator."""
    if unit.unit_type in ESCALATE_TO_JURISDICTION_BRANCH:
        return unit.jurisdiction_branch
    if unit.unit_type in ESCALATE_TO_HQ_SPECIAL:
        return Unit.objects.filter(unit_type="hq_special").order_by("pk").first()
    return None


def seated_reviewer(unit):
    """The active holder of ``unit``'s reviewer seat, if any."""
    membership = (
        Membership.objects.filter(unit=unit, is_unit_reviewer=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def system_admin():
    membership = (
        Membership.objects.filter(is_system_admin=True, user__is_active=True).select_related("user").first()
    )
    return membership.user if membership else None


def resolve_reviewer(unit, submitter=None):
    """The one user responsible for reviewing a submission of ``unit`` made by ``submitter``.

    Walks up from the reviewing unit while the seat is empty, inactive, or held by the
    submitter; after hq_special comes the system administrator. Returns ``None`` only when
    nobody but the submitter could review (e.g. the system administrator's own submission).
    """
    current = reviewing_unit(unit)
    seen = set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        reviewer = seated_reviewer(current)
        if reviewer is not None and reviewer != submitter:
            return reviewer
        current = supervising_unit(current)
    admin = system_admin()
    if admin is not None and admin != submitter:
        return admin
    return None


def empty_reviewer_seats():
    """Units that may have a reviewer (Attachment 2) but have no active one."""
    from .roles import unit_types_allowing

    seated = Membership.objects.filter(is_unit_reviewer=True, user__is_active=True).values("unit_id")
    return (
        Unit.objects.filter(unit_type__in=unit_types_allowing("unit_reviewer"), is_active=True)
        .exclude(pk__in=seated)
        .order_by("code")
    )
