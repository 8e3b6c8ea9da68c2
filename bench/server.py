"""The app as production runs it (gunicorn, whitenoise, DEBUG off), on a loopback port, stopped
whatever happens: `with AppServer(...) as server:`."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORTS = range(8200, 8300)  # the loopback ports this benchmark may use


def free_port(ports=PORTS) -> int:
    for port in ports:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free loopback port in {ports.start}-{ports.stop - 1}")


class AppServer:
    """`make serve`'s server: migrate, collectstatic, gunicorn. A fresh SQLite database of its
    own (BENCH_DATABASE_URL names another), never DATABASE_URL's, so it never touches real data."""

    def __init__(self, workers=3, port=None, log=None):
        self.workers = workers
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process = None
        self._tmp = tempfile.TemporaryDirectory(prefix="decisionaid-bench-")

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        env["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{self._tmp.name}/bench.sqlite3")
        env.update(DJANGO_SETTINGS_MODULE="bench.settings", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="127.0.0.1",
                   DJANGO_HTTPS="0")  # plain HTTP on loopback, as `make serve` runs
        if not env.get("DJANGO_SECRET_KEY") and not env.get("DJANGO_SECRET_KEY_FILE"):
            raise SystemExit("set DJANGO_SECRET_KEY or DJANGO_SECRET_KEY_FILE (make bench does)")
        return env

    def __enter__(self):
        env = self.env()
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
            subprocess.run([sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(
            [str(gunicorn), "decisionaid.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=self.log or subprocess.DEVNULL, stderr=self.log or subprocess.DEVNULL,
            start_new_session=True,  # its own process group: stopping it stops its workers
        )
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_up(self, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the app server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._tmp.cleanup()

    def __exit__(self, *exc):
        self.stop()
