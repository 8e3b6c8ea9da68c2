"""Staff login locks against guessing, and never because strangers on many addresses typed a
colleague's name (security review N5): real wrong passwords through the real login form."""

import pytest
from django.test import Client

from tests.helpers import STAFF_PASSWORD, staff_user

pytestmark = pytest.mark.django_db


def log_in(address, password=STAFF_PASSWORD, username="lead"):
    client = Client(REMOTE_ADDR=address)
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_strangers_on_many_addresses_cannot_lock_a_staff_account():
    staff_user()
    for n in range(5):  # one wrong password from each of five addresses
        assert log_in(f"198.51.100.{n}", "wrong password").status_code == 200
    assert log_in("192.0.2.50").status_code == 302  # the colleague, from a sixth


def test_five_wrong_passwords_from_one_address_lock_the_account_there():
    staff_user()
    for _ in range(5):
        log_in("198.51.100.9", "wrong password")
    assert log_in("198.51.100.9").status_code == 429  # the right password, from that address
    assert log_in("192.0.2.50").status_code == 302  # from elsewhere it still works


def test_five_wrong_passwords_from_one_address_lock_it_whatever_the_account():
    staff_user()
    for n in range(5):
        log_in("198.51.100.9", "wrong password", username=f"guess{n}")
    assert log_in("198.51.100.9").status_code == 429


def test_one_ipv6_network_counts_as_one_address():
    """Security re-check R2: a new address of the same /64 for each guess got every one checked."""
    staff_user()
    for n in range(5):
        log_in(f"2001:db8:1:2::{n + 10:x}", "wrong password")
    assert log_in("2001:db8:1:2:ffff::99").status_code == 429  # the right password, the same network
    assert log_in("2001:db8:1:3::1").status_code == 302  # another network


def test_a_port_the_proxy_writes_is_not_an_address_of_its_own(settings):
    """Security re-check R4: a proxy that writes "address:port" made each connection new."""
    settings.PROXY_HOPS = 1
    staff_user()
    for port in range(40000, 40005):
        client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"198.51.100.9:{port}")
        client.post("/admin/login/?next=/admin/", {"username": "lead", "password": "wrong password"})
    locked = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="[2001:db8::1]:443, 198.51.100.9:40100")
    assert locked.post("/admin/login/?next=/admin/", {"username": "lead", "password": STAFF_PASSWORD}).status_code == 429
