from django.apps import AppConfig


class HospitalConfig(AppConfig):
    """What the hospital's staff enter and do: the organisation's details, contacts and support
    services, content review and sign-off, the page for clinicians."""

    name = "decisionaid.hospital"
    label = "hospital"
    verbose_name = "Your service"  # as the admin names this app's tables

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from decisionaid.hospital import organisation

        user_logged_in.connect(organisation.shorten_staff_session, dispatch_uid="decisionaid.staff_session")
        post_migrate.connect(organisation.create_reviewers_group, sender=self, dispatch_uid="decisionaid.reviewers")
