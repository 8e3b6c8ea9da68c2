from django.apps import AppConfig
from django.core import checks


class DecisionAidConfig(AppConfig):
    name = "decisionaid"
    verbose_name = "Your service"  # as the admin names this app's tables

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from decisionaid import catalogue, hospital, library

        user_logged_in.connect(hospital.shorten_staff_session, dispatch_uid="decisionaid.staff_session")
        post_migrate.connect(hospital.create_reviewers_group, sender=self, dispatch_uid="decisionaid.reviewers")

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
