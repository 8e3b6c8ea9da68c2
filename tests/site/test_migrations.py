"""Existing databases keep working when the code moves: the migrations that gave the tables to
the apps by area (saving, printing, hospital) keep every row, and staff keep their permissions.
Run on SQLite and on PostgreSQL (both_databases)."""

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE_THE_SPLIT = [("decisionaid", "0006_printable_pdfs"), ("saving", None), ("printing", None), ("hospital", None)]


def migrate_to(targets):
    """Migrate to these (app, migration) targets (None: none of that app's); the models as they were."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1]]).apps


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_split_keeps_every_row_and_every_permission():
    old = migrate_to(BEFORE_THE_SPLIT)
    try:
        now = timezone.now()
        old.get_model("decisionaid", "SavedPlan").objects.create(
            code_hash="a" * 64, data="{}", saved_at=now, expires_at=now)
        old.get_model("decisionaid", "Organisation").objects.create(name="Riverside Children's Hospital")
        old.get_model("decisionaid", "PdfRender").objects.create(client="b" * 64, at=now)
        # Going back, the content types went back to the app they had before the split (the
        # staff tables themselves did not move: today's models read and write them as they were).
        permission = Permission.objects.get(
            content_type=ContentType.objects.get(app_label="decisionaid", model="signoff"), codename="sign_off_content")
        User.objects.create(username="reviewer", is_staff=True).user_permissions.add(permission)
    finally:
        call_command("migrate", verbosity=0)  # forward again, whatever happened

    from decisionaid.hospital.models import Organisation
    from decisionaid.printing.models import PdfRender
    from decisionaid.saving.models import SavedPlan

    assert SavedPlan.objects.get().code_hash == "a" * 64
    assert Organisation.objects.get().name == "Riverside Children's Hospital"
    assert PdfRender.objects.count() == 1
    assert not ContentType.objects.filter(app_label="decisionaid").exists()
    assert User.objects.get(username="reviewer").has_perm("hospital.sign_off_content")
