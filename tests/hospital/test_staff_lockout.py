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
