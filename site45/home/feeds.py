"""RSS 2.0 feed of one content type (one per ContentIndexPage, at <index>/rss/)."""

from django.contrib.syndication.views import Feed
from django.utils.translation import gettext as _

from .content_types import CONTENT_TYPE_LABELS


class ContentTypeFeed(Feed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def title(self):
        return _("45+ 就業資源網：%(type)s") % {"type": CONTENT_TYPE_LABELS[self.index_page.matrix_code]}

    def link(self):
        return self.index_page.url

    def description(self):
        return self.index_page.intro or self.title()

    def items(self):
        return self.index_page.listing()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_author_name(self, item):
        return item.unit.display_name if item.unit else ""
