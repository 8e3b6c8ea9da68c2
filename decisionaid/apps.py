from django.apps import AppConfig
from django.core import checks


class DecisionAidConfig(AppConfig):
    name = "decisionaid"

    def ready(self):
        from decisionaid import catalogue, library

        @checks.register("content")
        def check_content(app_configs=None, **kwargs):
            problems = catalogue.content_errors() or library.content_errors()
            return [checks.Error(message, id="decisionaid.E001") for message in problems]

        @checks.register("security")
        def check_return_codes(app_configs=None, **kwargs):
            from decisionaid import codes

            if codes.bits_of_randomness() < codes.MINIMUM_BITS:
                return [checks.Error(
                    f"Return codes hold {codes.bits_of_randomness():.1f} bits of randomness, fewer than "
                    f"{codes.MINIMUM_BITS}: leave fewer words out (codes.LEFT_OUT).", id="decisionaid.E002")]
            return []
