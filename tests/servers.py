"""Real app server processes (gunicorn, production settings) for restart and scale-out tests."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"
SECRET = "test-only-secret-key-shared-by-every-server-process-0123456789"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    return {**env, "DATABASE_URL": database_url, "DJANGO_SECRET_KEY": SECRET, "DJANGO_ALLOWED_HOSTS": "127.0.0.1"}


def migrate(database_url):
    """Prepare a database and the fingerprinted static files, as `make serve` does."""
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run([sys.executable, "manage.py", *command, "-v0"], cwd=ROOT,
                       env=server_env(database_url), check=True)


def database_for_servers(tmp_path):
    """A database several server processes can share: the suite's own test database when it
    runs on PostgreSQL (already migrated), else a fresh SQLite file."""
    from django.db import connection

    if connection.vendor == "postgresql":
        db = connection.settings_dict
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    else:
        url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
        migrate(url)
    return url


class AppServer:
    def __init__(self, database_url, port=None, env=None):
        self.database_url = database_url
        self.env = env or {}
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [str(GUNICORN), "decisionaid.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "2"],
            cwd=ROOT, env={**server_env(self.database_url), **self.env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, so stop() takes the workers too
        )
        # Ready when a worker answers, not when the port opens: gunicorn's master listens first.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/privacy/", timeout=5).close()
                return self
            except urllib.error.HTTPError:
                return self  # a worker answered, if only to say the database is missing
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode())
                time.sleep(0.2)
        raise RuntimeError("the app server did not start")

    def stop(self):
        """Stop at once, as a crash or a host restart would: nothing gets a chance to flush."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
