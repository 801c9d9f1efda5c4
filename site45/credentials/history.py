"""Writing the password history: one ``post_save`` receiver on the user model.

A password reaches the database two ways: ``set_password`` + ``save`` (the account page, the
set-password link, the user admin, ``changepassword``) and ``create_user`` /
``create_superuser`` (``createsuperuser``, the seed), which assign the hash directly. Both end
in a ``post_save`` of the user, so the receiver below sees every new password. A hasher
upgrade at sign-in also saves the password, but it is the same password: Django marks it by
leaving ``_password`` empty, and it is not recorded (the age does not restart).

A new password of an existing account is also written to 帳號異動紀錄 and mailed to the user
(``email_change.password_changed``).
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_save

from .email_change import password_changed
from .models import PasswordHistory
from .validators import history_count


def record_password(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or not instance.has_usable_password():
        return
    if update_fields is not None and "password" not in update_fields:
        return
    changed = getattr(instance, "_password", None) is not None  # set_password() before save()
    if not (created or changed):
        return
    with transaction.atomic():
        PasswordHistory.objects.create(user=instance, password=instance.password)
        keep = list(
            PasswordHistory.objects.filter(user=instance).values_list("pk", flat=True)[: max(history_count(), 1)]
        )
        PasswordHistory.objects.filter(user=instance).exclude(pk__in=keep).delete()
        if not created:
            password_changed(instance)


def connect():
    post_save.connect(record_password, sender=get_user_model(), dispatch_uid="credentials_password_history")
