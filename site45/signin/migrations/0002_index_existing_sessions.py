"""Index the sessions that exist when the app is installed: from here on every session save
keeps the table (``signal_handlers``), so this is the only time sessions are decoded."""

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def index_live_sessions(apps, schema_editor):
    from django.contrib.sessions.backends.db import SessionStore

    Session = apps.get_model("sessions", "Session")
    SignedInSession = apps.get_model("signin", "SignedInSession")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    existing = set(User.objects.values_list("pk", flat=True))
    store = SessionStore()
    now = timezone.now()
    rows = []
    for key, data in Session.objects.filter(expire_date__gt=now).values_list("session_key", "session_data").iterator():
        try:
            owner = int(store.decode(data).get("_auth_user_id"))
        except (TypeError, ValueError, AttributeError):
            continue
        if owner in existing:
            rows.append(SignedInSession(session_id=key, user_id=owner, signed_in_at=now, last_activity_at=now))
    SignedInSession.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("signin", "0001_initial")]

    operations = [migrations.RunPython(index_live_sessions, migrations.RunPython.noop)]
