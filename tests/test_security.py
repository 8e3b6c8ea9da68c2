"""Headers, privacy, shared devices, oversized requests and database trouble."""

import logging
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.test import Client

from decisionaid.answers import LAST_SEEN_KEY, SESSION_KEY
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_strict_headers_on_every_page(client):
    response = client.get("/")
    csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'"
    assert csp["script-src"].startswith("'self' 'nonce-")
    assert csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response  # plain HTTP here


def test_the_production_settings_pass_djangos_deployment_check():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_HTTPS="1", DJANGO_ALLOWED_HOSTS="aid.example.org")
    checked = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                             cwd=ROOT, env=env, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr + checked.stdout
    assert "no issues" in checked.stdout


def test_hsts_when_https_is_on(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_template_loads_anything_from_another_site(client):
    session = client.session
    session[SESSION_KEY] = complete_answers()
    session.save()
    for url in ("/", "/questions/cancer-course/", "/check-your-answers/", "/summary/", "/handout/", "/about/", "/privacy/"):
        html = client.get(url).content.decode()
        assert "http://" not in html and "https://" not in html, url


def test_nothing_the_family_types_reaches_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "Our daughter Aisha, born 2019"
    session = client.session
    session[SESSION_KEY] = {k: v for k, v in complete_answers().items() if k not in ("hopes", "worries", "child-involvement", "decision-style", "sure")}
    session.save()
    client.post("/questions/hopes/", {"answer": secret})
    client.post("/questions/worries/", {"answer": "x" * 5000})  # an error, too
    client.post("/summary/questions/", {"own_question": secret})
    assert secret not in caplog.text


def test_privacy_page_says_what_where_how_long_and_how_to_erase(client):
    html = client.get("/privacy/").content.decode()
    for words in ("What we keep", "Where we keep it", "For how long", "14 days", "How to erase everything"):
        assert words in html


def test_an_oversized_request_gets_a_clear_page(client):
    response = client.post("/questions/cancer-course/", {"answer": "x" * 200_000})
    assert response.status_code == 400
    assert b"We could not read that" in response.content


def test_database_trouble_gives_a_plain_try_again_page(client, monkeypatch):
    client.raise_request_exception = False

    def gone(*args, **kwargs):
        raise OperationalError("attempt to write a readonly database")

    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.save", gone)
    response = client.post("/questions/cancer-course/", {"answer": "relapsed"})
    assert response.status_code == 503
    assert b"Sorry, please try again" in response.content and b"Traceback" not in response.content


class TestSharedDevice:
    def start_shared(self, client):
        response = client.post("/", {"shared_device": "yes"})
        assert response.status_code == 302
        client.post("/questions/cancer-course/", {"answer": "relapsed"})

    def test_answers_last_only_for_the_browser_session(self, client):
        self.start_shared(client)
        cookie = client.cookies["sessionid"]
        assert not cookie["expires"] and not cookie["max-age"]
        assert b"data-shared-device" in client.get("/questions/risk-group/").content
        assert b"Are you still there?" in client.get("/questions/risk-group/").content

    def test_the_server_erases_everything_after_the_warning_and_grace(self, client, settings, monkeypatch):
        self.start_shared(client)
        key = client.cookies["sessionid"].value
        later = time.time() + settings.SHARED_DEVICE_WARNING_SECONDS + settings.SHARED_DEVICE_GRACE_SECONDS + 1
        monkeypatch.setattr(time, "time", lambda: later)
        response = client.get("/questions/risk-group/", follow=True)
        assert response.redirect_chain[0][0] == "/"
        assert b"your answers were erased after a time without use" in response.content
        assert not Session.objects.filter(session_key=key).exists()
        assert SESSION_KEY not in client.session

    def test_activity_within_the_time_keeps_the_answers(self, client, settings, monkeypatch):
        self.start_shared(client)
        soon = time.time() + settings.SHARED_DEVICE_WARNING_SECONDS
        monkeypatch.setattr(time, "time", lambda: soon)
        client.post("/still-here/", {"next": "/questions/risk-group/"})
        assert client.session[SESSION_KEY] == {"cancer-course": "relapsed"}
        assert client.session[LAST_SEEN_KEY] == soon

    def test_a_clinic_can_make_every_device_shared(self, client, settings):
        settings.SHARED_DEVICE = True
        html = client.get("/").content.decode()
        assert "This device is shared" in html
        assert client.session.get("shared_device") is True

    def test_still_here_never_redirects_off_site(self, client):
        self.start_shared(client)
        assert client.post("/still-here/", {"next": "https://evil.example/"})["Location"] == "/"

    def test_printing_and_the_pdf_work_before_the_erase(self, client):
        self.start_shared(client)
        session = client.session
        session[SESSION_KEY] = complete_answers()
        session.save()
        assert b"Our summary for the care team" in client.get("/handout/").content
        pdf = client.get("/handout.pdf")
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        assert client.session.get("shared_device") is True

    def test_a_home_device_is_not_timed_out(self, client, monkeypatch):
        client.post("/questions/cancer-course/", {"answer": "relapsed"})
        monkeypatch.setattr(time, "time", lambda: 10**10)
        assert client.get("/questions/risk-group/").status_code == 200


class TestFormPostsUnderNoReferrer:
    """Under `Referrer-Policy: no-referrer` browsers post with `Origin: null`."""

    def post(self, origin, fetch_site=None, with_token=True, secure=False):
        client = Client(enforce_csrf_checks=True)
        client.get("/", secure=secure)
        token = client.cookies["csrftoken"].value if with_token else "wrong"
        headers = {"Origin": origin, **({"Sec-Fetch-Site": fetch_site} if fetch_site else {})}
        return client.post("/questions/cancer-course/", {"answer": "relapsed", "csrfmiddlewaretoken": token},
                           headers=headers, secure=secure)

    @pytest.mark.parametrize("secure", [False, True], ids=["http", "https"])
    def test_this_sites_own_form_is_accepted(self, secure):
        assert self.post("null", "same-origin", secure=secure).status_code == 302

    def test_an_older_browser_without_fetch_metadata_is_accepted(self):
        assert self.post("null").status_code == 302

    def test_a_post_from_another_site_is_refused(self):
        assert self.post("null", "cross-site").status_code == 403
        assert self.post("https://evil.example", "cross-site").status_code == 403

    def test_the_token_is_still_required(self):
        assert self.post("null", "same-origin", with_token=False).status_code == 403
