"""Which secret key each saved plan's hash was made with (security N3). Every plan is kept.

A plan saved before this cannot tell which key hashed it, except when no older key is set:
then only the current key can have opened it, so it is marked so. Otherwise it is left blank
(`manage.py savedplankeys` counts it as relying on any key) until its code is next seen."""

from django.conf import settings
from django.db import migrations, models
from django.utils.crypto import salted_hmac

FINGERPRINT_SALT = "decisionaid.plans.key-fingerprint"  # as plans.FINGERPRINT_SALT, frozen here


def mark_plans_of_the_only_key(apps, schema_editor):
    if settings.SECRET_KEY_FALLBACKS:
        return
    current = salted_hmac(FINGERPRINT_SALT, "", secret=settings.SECRET_KEY, algorithm="sha256").hexdigest()[:16]
    apps.get_model("decisionaid", "SavedPlan").objects.using(schema_editor.connection.alias).update(
        key_fingerprint=current)


class Migration(migrations.Migration):

    dependencies = [
        ("decisionaid", "0003_merge"),
    ]

    operations = [
        migrations.AddField(
            model_name="savedplan",
            name="key_fingerprint",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
        migrations.RunPython(mark_plans_of_the_only_key, migrations.RunPython.noop),
    ]
