import os
import stat

from django.apps import AppConfig
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


class SiteConfig(AppConfig):
    """What every page shares: the layout and error pages, middleware, about and privacy."""

    name = "decisionaid.site"
    label = "site"
    verbose_name = "Every page"

    def ready(self):
        connection_created.connect(owner_only, dispatch_uid="decisionaid.owner_only")
