"""Every account that has a password gets a history row dated today.

Without it the maximum age would count from ``date_joined`` and expire every older account on
the day the rule is deployed; with it the clock starts now, and the current password is in the
history from the start.
"""

from django.contrib.auth.hashers import is_password_usable
from django.db import migrations
from django.utils import timezone


def seed_history(apps, schema_editor):
    User = apps.get_model("auth", "User")
    PasswordHistory = apps.get_model("credentials", "PasswordHistory")
    now = timezone.now()
    rows = [
        PasswordHistory(user_id=pk, password=password, created_at=now)
        for pk, password in User.objects.values_list("pk", "password").iterator()
        if is_password_usable(password)
    ]
    PasswordHistory.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("credentials", "0001_initial")]

    operations = [migrations.RunPython(seed_history, migrations.RunPython.noop)]
