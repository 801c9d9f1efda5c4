"""Recovery codes were stored in clear in django-otp's ``StaticToken.token``; store their hashes.

The hash is ``two_factor.hash_recovery_code``, repeated here as it was when this migration was
written (a migration must not change when the code does). A stored code in clear is lower-case
base32; a hash is upper-case, so the conversion skips what it already converted. Codes users
hold keep working: they are hashed the same way when typed. There is no way back.
"""

import hashlib
from base64 import b32encode

from django.db import migrations


def _hash(code):
    normal = "".join(ch for ch in code.lower() if ch.isalnum())
    digest = hashlib.sha256(b"site45-recovery-code:" + normal.encode("ascii", "ignore")).digest()
    return b32encode(digest).decode("ascii")[:16]


def hash_existing_codes(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.filter(device__name="recovery").iterator():
        if token.token != token.token.upper() or token.token.isdigit():  # still in clear
            token.token = _hash(token.token)
            token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0002_existing_passwords"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_existing_codes, migrations.RunPython.noop, elidable=True)]
