"""The unit admin's filter 「審核人員出缺」: the units ``empty_reviewer_seats()`` names.

The unit admin is the org room's (``org.unit_admin``), which stands below this room; the
filter set here extends its filters and is put in place where the viewset is registered
(``governance/wagtail_hooks.py``). The dashboards link to the filtered list
(``empty_seats_url``).
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..org.unit_admin import UnitFilterSet, unit_list_url
from .reviewers import empty_reviewer_seats

#: The filter's name in the unit list's query string.
EMPTY_SEAT_FILTER = "empty_reviewer_seat"


class UnitSeatFilterSet(UnitFilterSet):
    empty_reviewer_seat = django_filters.BooleanFilter(label=_("審核人員出缺"), method="filter_empty_seat")

    class Meta(UnitFilterSet.Meta):
        fields = [*UnitFilterSet.Meta.fields, EMPTY_SEAT_FILTER]

    def filter_empty_seat(self, queryset, name, value):
        if value is None:
            return queryset
        empty = empty_reviewer_seats().values("pk")
        return queryset.filter(pk__in=empty) if value else queryset.exclude(pk__in=empty)


def empty_seats_url():
    """The unit list showing exactly the units whose reviewer seat is empty."""
    return unit_list_url(**{EMPTY_SEAT_FILTER: "true"})
