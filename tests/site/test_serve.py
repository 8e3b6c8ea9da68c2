"""`make serve` as a person runs it on this machine: plain HTTP on loopback, the secret key in a
file only its owner reads and never in the log or the process list, gunicorn unnamed."""

import os
import select
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.servers import AlternatingFamily, AppServer, NoRedirects, database_for_servers, free_port

ROOT = Path(__file__).resolve().parents[2]


def processes_in_group(group):
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and os.getpgid(int(proc.name)) == group:
                yield (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ProcessLookupError):
            continue


@pytest.mark.skipif(not (ROOT / ".venv" / ".test-installed").exists(), reason="make serve needs `make`'s own .venv")
def test_make_serve_on_loopback_serves_plain_http_and_never_shows_its_key(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    serve = subprocess.Popen(["make", "serve", f"PORT={port}", "WORKERS=1"], cwd=ROOT, env=env, start_new_session=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        opener = urllib.request.build_opener(NoRedirects)
        deadline = time.monotonic() + 120
        while True:
            try:
                response = opener.open(f"http://127.0.0.1:{port}/", timeout=10)
                break
            except urllib.error.HTTPError as answered:  # a redirect (to HTTPS) is an answer too
                response = answered
                break
            except OSError:
                assert serve.poll() is None and time.monotonic() < deadline, "make serve did not start"
                time.sleep(0.3)
        assert response.status == 200  # not a redirect to an HTTPS that loopback does not have
        assert "Server" not in response.headers
        assert "Secure" not in response.headers.get("Set-Cookie", "")
        key_file = ROOT / ".secret-key"
        key = key_file.read_text().strip()
        assert len(key) > 40 and oct(key_file.stat().st_mode & 0o777) == "0o600"
        command_lines = list(processes_in_group(serve.pid))
        assert any("gunicorn" in line for line in command_lines)
        assert not any(key in line for line in command_lines)
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        output = serve.communicate(timeout=30)[0].decode()
    assert "gunicorn decisionaid.wsgi" in output  # make said what it ran...
    assert "Using worker: gthread" in output  # ... with threads (gunicorn.conf.py) ...
    assert key not in output  # ... without the key
    # Security re-check R10: the access log says which page, never who asked for it.
    logged = [line for line in output.splitlines() if '"GET /' in line]
    assert logged and not any("127.0.0.1" in line or "urllib" in line for line in logged), logged


def trickle(server, csrf, stop: threading.Event, sent: list):
    """A form post whose body comes one byte a second (past the CSRF check, so it is read)."""
    client = socket.create_connection(("127.0.0.1", server.port))
    client.sendall(
        f"POST /questions/cancer-course/ HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nOrigin: {server.url}\r\n"
        f"Cookie: csrftoken={csrf}\r\nX-CSRFToken: {csrf}\r\nContent-Length: 1000\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n\r\n".encode())
    sent.append(client)
    while not stop.wait(1):
        try:
            client.sendall(b"a")
        except OSError:
            return


@pytest.mark.django_db(transaction=True)
def test_slow_bodies_do_not_stall_the_pages(tmp_path):
    """Security review row 12: six clients each send a form's body at one byte a second, to a
    server started as `make serve` starts it (gunicorn.conf.py: two workers here); a page still
    answers, while every slow client is still sending, unanswered."""
    server = AppServer(database_for_servers(tmp_path), workers=2).start()
    stop, slow, trickling = threading.Event(), [], []
    try:
        token = AlternatingFamily([server])
        token.request("/")
        csrf = next(c.value for c in token.cookies if c.name == "csrftoken")
        for _ in range(6):
            trickling.append(threading.Thread(target=trickle, args=(server, csrf, stop, slow), daemon=True))
            trickling[-1].start()
        deadline = time.monotonic() + 60
        while len(slow) < 6 and time.monotonic() < deadline:  # every one connected and sending
            time.sleep(0.05)
        with urllib.request.urlopen(f"{server.url}/about/", timeout=60) as response:
            assert response.status == 200
        # ... and not because a worker gave up on a slow client (how sync workers answer it,
        # when gunicorn's timeout kills them): every slow client is still held, unanswered.
        assert select.select(slow, [], [], 0)[0] == []
        assert all(thread.is_alive() for thread in trickling)
    finally:
        stop.set()
        for client in slow:
            client.close()
        server.stop()
