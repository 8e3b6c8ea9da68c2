"""The limit on wrong return codes: per client, held in the database, and never one that
strangers can turn against families."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from decisionaid.saving import codes, plans, throttle
from decisionaid.saving.models import ReturnAttempt, ReturnTurn
from decisionaid.site.clients import client_address
from tests.saving.test_saving import shown_code

pytestmark = pytest.mark.django_db
TOO_MANY = "Many codes that did not work have been tried from this network lately"
START = 1_000_000_000.0  # a slot begins here, so the turns below fall on whole seconds


@pytest.fixture
def clock(monkeypatch, settings):
    """The limiter's clock, moved only by a code waiting for its turn (as a real wait would
    move it), so a test sees every wait without spending it. `frozen`: codes sent at once."""
    settings.RETURN_SLOW_CHECK_SECONDS, settings.RETURN_SLOW_WAIT_SECONDS = 4, 12

    class Clock:
        now, waits, frozen = START, [], False

        def sleep(self, seconds):
            self.waits.append(seconds)
            self.now += 0 if self.frozen else seconds

    fake = Clock()
    monkeypatch.setattr(throttle, "clock", lambda: fake.now)
    monkeypatch.setattr(throttle, "sleep", fake.sleep)
    return fake


def guess(client, code=None, address="203.0.113.7"):
    return client.post("/return/", {"code": code or codes.new_code()}, REMOTE_ADDR=address)


def saved_code():
    return plans.save({"cancer-course": "relapsed"}, {"chosen": [], "own": []}).code


def test_a_stranger_cannot_lock_a_family_out(settings, clock):
    """Security review row 2: ten wrong codes from one address locked the right code out there
    for 15 minutes, renewable: a shared clinic tablet, or a new device, on the hospital's network."""
    settings.RETURN_ATTEMPTS_PER_CLIENT = 10
    right = saved_code()
    stranger = Client()
    assert [guess(stranger).status_code for _ in range(10)] == [200] * 10
    assert guess(Client(), right).status_code == 302  # a new device (a shared tablet keeps no code)
    for _ in range(3):
        guess(stranger)
    tablet = Client()
    tablet.post("/", {"shared_device": "yes"}, REMOTE_ADDR="203.0.113.7")  # "This is a shared device"
    assert guess(tablet, right).status_code == 302  # again, after more wrong codes
    assert max(clock.waits) <= settings.RETURN_SLOW_WAIT_SECONDS  # waiting a few seconds at worst


def test_past_its_limit_an_address_has_one_code_checked_per_turn(settings, clock):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 10
    client = Client()
    answers = [guess(client) for _ in range(25)]
    assert [r.status_code for r in answers] == [200] * 25  # every one checked: "could not open"
    assert "We could not open saved answers with that code" in answers[-1].content.decode()
    # The first ten at once; then one turn every 4 seconds: the eleventh has this slot's turn,
    # each later one waits for the next.
    assert clock.waits == [4] * 14 and clock.now == START + 14 * 4
    assert ReturnAttempt.objects.count() == 25 and ReturnTurn.objects.count() <= 2  # old turns go


def test_when_every_near_turn_is_taken_a_code_is_refused_unchecked(settings, clock):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 2
    clock.frozen = True  # all sent at once: each takes the next turn, up to 12 seconds away
    right = saved_code()
    client = Client()
    assert [guess(client).status_code for _ in range(6)] == [200] * 6
    assert clock.waits == [4, 8, 12]
    refused = guess(client, right)  # the right code too: it is not even looked at
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    page = refused.content.decode()
    assert TOO_MANY in page and "<title>Error: Open your saved answers" in page
    assert f">{right}</textarea>" in page  # the code stays in the box, to send again
    assert ReturnAttempt.objects.count() == 6  # refusals leave no rows behind
    clock.now += 4  # a turn comes free
    assert guess(client, right).status_code == 302


def test_codes_that_are_not_six_words_count_against_the_limit_too(settings, clock):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 3
    client = Client()
    assert [guess(client, "not a code").status_code for _ in range(5)] == [200] * 5
    assert clock.waits == [4] and ReturnTurn.objects.count() == 2


def test_the_limit_is_per_client_and_many_wrong_codes_overall_are_only_logged(settings, clock, caplog):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 3
    settings.RETURN_ATTEMPTS_ALERT = 7
    statuses = {}
    for n in range(4):  # four clients, three wrong codes each, and one more
        address = f"198.51.100.{n}"
        statuses[address] = [guess(Client(), address=address).status_code for _ in range(4)]
    assert {tuple(s) for s in statuses.values()} == {(200, 200, 200, 200)}
    assert clock.waits == [] and ReturnTurn.objects.count() == 4  # each client its own turns
    alerts = [r for r in caplog.records if r.levelname == "WARNING" and "wrong return codes" in r.getMessage()]
    assert [r.getMessage() for r in alerts] == [
        "More than 7 wrong return codes in the last 15 minutes, from all clients together.",
        "More than 14 wrong return codes in the last 15 minutes, from all clients together."]


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


def test_a_device_with_its_own_code_never_waits_for_its_neighbours(settings, clock):
    """One hospital address (NAT) for many families: a stranger there takes every near turn;
    a family on the same network opens its saved answers on the device it saved them on."""
    settings.RETURN_ATTEMPTS_PER_CLIENT = 10
    clock.frozen = True
    device = Client()
    device.post("/questions/cancer-course/", {"answer": "relapsed"}, REMOTE_ADDR="203.0.113.7")
    device.post("/save/", REMOTE_ADDR="203.0.113.7")
    right = shown_code(device.get("/saved/").content.decode())
    stranger = Client()
    assert [guess(stranger).status_code for _ in range(15)][-1] == 429
    assert guess(Client(), right).status_code == 429  # another device on that network waits a minute
    waited = len(clock.waits)
    assert guess(device, right).status_code == 302 and len(clock.waits) == waited  # at once
    assert guess(device, codes.new_code()).status_code == 429  # and only for its own code


def test_one_household_on_ipv6_counts_as_one_client(settings, clock):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 2
    client = Client()
    guess(client, address="2001:db8:1:2::10")
    guess(client, address="2001:db8:1:2:ffff::99")
    assert not ReturnTurn.objects.exists()
    guess(client, address="2001:db8:1:2:abcd::1")
    assert ReturnTurn.objects.count() == 1  # the same /64: past its limit
    guess(client, address="2001:db8:1:3::1")
    assert ReturnTurn.objects.count() == 1  # another network


def test_a_right_code_does_not_count(settings, clock):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 2
    right = saved_code()
    for _ in range(5):
        assert guess(Client(), right).status_code == 302
    assert guess(Client()).status_code == 200
    assert ReturnAttempt.objects.count() == 1 and not ReturnTurn.objects.exists()  # only the wrong one


def test_the_window_slides_on(settings, clock, monkeypatch):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 2
    client = Client()
    for _ in range(3):
        guess(client)
    assert ReturnTurn.objects.count() == 1
    later = timezone.now() + timedelta(seconds=settings.RETURN_ATTEMPTS_WINDOW_SECONDS + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    clock.now += settings.RETURN_ATTEMPTS_WINDOW_SECONDS + 1
    guess(client)
    assert ReturnAttempt.objects.count() == 1  # the old rows went as this one came, and it was checked at once
    assert clock.waits == []


def test_no_address_is_stored(settings, clock):
    settings.RETURN_ATTEMPTS_PER_CLIENT = 0
    guess(Client(), address="192.0.2.44")
    attempt, turn = ReturnAttempt.objects.get(), ReturnTurn.objects.get()
    assert "192.0.2.44" not in attempt.client + turn.client and len(attempt.client) == 64 == len(turn.client)


def test_behind_proxies_the_address_the_farthest_of_ours_saw_counts(settings):
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.5, 203.0.113.9"}
    settings.PROXY_HOPS = 1  # a load balancer
    assert client_address(meta) == "203.0.113.9"  # the entries on its left are the client's to forge
    settings.PROXY_HOPS = 2  # a CDN, then a load balancer
    assert client_address(meta) == "198.51.100.5"
    settings.PROXY_HOPS = 0  # no proxy: the header is anyone's to write
    assert client_address(meta) == "10.0.0.2"
    settings.PROXY_HOPS = 4  # fewer entries than proxies: the request came round them
    assert client_address(meta) == "10.0.0.2"
    settings.PROXY_HOPS = 1  # a proxy that writes the port too (security re-check R4)
    for entry, address in [("203.0.113.9:51234", "203.0.113.9"), ("[2001:db8::1]:443", "2001:db8::1"),
                           ("2001:db8::1", "2001:db8::1"), ("203.0.113.9", "203.0.113.9")]:
        assert client_address({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": entry}) == address


def test_clearsavedplans_also_clears_old_attempts_and_turns(settings, clock, monkeypatch):
    from django.core.management import call_command

    settings.RETURN_ATTEMPTS_PER_CLIENT = 0
    guess(Client())
    later = timezone.now() + timedelta(seconds=settings.RETURN_ATTEMPTS_WINDOW_SECONDS + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    clock.now += settings.RETURN_ATTEMPTS_WINDOW_SECONDS + 1
    call_command("clearsavedplans", verbosity=0)
    assert not ReturnAttempt.objects.exists() and not ReturnTurn.objects.exists()


def post_code(opener, base_url, code, page=None):
    """One guess as a browser makes it: the form (its CSRF token), then the post."""
    import re
    import urllib.error
    import urllib.parse

    page = page or opener.open(f"{base_url}/return/", timeout=20).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "code": code}).encode()
    try:
        return opener.open(f"{base_url}/return/", data=body, timeout=20).status
    except urllib.error.HTTPError as refused:
        return refused.code


@pytest.mark.django_db(transaction=True)
def test_the_limit_and_the_turns_hold_across_two_app_servers_and_their_workers(tmp_path):
    """Two gunicorn servers (two worker processes each) over one database. Two wrong codes use
    up the limit; then ten sent all at once, alternating between the servers: turns are 2 s
    apart and a code waits at most 2 s, so at most two turns (three, should a turn begin as
    they arrive) can be had by them, wherever they landed; the others are refused unchecked."""
    import http.cookiejar
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    from tests.servers import AppServer, database_for_servers

    database = database_for_servers(tmp_path)
    limit = {"DECISIONAID_RETURN_ATTEMPTS_PER_CLIENT": "2", "DECISIONAID_RETURN_SLOW_CHECK_SECONDS": "2",
             "DECISIONAID_RETURN_SLOW_WAIT_SECONDS": "2"}
    servers = [AppServer(database, env=limit).start(), AppServer(database, env=limit).start()]

    def browser():
        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    try:
        assert [post_code(browser(), servers[n % 2].url, codes.new_code()) for n in range(2)] == [200, 200]
        forms = [(browser(), servers[n % 2].url) for n in range(10)]
        pages = [opener.open(f"{url}/return/", timeout=20).read().decode() for opener, url in forms]
        with ThreadPoolExecutor(max_workers=10) as at_once:
            statuses = list(at_once.map(lambda f: post_code(*f[0], codes.new_code(), page=f[1]), zip(forms, pages)))
        checked, refused = statuses.count(200), statuses.count(429)
        assert checked + refused == 10 and 1 <= checked <= 3, statuses
    finally:
        for server in servers:
            server.stop()


@pytest.mark.django_db(transaction=True)
def test_codes_waiting_for_a_turn_never_take_the_threads_every_page_needs(tmp_path):
    """Security re-check R1: codes wait for their turn in the server's own threads, and nine
    addresses guessing four at a time held all of them, so every page stalled. A real server
    (one worker, its 8 threads) behind a proxy: nine addresses use up their limit, then send 36
    codes at once. A code whose turn is now is checked; at most two wait at once, one per
    address; the others are refused unchecked at once, so at least six threads stay free for pages."""
    import http.cookiejar
    import threading
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    from tests.servers import AppServer, database_for_servers

    addresses = [f"198.51.100.{n}" for n in range(1, 10)]
    env = {"DJANGO_BEHIND_PROXY": "1", "DECISIONAID_RETURN_ATTEMPTS_PER_CLIENT": "1",
           "DECISIONAID_RETURN_SLOW_CHECK_SECONDS": "5", "DECISIONAID_RETURN_SLOW_WAIT_SECONDS": "15"}
    server = AppServer(database_for_servers(tmp_path), env=env, workers=1).start()

    def browser(address):
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        opener.addheaders = [("X-Forwarded-For", address)]
        return opener

    try:
        assert [post_code(browser(a), server.url, codes.new_code()) for a in addresses] == [200] * 9  # the limit
        forms = [(browser(a), a) for a in addresses for _ in range(4)]
        pages = [opener.open(f"{server.url}/return/", timeout=20).read().decode() for opener, _ in forms]
        refused_one = threading.Event()

        def send(form, page):
            status = post_code(form[0], server.url, codes.new_code(), page=page)
            if status == 429:
                refused_one.set()
            return status

        with ThreadPoolExecutor(max_workers=len(forms)) as at_once:
            sent = [at_once.submit(send, form, page) for form, page in zip(forms, pages)]
            # Refused at once, not after a wait: before, none was refused, as all 36 had turns.
            assert refused_one.wait(timeout=60)
            assert urllib.request.urlopen(f"{server.url}/about/", timeout=60).status == 200
            statuses = [s.result() for s in sent]
        checked, refused = statuses.count(200), statuses.count(429)
        # Waiting for every turn, all 36 would be checked (four turns of each address within
        # 15 s); here a code is checked when its address's turn is now or a waiting place is
        # free (turns and places come free as the burst goes on), and most are refused at once.
        assert checked + refused == 36 and refused >= 18, statuses
    finally:
        server.stop()
