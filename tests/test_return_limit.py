"""The limit on wrong return codes: per client and overall, held in the database."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from decisionaid import codes, plans, throttle
from decisionaid.models import ReturnAttempt

pytestmark = pytest.mark.django_db
TOO_MANY = "There have been too many tries with codes that did not work."


def guess(client, code=None, address="203.0.113.7"):
    return client.post("/return/", {"code": code or codes.new_code()}, REMOTE_ADDR=address)


def saved_code():
    return plans.save({"cancer-course": "relapsed"}, {"chosen": [], "own": []}).code


def test_a_burst_of_guesses_is_refused(settings):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 10
    client = Client()
    answers = [guess(client) for _ in range(25)]
    assert [r.status_code for r in answers] == [200] * 10 + [429] * 15
    refused = answers[-1].content.decode()
    assert TOO_MANY in refused and "please wait 15 minutes and try again" in refused
    assert "<title>Error: Open your saved answers" in refused
    # Refused guesses are not even looked at: the right code is refused too, for now.
    right = saved_code()
    assert guess(client, right).status_code == 429
    assert ReturnAttempt.objects.count() == 10  # refusals leave no rows behind


def test_the_limit_is_per_client_until_the_overall_limit(settings):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 3
    settings.RETURN_ATTEMPTS_OVERALL = 7
    statuses = {}
    for n in range(4):  # four clients, three wrong codes each, and one more
        address = f"198.51.100.{n}"
        statuses[address] = [guess(Client(), address=address).status_code for _ in range(4)]
    assert statuses["198.51.100.0"] == [200, 200, 200, 429]
    assert statuses["198.51.100.1"] == [200, 200, 200, 429]
    assert statuses["198.51.100.2"] == [200, 429, 429, 429]  # the overall limit of 7 is reached
    assert statuses["198.51.100.3"] == [429] * 4


def test_one_household_on_ipv6_counts_as_one_client(settings):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 2
    client = Client()
    assert guess(client, address="2001:db8:1:2::10").status_code == 200
    assert guess(client, address="2001:db8:1:2:ffff::99").status_code == 200
    assert guess(client, address="2001:db8:1:2:abcd::1").status_code == 429
    assert guess(client, address="2001:db8:1:3::1").status_code == 200  # another network


def test_a_right_code_does_not_count(settings):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 2
    right = saved_code()
    for _ in range(5):
        assert guess(Client(), right).status_code == 302
    assert guess(Client()).status_code == 200
    assert ReturnAttempt.objects.count() == 1  # only the wrong one


def test_the_window_slides_on(settings, monkeypatch):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 2
    client = Client()
    assert [guess(client).status_code for _ in range(3)] == [200, 200, 429]
    later = timezone.now() + timedelta(seconds=settings.RETURN_ATTEMPTS_WINDOW_SECONDS + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert guess(client).status_code == 200
    assert ReturnAttempt.objects.count() == 1  # the old rows went as this one came


def test_no_address_is_stored(settings):
    guess(Client(), address="192.0.2.44")
    attempt = ReturnAttempt.objects.get()
    assert "192.0.2.44" not in attempt.client and len(attempt.client) == 64


def test_behind_a_proxy_the_address_the_proxy_saw_counts(settings):
    settings.BEHIND_PROXY = True
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9"}
    assert throttle.client_address(meta) == "203.0.113.9"  # the first entry is the client's to forge
    settings.BEHIND_PROXY = False
    assert throttle.client_address(meta) == "10.0.0.2"


def test_clearsavedplans_also_clears_old_attempts(settings, monkeypatch):
    from django.core.management import call_command

    guess(Client())
    later = timezone.now() + timedelta(seconds=settings.RETURN_ATTEMPTS_WINDOW_SECONDS + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("clearsavedplans", verbosity=0)
    assert not ReturnAttempt.objects.exists()


def post_code(opener, base_url, code):
    """One guess as a browser makes it: the form's CSRF token, then the post."""
    import re
    import urllib.error
    import urllib.parse

    page = opener.open(f"{base_url}/return/", timeout=20).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "code": code}).encode()
    try:
        return opener.open(f"{base_url}/return/", data=body, timeout=20).status
    except urllib.error.HTTPError as refused:
        return refused.code


@pytest.mark.django_db(transaction=True)
def test_the_limit_holds_across_two_app_servers_and_their_workers(tmp_path):
    """Two gunicorn servers (two worker processes each) over one database, guesses alternating
    between them: the limit counts every guess once, wherever it landed."""
    import http.cookiejar
    import urllib.request

    from tests.servers import AppServer, database_for_servers

    database = database_for_servers(tmp_path)
    limit = {"DECISIONAID_RETURN_ATTEMPTS_PER_CLIENT": "4"}
    servers = [AppServer(database, env=limit).start(), AppServer(database, env=limit).start()]
    try:
        statuses = []
        for n in range(10):
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
            statuses.append(post_code(opener, servers[n % 2].url, codes.new_code()))
        assert statuses == [200] * 4 + [429] * 6
    finally:
        for server in servers:
            server.stop()
