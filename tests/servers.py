"""Real app server processes (gunicorn, production settings) for restart and scale-out tests."""

import http.cookiejar
import itertools
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
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
    return {**env, "DATABASE_URL": database_url, "DJANGO_SECRET_KEY": SECRET, "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_HTTPS": "0"}  # plain HTTP on loopback, as `make serve` runs


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
    def __init__(self, database_url, port=None, env=None, workers=2, args=()):
        self.database_url = database_url
        self.env = env or {}
        self.workers = workers
        self.args = list(args)  # more of gunicorn's options
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [str(GUNICORN), "decisionaid.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
             *self.args],
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


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # each step is its own request, so the next one can go to the other server


class AlternatingFamily:
    """One browser's cookies, each request sent to the next server in turn."""

    def __init__(self, servers):
        self.servers = itertools.cycle(servers)
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects
        )
        self.served_by = []

    def request(self, path, data=None):
        server = next(self.servers)
        self.served_by.append(server.port)
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(server.url + path, body, timeout=30) as response:
                return response.status, "", response.read().decode()
        except urllib.error.HTTPError as response:  # a redirect, or an error to report
            return response.code, response.headers.get("Location", ""), response.read().decode()

    def post(self, path, data):
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        return self.request(path, {**data, "csrfmiddlewaretoken": token})


def form_data(question, answer):
    if question.kind == "grid":
        return dict(answer)
    return {"answer": answer}


def answer_in_turn(family, answers):
    """Post these answers one question at a time, in the journey's order, from the start page."""
    from decisionaid.family import journey

    if not any(c.name == "csrftoken" for c in family.cookies):
        assert family.request("/")[0] == 200
    given = {}
    while (question := journey.first_unanswered(given)) is not None and question.id in answers:
        status, _, _ = family.post(f"/questions/{question.id}/", form_data(question, answers[question.id]))
        assert status == 302, (question.id, status)
        given[question.id] = answers[question.id]
    return given
