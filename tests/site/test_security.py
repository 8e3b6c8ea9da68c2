"""Headers, privacy, shared devices, oversized requests and database trouble."""

import logging
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from decisionaid.family.answers import LAST_SEEN_KEY, SESSION_KEY, Answers
from decisionaid.printing import handout
from decisionaid.printing.views import handout_for
from tests.helpers import answers_before, complete_answers
from tests.printing.test_handout import family

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_strict_headers_on_every_page(client):
    response = client.get("/")
    csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'"
    assert csp["script-src"].startswith("'self' 'nonce-")
    assert csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response  # plain HTTP here


def production_env(**settings):
    """The environment of a server process: nothing of this suite's, nothing of DJANGO_'s, and these."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    return {**env, "DJANGO_SECRET_KEY": secrets.token_urlsafe(50), **settings}


def deploy_check(env):
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def test_the_production_settings_pass_djangos_deployment_check():
    checked = deploy_check(production_env(DJANGO_HTTPS="1", DJANGO_ALLOWED_HOSTS="aid.example.org"))
    assert checked.returncode == 0, checked.stderr + checked.stdout
    assert "no issues" in checked.stdout


def test_secure_by_default_the_key_and_the_host_are_all_a_deployment_must_set():
    checked = deploy_check(production_env(DJANGO_ALLOWED_HOSTS="aid.example.org"))
    assert checked.returncode == 0, checked.stderr + checked.stdout
    assert "no issues" in checked.stdout


def setting(name, **env):
    """A setting as a server process with this environment reads it."""
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env=production_env(DJANGO_SETTINGS_MODULE="decisionaid.settings", **env))
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_https_is_on_unless_turned_off_and_hsts_preload_is_opt_in():
    assert setting("SECURE_SSL_REDIRECT") == "True" and setting("SESSION_COOKIE_SECURE") == "True"
    assert setting("SECURE_HSTS_SECONDS") == "31536000"
    assert setting("SECURE_HSTS_PRELOAD") == "False"
    assert setting("SECURE_HSTS_PRELOAD", DJANGO_HSTS_PRELOAD="1") == "True"
    assert setting("SECURE_SSL_REDIRECT", DJANGO_HTTPS="0") == "False"
    assert setting("SESSION_COOKIE_SECURE", DJANGO_DEBUG="1") == "False"


def test_a_sqlite_database_is_readable_by_its_owner_only(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = production_env(DATABASE_URL=f"sqlite:///{database}", DJANGO_HTTPS="0")
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    files = [p for p in tmp_path.iterdir() if p.name.startswith("db.sqlite3")]
    assert database in files
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in files} == {p.name: "0o600" for p in files}


def test_hsts_when_https_is_on(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


# Anything the browser would fetch by itself: an address in src, srcset, poster, data, action,
# a stylesheet or preload link, or CSS url(...).
LOADED_FROM_ELSEWHERE = re.compile(
    r"""(?:\b(?:src|srcset|poster|data|action|formaction)=["']?\s*(?:https?:)?//)"""
    r"""|(?:<link\b[^>]*href=["']?\s*(?:https?:)?//)|(?:url\(\s*["']?(?:https?:)?//)""", re.I)
OUTSIDE_LINK = re.compile(r"<a\b[^>]*href=\"https?://[^>]*>", re.I)


def test_no_template_loads_anything_from_another_site(client):
    session = client.session
    session[SESSION_KEY] = complete_answers()
    session.save()
    for url in ("/", "/questions/cancer-course/", "/check-your-answers/", "/summary/", "/handout/", "/about/", "/privacy/"):
        html = client.get(url).content.decode()
        assert not LOADED_FROM_ELSEWHERE.search(html), f"{url}: {LOADED_FROM_ELSEWHERE.search(html).group()}"
        for link in OUTSIDE_LINK.findall(html):  # a source's address, followed only when tapped
            assert 'rel="noreferrer noopener"' in link, link


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

    def test_the_row_expires_after_the_warning_and_grace_not_in_two_weeks(self, client, settings):
        self.start_shared(client)
        row = Session.objects.get(session_key=client.cookies["sessionid"].value)
        lifetime = timedelta(seconds=settings.SHARED_DEVICE_WARNING_SECONDS + settings.SHARED_DEVICE_GRACE_SECONDS)
        assert timezone.now() < row.expire_date <= timezone.now() + lifetime

    def test_clearsessions_erases_a_tablet_put_down_though_it_never_comes_back(self, client, settings, monkeypatch):
        self.start_shared(client)
        home = Client()
        home.post("/questions/cancer-course/", {"answer": "refractory"})  # not shared: kept two weeks
        tablet_key, home_key = client.cookies["sessionid"].value, home.cookies["sessionid"].value
        idle = settings.SHARED_DEVICE_WARNING_SECONDS + settings.SHARED_DEVICE_GRACE_SECONDS
        call_command("clearsessions")
        assert Session.objects.filter(session_key=tablet_key).exists()
        later = timezone.now() + timedelta(seconds=idle + 1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        call_command("clearsessions")
        assert not Session.objects.filter(session_key=tablet_key).exists()
        assert Session.objects.filter(session_key=home_key).exists()

    def test_a_tablet_that_comes_back_after_the_time_is_told_and_finds_nothing(self, client, settings, monkeypatch):
        self.start_shared(client)
        later = timezone.now() + timedelta(seconds=settings.SHARED_DEVICE_WARNING_SECONDS
                                           + settings.SHARED_DEVICE_GRACE_SECONDS + 1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        response = client.get("/questions/risk-group/", follow=True)
        assert response.redirect_chain[0][0] == "/"
        assert b"your answers were erased after a time without use" in response.content
        # Security re-check R12: the same words for any device, not "on this shared device"
        assert b"For your privacy, your answers were erased after a time without use." in response.content
        assert SESSION_KEY not in client.session

    def test_use_within_the_time_keeps_the_answers(self, client, settings, monkeypatch):
        self.start_shared(client)
        soon = timezone.now() + timedelta(seconds=settings.SHARED_DEVICE_WARNING_SECONDS)
        monkeypatch.setattr(timezone, "now", lambda: soon)
        assert client.post("/still-here/", {"in_use": "1"}).status_code == 204  # typing, scrolling, tapping
        row = Session.objects.get(session_key=client.cookies["sessionid"].value)
        assert row.expire_date > soon + timedelta(seconds=settings.SHARED_DEVICE_WARNING_SECONDS)
        assert client.session[SESSION_KEY] == {"cancer-course": "relapsed"}
        assert LAST_SEEN_KEY in client.session

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

    def test_every_page_a_family_may_leave_warns_and_erases_the_printable_ones_too(self, client, settings):
        """The same warning, timer and erase on the site's pages and on the stand-alone ones (the
        handout, the code shown once, the printables), and without JavaScript a refresh to the
        start page just after the server's own erase."""
        settings.SHARED_DEVICE_WARNING_SECONDS, settings.SHARED_DEVICE_GRACE_SECONDS = 30, 15
        self.start_shared(client)
        session = client.session
        session[SESSION_KEY] = complete_answers()
        session.save()
        pages = {url: client.get(url) for url in ("/questions/hopes/", "/summary/", "/handout/", "/blank-handout/",
                                                   "/for-clinicians/poster/", "/words/")}
        client.post("/save/")  # a shared tablet erases as it saves, and shows the code once
        pages["/saved/"] = client.get("/saved/")
        for url, response in pages.items():
            html = response.content.decode()
            assert response.status_code == 200, url
            assert html.count('<dialog id="still-here"') == 1, url
            assert 'data-warning-seconds="30" data-grace-seconds="15"' in html, url
            assert re.search(r'<form method="post" action="/start-over/" data-erase hidden>\s*<input type="hidden" '
                             r'name="csrfmiddlewaretoken" value="\w+">\s*<input type="hidden" name="reason" '
                             r'value="not-in-use">', html), url
            head = html.split("</head>")[0]
            assert re.search(r'<script src="/static/js/shared-device\.js" defer>', head), url
            assert re.search(r'<link rel="stylesheet" href="/static/css/still-here\.css">', head), url
            assert '<noscript><meta http-equiv="refresh" content="47; url=/"></noscript>' in head, url
        assert re.search(r'<form method="post" action="/save/" data-save>', pages["/handout/"].content.decode())
        assert re.search(r'<form method="post" action="/save/" data-save hidden>', pages["/saved/"].content.decode())

    def test_a_home_device_has_no_warning_and_a_pdf_never_has_it(self, client):
        family(client)
        for url in ("/questions/hopes/", "/summary/", "/handout/", "/blank-handout/"):
            html = client.get(url).content.decode()
            assert "still-here" not in html and "shared-device.js" not in html and "http-equiv" not in html, url
        self.start_shared(client)
        session = client.session
        session[SESSION_KEY] = complete_answers()
        session.save()
        context = handout_for(client.get("/handout/").wsgi_request, Answers(client.session))
        assert "still-here" not in handout.pdf_html(context) and "Are you still there?" not in handout.pdf_html(context)

    def test_a_home_device_is_not_timed_out(self, client, settings, monkeypatch):
        client.post("/questions/cancer-course/", {"answer": "relapsed"})
        later = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
        monkeypatch.setattr(timezone, "now", lambda: later)
        assert client.get("/questions/risk-group/").status_code == 200


class TestFormPostsUnderSameOriginReferrers:
    """Under `Referrer-Policy: same-origin` this site's own form posts carry its real origin, and
    Django's CSRF check compares it with the host, as it was made to."""

    def post(self, origin, fetch_site=None, with_token=True, secure=False):
        client = Client(enforce_csrf_checks=True)
        client.get("/", secure=secure)
        token = client.cookies["csrftoken"].value if with_token else "wrong"
        headers = {"Origin": origin, **({"Sec-Fetch-Site": fetch_site} if fetch_site else {})}
        return client.post("/questions/cancer-course/", {"answer": "relapsed", "csrfmiddlewaretoken": token},
                           headers=headers, secure=secure)

    @pytest.mark.parametrize("secure", [False, True], ids=["http", "https"])
    def test_this_sites_own_form_is_accepted(self, secure):
        origin = "https://testserver" if secure else "http://testserver"
        assert self.post(origin, "same-origin", secure=secure).status_code == 302
        assert self.post(origin, secure=secure).status_code == 302  # a browser without fetch metadata

    def test_a_null_origin_is_refused_even_with_the_token(self):
        # A sandboxed frame or a data: page, in a browser too old to send Sec-Fetch-Site.
        assert self.post("null").status_code == 403
        assert self.post("null", "same-origin").status_code == 403

    def test_a_post_from_another_site_is_refused(self):
        assert self.post("null", "cross-site").status_code == 403
        assert self.post("https://evil.example", "cross-site").status_code == 403

    def test_the_token_is_still_required(self):
        assert self.post("http://testserver", "same-origin", with_token=False).status_code == 403


class TestNothingKeptInCaches:
    """Cache-Control: no-store, private on every response that shows what a family entered."""

    def test_every_page_with_answers_is_no_store_the_pdf_too(self, client):
        family(client)
        client.post("/save/")
        responses = {
            url: client.get(url)
            for url in ("/", "/questions/hopes/", "/questions/hopes/?change=1", "/check-your-answers/", "/summary/",
                        "/summary/?saved=1", "/handout/", "/handout.pdf", "/saved/", "/privacy/", "/about/")
        }
        responses["htmx partial"] = client.get("/summary/", HTTP_HX_REQUEST="true")
        responses["HEAD"] = client.head("/summary/")
        responses["an error, the text kept"] = client.post("/questions/hopes/", {"answer": "x" * 1001})
        responses["own question too long"] = client.post("/summary/questions/", {"own_question": "y" * 301})
        responses["a wrong code, shown back"] = Client().post("/return/", {"code": "maple river"})
        for name, response in responses.items():
            directives = {d.strip() for d in response["Cache-Control"].split(",")}
            assert {"no-store", "private"} <= directives, name
            assert "public" not in directives and "max-age=315360000" not in directives, name


class TestSessionKeys:
    """A session key someone set in a family's browser before (session fixation) stops working
    when the family starts or saves."""

    def test_start_now_gives_a_new_session_key(self, client):
        client.get("/")
        session = client.session
        session["planted"] = True
        session.save()
        planted = session.session_key
        client.post("/", {"shared_device": "yes"})
        assert client.cookies["sessionid"].value != planted
        assert not Session.objects.filter(session_key=planted).exists()

    def test_saving_gives_a_new_session_key_and_keeps_the_answers(self, client):
        client.post("/questions/cancer-course/", {"answer": "relapsed"})
        before = client.cookies["sessionid"].value
        client.post("/save/")
        after = client.cookies["sessionid"].value
        assert after != before and not Session.objects.filter(session_key=before).exists()
        assert client.session[SESSION_KEY] == {"cancer-course": "relapsed"}
        client.post("/save/")  # saving again, under the same code: a new key again
        assert client.cookies["sessionid"].value != after


def every_family_url():
    """Every path a family's browser can GET, parameters filled in, the staff pages left out."""
    from django.urls import get_resolver

    filled = {"question_id": "cancer-course", "option_id": "chemotherapy", "status": "404"}

    def routes(patterns, prefix=""):  # each app's urls.py is included: walk into them
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                yield from routes(pattern.url_patterns, route)
            else:
                yield route

    for route in routes(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue
        for name, value in filled.items():
            route = route.replace(f"<slug:{name}>", value).replace(f"<int:{name}>", value)
        yield "/" + route


def test_head_is_answered_wherever_get_is_and_changes_nothing(client):
    """Django checks no CSRF token on HEAD, so HEAD must never do what POST does (start over!)."""
    family(client)
    client.get("/weigh-up/")
    urls = list(every_family_url())
    assert "/start-over/" in urls and "/weigh-up/reasons/" in urls and "/for-clinicians/" in urls
    for url in urls:
        answers_before = client.session[SESSION_KEY]
        got = client.get(url).status_code
        response = client.head(url)
        assert response.status_code == got, url
        if got != 405:  # a POST-only path (save, delete, questions to bring) refuses both
            assert response.status_code != 405, url
        assert not response.content, url
        assert client.session[SESSION_KEY] == answers_before, url


class TestWhatFamiliesType:
    """Invisible characters never reach the session, the page or the PDF; no input gives a 500."""

    INVISIBLE = "\x00\x01\x07\x1b[31m\x7f\x85\u202e\u2066"

    def test_a_superscript_digit_to_remove_is_not_a_server_error(self, client):
        family(client)
        for remove in ("²", "١", "0x1", "-1", "99999999999999999999"):
            response = client.post("/summary/questions/", {"remove": remove})
            assert response.status_code == 302, remove
        assert client.session["questions_to_bring"]["own"]  # nothing removed

    def test_control_and_direction_characters_are_stripped_from_own_questions(self, client):
        family(client)
        client.post("/summary/questions/", {"own_question": f"Can we{self.INVISIBLE} go home?"})
        assert "Can we[31m go home?" in client.session["questions_to_bring"]["own"]

    def test_and_from_free_text_answers(self, client):
        session = client.session
        session[SESSION_KEY] = answers_before("hopes")
        session.save()
        typed = f"Home\x00 for her\u202e birthday\r\nwith\tus{self.INVISIBLE}"
        assert client.post("/questions/hopes/", {"answer": typed}).status_code == 302
        assert client.session[SESSION_KEY]["hopes"] == "Home for her birthday\r\nwith\tus[31m"

    def test_and_from_the_reasons_weighed_up(self, client):
        family(client)
        client.post("/weigh-up/", {"options": ["chemotherapy"]})
        typed = f"Time\x01 at\u2066 home{self.INVISIBLE}"
        assert client.post("/weigh-up/reasons/", {"chemotherapy-for": typed}).status_code == 302
        assert client.session["weigh_up"]["reasons"]["chemotherapy"]["for"] == "Time at home[31m"


def test_the_privacy_page_says_exactly_when_a_shared_device_is_erased(client, settings):
    settings.SHARED_DEVICE_WARNING_SECONDS, settings.SHARED_DEVICE_GRACE_SECONDS = 300, 30
    html = client.get("/privacy/").content.decode()
    assert "If the device is not used for 5 minutes (typing, scrolling and tapping all count as use)" in html
    assert "30 seconds later your answers are erased from the device and from our server" in html
