import os
import stat

from django.apps import AppConfig
from django.core import checks
from django.db.backends.signals import connection_created


def owner_only(sender, connection, **kwargs):
    """The SQLite files hold every family's answers: only the account the app runs as may read
    them (SQLite gives its -wal and -shm files the database file's own permissions)."""
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or name.startswith("file:") or name == ":memory:":
        return
    for path in (name, f"{name}-wal", f"{name}-shm"):
        if os.path.exists(path) and stat.S_IMODE(os.stat(path).st_mode) != 0o600:
            os.chmod(path, 0o600)


class DecisionAidConfig(AppConfig):
    name = "decisionaid"
    verbose_name = "Your service"  # as the admin names this app's tables

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from decisionaid import catalogue, hospital, library

        user_logged_in.connect(hospital.shorten_staff_session, dispatch_uid="decisionaid.staff_session")
        post_migrate.connect(hospital.create_reviewers_group, sender=self, dispatch_uid="decisionaid.reviewers")

        connection_created.connect(owner_only, dispatch_uid="decisionaid.owner_only")

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
