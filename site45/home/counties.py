"""Taiwan's 22 counties and cities (ISO 3166-2:TW codes), used by content with a location."""

from django.utils.translation import gettext_lazy as _

COUNTY_CHOICES = [
    ("TW-TPE", _("臺北市")),
    ("TW-NWT", _("新北市")),
    ("TW-KEE", _("基隆市")),
    ("TW-TAO", _("桃園市")),
    ("TW-HSZ", _("新竹市")),
    ("TW-HSQ", _("新竹縣")),
    ("TW-MIA", _("苗栗縣")),
    ("TW-TXG", _("臺中市")),
    ("TW-CHA", _("彰化縣")),
    ("TW-NAN", _("南投縣")),
    ("TW-YUN", _("雲林縣")),
    ("TW-CYI", _("嘉義市")),
    ("TW-CYQ", _("嘉義縣")),
    ("TW-TNN", _("臺南市")),
    ("TW-KHH", _("高雄市")),
    ("TW-PIF", _("屏東縣")),
    ("TW-ILA", _("宜蘭縣")),
    ("TW-HUA", _("花蓮縣")),
    ("TW-TTT", _("臺東縣")),
    ("TW-PEN", _("澎湖縣")),
    ("TW-KIN", _("金門縣")),
    ("TW-LIE", _("連江縣")),
]
COUNTY_CODES = [code for code, _label in COUNTY_CHOICES]


def county_of(unit):
    """The county (its ISO code) a unit works in, or "" for a unit in no county.

    The county government units are coded by their county's ISO code (org-units.csv: TW-TXG
    臺中市政府), and the units inside a county belong to it (``Unit.county_unit``).
    """
    county_unit = unit.county_unit if unit is not None else None
    if county_unit is not None and county_unit.code in COUNTY_CODES:
        return county_unit.code
    return ""
