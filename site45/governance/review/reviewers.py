"""Who reviews a submission (SPEC §4, §5): exactly one responsible reviewer, or nobody.

``resolve_reviewer(unit, submitter)`` is the single answer every part of the system uses:
the workflow task, the queues, the dashboard and the tests.
"""

from ..org.matrix import load_matrix
from ..org.models import HQ_SPECIAL, Membership, Unit
from ..org.roles import unit_types_allowing

#: The next level up for review.
JURISDICTION_BRANCH = "jurisdiction_branch"
SYSTEM_ADMIN = "system_admin"

#: Where a submission goes when a unit's own seat is empty or the reviewer is the submitter,
#: by unit type (SPEC §4: county, commissioned_center and service_station → the branch with
#: jurisdiction; silver_center and employment_center → their branch; branch and hq_division →
#: hq_special; hq_special → the system administrator). silver_point and service_desk drafts
#: are reviewed by their county unit first (``reviewing_unit``); their own row only matters
#: when they have no supervising county unit.
REVIEW_ESCALATES_TO = {
    "county": JURISDICTION_BRANCH,
    "commissioned_center": JURISDICTION_BRANCH,
    "service_station": JURISDICTION_BRANCH,
    "silver_center": JURISDICTION_BRANCH,
    "employment_center": JURISDICTION_BRANCH,
    "silver_point": JURISDICTION_BRANCH,
    "service_desk": JURISDICTION_BRANCH,
    "branch": HQ_SPECIAL,
    "hq_division": HQ_SPECIAL,
    HQ_SPECIAL: SYSTEM_ADMIN,
}


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
    next_level = REVIEW_ESCALATES_TO.get(unit.unit_type, SYSTEM_ADMIN)
    if next_level == JURISDICTION_BRANCH:
        return unit.jurisdiction_branch
    if next_level == HQ_SPECIAL:
        return Unit.objects.hq_special_unit()
    return None


def seated_reviewer(unit):
    """The active holder of ``unit``'s reviewer seat, if any."""
    membership = (
        Membership.objects.filter(unit=unit, is_unit_reviewer=True, user__is_active=True).select_related("user").first()
    )
    return membership.user if membership else None


def system_admin():
    membership = Membership.objects.filter(is_system_admin=True, user__is_active=True).select_related("user").first()
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
    seated = Membership.objects.filter(is_unit_reviewer=True, user__is_active=True).values("unit_id")
    return (
        Unit.objects.filter(unit_type__in=unit_types_allowing("unit_reviewer"), is_active=True)
        .exclude(pk__in=seated)
        .order_by("code")
    )
