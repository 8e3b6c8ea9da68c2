"""A limit on wrong return codes, per client and overall, kept in the database.

Every attempt first writes a row, then counts the rows of the last window. A row is written
and committed before it is counted, so of any number of attempts at the same moment, on any
number of worker processes and app servers sharing the database, the k-th to be written sees
at least k rows: no more than the limit ever get through. An attempt that is refused deletes
its row (refusals do not pile up); a right code deletes its row too, so only wrong codes
count. Rows older than the window are deleted as attempts come in and by `clearsavedplans`.
"""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from decisionaid.models import ReturnAttempt

CLIENT_SALT = "decisionaid.throttle.client"


def client_address(meta) -> str:
    """The family's internet address: the connecting one, or the one the load balancer saw
    (the last X-Forwarded-For entry, which our own proxy adds) when DJANGO_BEHIND_PROXY=1."""
    address = meta.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY and meta.get("HTTP_X_FORWARDED_FOR"):
        address = meta["HTTP_X_FORWARDED_FOR"].split(",")[-1].strip()
    return address


def client_key(meta) -> str:
    """A keyed hash of the address (never the address itself). An IPv6 client is counted by
    its /64 network, which one household or phone usually has to itself."""
    address = client_address(meta)
    try:
        ip = ipaddress.ip_address(address)
        if ip.version == 6 and ip.ipv4_mapped is None:
            address = str(ipaddress.ip_network(f"{ip}/64", strict=False))
        elif ip.version == 6:
            address = str(ip.ipv4_mapped)
    except ValueError:
        pass
    return salted_hmac(CLIENT_SALT, address, algorithm="sha256").hexdigest()


def window_start():
    return timezone.now() - timedelta(seconds=settings.RETURN_ATTEMPTS_WINDOW_SECONDS)


def begin(meta) -> ReturnAttempt | None:
    """Count this attempt and return its ticket, or None when the limit has been reached."""
    since = window_start()
    ReturnAttempt.objects.filter(at__lt=since).delete()
    ticket = ReturnAttempt.objects.create(client=client_key(meta), at=timezone.now())
    recent = ReturnAttempt.objects.filter(at__gte=since)
    if (
        recent.filter(client=ticket.client).count() > settings.RETURN_ATTEMPTS_PER_CLIENT
        or recent.count() > settings.RETURN_ATTEMPTS_OVERALL
    ):
        ticket.delete()
        return None
    return ticket


def right_code(ticket: ReturnAttempt) -> None:
    """A right code does not count against anyone."""
    ticket.delete()


def clear_old() -> int:
    deleted, _ = ReturnAttempt.objects.filter(at__lt=window_start()).delete()
    return deleted
