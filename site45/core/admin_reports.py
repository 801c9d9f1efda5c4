"""Wagtail's admin reports as subclasses, routed at Wagtail's addresses in ``site45/urls.py``.

- ``AgingPagesReportView``: Wagtail's 「久未更新的頁面」 report prints the last publisher of a page
  nobody published (published in code, by the scheduler, or the root page) as 「None」 — its
  avatar include falls back to the user value when the name is empty. Here that name is 「—」.
"""

from wagtail.admin.views.reports.aging_pages import AgingPagesView

NOBODY = "—"


class AgingPagesReportView(AgingPagesView):
    def add_last_publisher_name_to_page(self, username_mapping, page):
        super().add_last_publisher_name_to_page(username_mapping, page)
        if not page.last_published_by_user:
            page.last_published_by_user = NOBODY
