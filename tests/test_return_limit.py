"""The limit on wrong return codes: per client, held in the database, and never one that
strangers can turn against families."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from decisionaid import codes, plans, throttle
from decisionaid.models import ReturnAttempt
from tests.test_saving import shown_code

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


def test_codes_that_are_not_six_words_count_against_the_limit_too(settings):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 3
    client = Client()
    assert [guess(client, "not a code").status_code for _ in range(5)] == [200] * 3 + [429] * 2


def test_the_limit_is_per_client_and_many_wrong_codes_overall_are_only_logged(settings, caplog):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 3
    settings.RETURN_ATTEMPTS_ALERT = 7
    statuses = {}
    for n in range(4):  # four clients, three wrong codes each, and one more
        address = f"198.51.100.{n}"
        statuses[address] = [guess(Client(), address=address).status_code for _ in range(4)]
    assert {tuple(s) for s in statuses.values()} == {(200, 200, 200, 429)}  # the fourth client too
    alerts = [r for r in caplog.records if r.levelname == "WARNING" and "wrong return codes" in r.getMessage()]
    assert [r.getMessage() for r in alerts] == [
        "More than 7 wrong return codes in the last 15 minutes, from all clients together."]


def test_forged_addresses_cannot_lock_a_family_out(settings):
    """The review's attack: behind the proxy setting, with the app reachable directly, 505 wrong
    codes from one host, each with a forged X-Forwarded-For; then a family, from an address of
    its own, types its right code."""
    settings.BEHIND_PROXY, settings.PROXY_HOPS = True, 1
    right = saved_code()
    attacker = Client()
    for n in range(505):
        forged = f"10.{n // 250}.{n % 250}.1"
        response = attacker.post("/return/", {"code": codes.new_code()}, REMOTE_ADDR="203.0.113.66",
                                 HTTP_X_FORWARDED_FOR=forged)
        assert response.status_code == 200
    family = Client()
    assert guess(family, right, address="192.0.2.10").status_code == 302


def test_a_device_with_its_own_code_is_not_held_back_by_its_neighbours(settings):
    """One hospital address (NAT) for many families: ten wrong codes from it, then a family on
    the same network opens its saved answers on the device it saved them on."""
    settings.RETURN_ATTEMPTS_PER_CLIENT = 10
    device = Client()
    device.post("/questions/cancer-course/", {"answer": "relapsed"}, REMOTE_ADDR="203.0.113.7")
    device.post("/save/", REMOTE_ADDR="203.0.113.7")
    right = shown_code(device.get("/saved/").content.decode())
    stranger = Client()
    assert [guess(stranger).status_code for _ in range(11)][-1] == 429
    assert guess(Client(), right).status_code == 429  # another device on that network must wait
    assert guess(device, right).status_code == 302
    assert guess(device, codes.new_code()).status_code == 429  # and only for its own code


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


def test_behind_proxies_the_address_the_farthest_of_ours_saw_counts(settings):
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.5, 203.0.113.9"}
    settings.PROXY_HOPS = 1  # a load balancer
    assert throttle.client_address(meta) == "203.0.113.9"  # the entries on its left are the client's to forge
    settings.PROXY_HOPS = 2  # a CDN, then a load balancer
    assert throttle.client_address(meta) == "198.51.100.5"
    settings.PROXY_HOPS = 0  # no proxy: the header is anyone's to write
    assert throttle.client_address(meta) == "10.0.0.2"
    settings.PROXY_HOPS = 4  # fewer entries than proxies: the request came round them
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
