"""使用者帳號角色 (the account role of Attachment 1's application form): what the person does at
their unit, as they declare it. Not a governance role (``roles``): it grants nothing.
"""

from django.utils.translation import gettext_lazy as _

ACCOUNT_ROLE_OTHER = "other"
#: 使用者帳號角色 of Attachment 1, in the form's order.
ACCOUNT_ROLE_CHOICES = [
    ("wda_supervisor", _("本署及所屬分署主管")),
    ("wda_officer", _("本署及所屬分署業務承辦人員")),
    ("county_supervisor", _("縣市政府主管")),
    ("county_officer", _("縣市政府業務承辦人員")),
    ("pes_supervisor", _("公立就業服務機構主管")),
    ("pes_counsellor", _("公立就業服務機構就業服務員")),
    ("silver_point_counsellor", _("銀髮人才服務據點就業服務員")),
    (ACCOUNT_ROLE_OTHER, _("其他（請說明）")),
]
