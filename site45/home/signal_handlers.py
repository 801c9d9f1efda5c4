from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.signals import post_page_move

from .models import ContentPage
from .public_media import make_image_name_unguessable

pre_save.connect(make_image_name_unguessable, sender=get_image_model(), dispatch_uid="site45_unguessable_image_name")


@receiver(post_page_move)
def reassign_owning_unit_after_move(sender, instance, **kwargs):
    """Wagtail saves a moved page as a plain ``Page``; give the specific page its new unit."""
    page = instance.specific
    if isinstance(page, ContentPage):
        page._assign_owning_unit()
        type(page).objects.filter(pk=page.pk).update(unit_id=page.unit_id)
