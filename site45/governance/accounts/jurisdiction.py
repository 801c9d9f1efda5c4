"""Which unit receives a unit's account applications (SPEC §6, 規定 三(一)).

Attachment 2's 帳號申請流程, as matrix.csv's ``accounts_activated_by`` column says it:

- ``hq_special``: applications of hq_special, hq_division and branch units go to the hq_special
  unit (本署身特組開通);
- ``jurisdiction_branch``: every other unit's go to its branch with jurisdiction (轄區各分署開通).

Who then sees an application and who is mailed about it is ``routing``'s question.
"""

from ..org.matrix import load_matrix
from ..org.models import HQ_SPECIAL, Unit

JURISDICTION_BRANCH = "jurisdiction_branch"


def reviewing_unit_for(unit):
    """The unit whose account manager receives ``unit``'s applications (``None`` if there is none)."""
    rules = load_matrix().get(unit.unit_type)
    if rules is None:
        return None
    if rules.accounts_activated_by == HQ_SPECIAL:
        return Unit.objects.hq_special_unit()
    if rules.accounts_activated_by == JURISDICTION_BRANCH:
        return unit.jurisdiction_branch
    raise ValueError(f"unknown accounts_activated_by {rules.accounts_activated_by!r} for {unit.unit_type}")


def route_application(app):
    """Set ``app.reviewing_unit`` from its applying unit; returns the reviewing unit."""
    app.reviewing_unit = reviewing_unit_for(app.unit) if app.unit_id else None
    return app.reviewing_unit


def units_routed_to(reviewing_unit):
    """Units whose applications go to ``reviewing_unit`` (the inverse of ``reviewing_unit_for``)."""
    matrix = load_matrix()
    by_hq = [t for t, rules in matrix.items() if rules.accounts_activated_by == HQ_SPECIAL]
    by_branch = [t for t, rules in matrix.items() if rules.accounts_activated_by == JURISDICTION_BRANCH]
    if reviewing_unit is None:
        return Unit.objects.none()
    if reviewing_unit.unit_type == HQ_SPECIAL and reviewing_unit == Unit.objects.hq_special_unit():
        return Unit.objects.filter(unit_type__in=by_hq)
    return Unit.objects.filter(unit_type__in=by_branch, jurisdiction_branch=reviewing_unit)
