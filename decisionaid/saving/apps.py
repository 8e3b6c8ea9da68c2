from django.apps import AppConfig
from django.core import checks


class SavingConfig(AppConfig):
    """Save and continue later: saved plans, return codes and the limit on wrong ones; the
    session store; erasing what a family entered."""

    name = "decisionaid.saving"
    label = "saving"
    verbose_name = "Saved plans"

    def ready(self):
        @checks.register("security")
        def check_return_codes(app_configs=None, **kwargs):
            from decisionaid.saving import codes

            if codes.bits_of_randomness() < codes.MINIMUM_BITS:
                return [checks.Error(
                    f"Return codes hold {codes.bits_of_randomness():.1f} bits of randomness, fewer than "
                    f"{codes.MINIMUM_BITS}: leave fewer words out (codes.LEFT_OUT).", id="decisionaid.E002")]
            return []
