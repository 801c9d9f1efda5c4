"""The page permission tester every content page and unit section uses (``permissions_for_user``).

Rights come from Wagtail's group page permissions, which ``grants.sync_unit_group``
derives from membership; this subclass changes no rule. It only answers ``can_delete`` for a
leaf page from the row itself: Wagtail's own answer looks up the page's live descendants with
a query, and the explorer asks it (twice) for every row it lists — 2,000 pages, 4,000 queries.

Moves need no rule of their own here: Wagtail's ``can_move_to`` already asks
for the right to move the page (``can_move``, i.e. to edit it within one's sections) and for
"add" on the destination, so an editor moves only between sections they may edit; and it asks
the page model's ``can_move_to``, where ``ContentPage`` consults Attachment 2 (``matrix.py``),
for superusers too. The move views, the destination chooser and bulk moves all ask this tester.
"""

from wagtail.models import PagePermissionTester


class UnitPagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        if not self.page.is_leaf():
            return super().can_delete(ignore_bulk=ignore_bulk)
        if not self.user.is_active or self.page_is_root:
            return False
        if self.user.is_superuser:
            return True
        # For a leaf, "its descendants including itself" is the page alone.
        owned = self.page.owner_id == self.user.pk
        if "change" in self.permissions:
            return "publish" in self.permissions or not self.page.live
        if "add" in self.permissions:
            return owned if "publish" in self.permissions else (owned and not self.page.live)
        return False


class UnitSectionPermissionTester(UnitPagePermissionTester):
    """A unit's section is the organisation's structure, not content: only the system
    administrator may delete or move one (and so no query about its descendants is needed)."""

    def _system_admin(self):
        return self.user.is_active and self.user.is_superuser

    def can_delete(self, ignore_bulk=False):
        return self._system_admin() and not self.page_is_root

    def can_move(self):
        return self._system_admin()
