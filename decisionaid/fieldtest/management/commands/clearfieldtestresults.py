"""Delete every family's field test results once their field test's keeping period has ended."""

from django.core.management.base import BaseCommand
from django.db import router
from django.utils import timezone

from decisionaid.fieldtest.models import Participant
from decisionaid.saving import erasure


class Command(BaseCommand):
    help = "Deletes the results of every field test whose 'results kept until' day has passed. Run it daily."

    def handle(self, *args, **options):
        deleted, _ = Participant.objects.filter(field_test__keep_until__lt=timezone.localdate()).delete()
        erasure.empty_log(router.db_for_write(Participant))  # SQLite: gone from the files too
        if options["verbosity"] >= 1:
            self.stdout.write(f"Deleted the field test results of {deleted} famil{'y' if deleted == 1 else 'ies'}.")
