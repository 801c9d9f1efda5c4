from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .org.models import Membership, Unit
from .permissions.grants import sync_groups_for_section, sync_user
from .permissions.unit_media import unit_collection


@receiver(post_save, sender=Unit)
def unit_saved(sender, instance, raw=False, **kwargs):
    """Each unit gets its media collection when it is made (and keeps its name in step)."""
    if not raw:
        unit_collection(instance)


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def membership_changed(sender, instance, raw=False, **kwargs):
    if not raw:  # loading fixtures: groups are synced when the data is real
        sync_user(instance.user)


@receiver(post_save)
def section_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw and getattr(sender, "is_unit_section", False):
        sync_groups_for_section(instance)
