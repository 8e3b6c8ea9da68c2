"""Limits kept in the database: wrong return codes per client, and PDFs made per session.

Every attempt first writes a row, then counts the rows of the last window. A row is written
and committed before it is counted, so of any number of attempts at the same moment, on any
number of worker processes and app servers sharing the database, the k-th to be written sees
at least k rows: no more than the limit ever get through. An attempt that is refused deletes
its row (refusals do not pile up); a right code deletes its row too, so only wrong codes
count. Rows older than the window are deleted as attempts come in and by `clearsavedplans`.

There is no limit on all clients together: with 65-bit codes it would protect almost nothing,
and anyone could use it to lock every family out. Many wrong codes overall are logged instead.
"""

import ipaddress
import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from decisionaid.models import PdfRender, ReturnAttempt

CLIENT_SALT = "decisionaid.throttle.client"
SESSION_SALT = "decisionaid.throttle.session"
logger = logging.getLogger(__name__)


def client_address(meta) -> str:
    """The family's internet address: the connecting one, or, behind DJANGO_PROXY_HOPS proxies
    of our own, the address the farthest of them saw (each adds one X-Forwarded-For entry on
    the right; anything to the left of those is the client's to forge)."""
    hops = settings.PROXY_HOPS
    entries = [e.strip() for e in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if hops and len(entries) >= hops:
        return entries[-hops]
    return meta.get("REMOTE_ADDR", "")


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


def window_start(seconds):
    return timezone.now() - timedelta(seconds=seconds)


def admit(model, key: str, limit: int, window_seconds: int):
    """Count this attempt and return its ticket (a row), or None when the limit is reached."""
    since = window_start(window_seconds)
    model.objects.filter(at__lt=since).delete()
    ticket = model.objects.create(client=key, at=timezone.now())
    if model.objects.filter(client=key, at__gte=since).count() > limit:
        ticket.delete()
        return None
    return ticket


def begin(meta) -> ReturnAttempt | None:
    """A return code is about to be checked: its ticket, or None when this client has tried
    too many wrong codes lately."""
    window = settings.RETURN_ATTEMPTS_WINDOW_SECONDS
    ticket = admit(ReturnAttempt, client_key(meta), settings.RETURN_ATTEMPTS_PER_CLIENT, window)
    if ticket is not None:
        alert_on_many_wrong_codes(ReturnAttempt.objects.filter(at__gte=window_start(window)).count())
    return ticket


def alert_on_many_wrong_codes(overall: int) -> None:
    """Someone may be guessing from many addresses: say so in the log (no code, no address),
    once as the count passes the alert level and again at each further multiple of it."""
    alert = settings.RETURN_ATTEMPTS_ALERT
    if overall > alert and (overall - 1) % alert == 0:
        minutes = settings.RETURN_ATTEMPTS_WINDOW_SECONDS // 60
        logger.warning("More than %d wrong return codes in the last %d minutes, from all clients together.",
                       overall - 1, minutes)


def right_code(ticket: ReturnAttempt) -> None:
    """A right code does not count against anyone."""
    ticket.delete()


def begin_pdf(session_key: str) -> PdfRender | None:
    """A PDF is about to be made for this session: its ticket, or None when it has made
    PDFS_PER_SESSION lately."""
    key = salted_hmac(SESSION_SALT, session_key, algorithm="sha256").hexdigest()
    return admit(PdfRender, key, settings.PDFS_PER_SESSION, settings.PDF_WINDOW_SECONDS)


def clear_old() -> int:
    deleted, _ = ReturnAttempt.objects.filter(at__lt=window_start(settings.RETURN_ATTEMPTS_WINDOW_SECONDS)).delete()
    renders, _ = PdfRender.objects.filter(at__lt=window_start(settings.PDF_WINDOW_SECONDS)).delete()
    return deleted + renders
