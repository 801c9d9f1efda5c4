from django.dispatch import receiver
from wagtail.signals import post_page_move


@receiver(post_page_move)
def reassign_owning_unit_after_move(sender, instance, **kwargs):
    """Wagtail saves a moved page as a plain ``Page``; give the specific page its new unit."""
    from .models import ContentPage

    page = instance.specific
    if isinstance(page, ContentPage):
        page._assign_owning_unit()
        type(page).objects.filter(pk=page.pk).update(unit_id=page.unit_id)
