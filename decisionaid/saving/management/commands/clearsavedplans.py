"""Delete saved plans past their expiry and old return-code attempts. Run it daily."""

from django.core.management.base import BaseCommand

from decisionaid.printing import limits
from decisionaid.saving import plans, throttle


class Command(BaseCommand):
    help = "Deletes expired saved plans and return-code attempts older than the limit's window."

    def handle(self, *args, **options):
        expired = plans.clear_expired()
        attempts = throttle.clear_old() + limits.clear_old()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Deleted {expired} expired saved plan(s) and {attempts} old attempt(s).")
