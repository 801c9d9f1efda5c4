"""The content types' names as readers see them (matrix.csv's codes, SPEC §4).

Which unit may publish which type is Attachment 2's question (``governance.org.matrix``); this
is only what each type is called on the site, in its feeds and in the admin.
"""

from django.utils.translation import gettext_lazy as _

CONTENT_TYPE_LABELS = {
    "hot_news": _("熱門消息"),
    "event": _("活動訊息"),
    "press_release": _("新聞稿"),
    "announcement": _("公告"),
    "success_case": _("成功就業案例"),
    "friendly_employer": _("友善頭家"),
    "lecture": _("名人講堂"),
    "generation_cooperation": _("世代合作"),
}
