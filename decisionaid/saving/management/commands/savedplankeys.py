"""How many saved plans still rely on each secret key: when an old key can go (security N3)."""

from django.core.management.base import BaseCommand
from django.db.models import Count, Max
from django.utils import dateformat, timezone

from decisionaid.saving import plans
from decisionaid.saving.models import SavedPlan


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def on(moment) -> str:
    return dateformat.format(timezone.localdate(moment), "j F Y")


class Command(BaseCommand):
    help = ("Says how many saved plans still rely on each key in DJANGO_SECRET_KEY_FALLBACKS, so you know "
            "when it is safe to remove one. Never prints a key.")

    def handle(self, *args, **options):
        live = SavedPlan.objects.filter(expires_at__gt=timezone.now())
        by_key = {row["key_fingerprint"]: row for row in
                  live.values("key_fingerprint").annotate(plans=Count("pk"), last=Max("expires_at"))}
        current, *fallbacks = plans.fingerprints()
        unknown = by_key.pop("", None)
        write = self.stdout.write
        write(f"Saved plans that can be opened: {live.count()}.")
        write(f"- under the current key (DJANGO_SECRET_KEY): {by_key.pop(current, {}).get('plans', 0)}")
        for number, fingerprint in enumerate(fallbacks, 1):
            row = by_key.pop(fingerprint, None)
            where = f"fallback {number} of {len(fallbacks)} in DJANGO_SECRET_KEY_FALLBACKS"
            if row is None and unknown is None:
                write(f"- under {where}: 0. No saved plan relies on it: it is safe to remove it as far as "
                      "saved plans go.")
            elif row is None:
                write(f"- under {where}: none known (see below).")
            else:
                write(f"- under {where}: {row['plans']}. Keep it until none rely on it: each plan moves to the "
                      "current key when it is opened with its code or its code page is shown on its device, "
                      f"and the last of these expires on {on(row['last'])}.")
        if unknown:
            write(f"- saved before the app recorded keys: {unknown['plans']}, under any of the keys, each moving "
                  f"to the current key when next opened; the last of them expires on {on(unknown['last'])}. "
                  "Keep every fallback until then, or until this count is 0.")
        lost = sum(row["plans"] for row in by_key.values())
        if lost:
            write(f"- under a key no longer set: {plural(lost, 'plan', 'plans')}, which cannot be opened now "
                  "(they open again if that key is put back in DJANGO_SECRET_KEY_FALLBACKS).")
        if fallbacks:
            write("Removing a fallback also ends sessions and return-code cookies signed with it only: wait "
                  "DECISIONAID_SESSION_AGE after the rotation for those.")
