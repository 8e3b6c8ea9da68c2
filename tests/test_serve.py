"""`make serve` as a person runs it on this machine: plain HTTP on loopback, the secret key in a
file only its owner reads and never in the log or the process list, gunicorn unnamed."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.servers import NoRedirects, free_port

ROOT = Path(__file__).resolve().parent.parent


def processes_in_group(group):
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and os.getpgid(int(proc.name)) == group:
                yield (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ProcessLookupError):
            continue


@pytest.mark.skipif(not (ROOT / ".venv" / ".installed").exists(), reason="make serve needs `make`'s own .venv")
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
    assert key not in output  # ... without the key
