"""The admin API's images and documents endpoints follow the unit line (issue 11 item 4).

Wagtail registers ``/admin/api/main/images/`` and ``documents/`` for any admin user and lists
every file in an unrestricted collection, so another unit's unused or draft-only upload showed
its title and file name to anybody who could sign in (found by the canary sweep). Here both
endpoints list and show only the files the user may choose or change — their own unit's and
the shared collection (``unit_media``'s permission policy decides).
"""

from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

#: What a user must hold on a file to see it in the admin API (as in the choosers).
VISIBLE_WITH = ["choose", "change"]


class ScopedToChooserMixin:
    def get_queryset(self):
        queryset = super().get_queryset()
        policy = policy_registry.get_by_type(queryset.model)
        allowed = policy.instances_user_has_any_permission_for(self.request.user, VISIBLE_WITH)
        return queryset.filter(pk__in=allowed.values("pk"))


class UnitImagesAdminAPIViewSet(ScopedToChooserMixin, ImagesAdminAPIViewSet):
    pass


class UnitDocumentsAdminAPIViewSet(ScopedToChooserMixin, DocumentsAdminAPIViewSet):
    pass


@hooks.register("construct_admin_api", order=100)  # after Wagtail's own registration
def scope_admin_api_media(router):
    router.register_endpoint("images", UnitImagesAdminAPIViewSet)
    router.register_endpoint("documents", UnitDocumentsAdminAPIViewSet)
