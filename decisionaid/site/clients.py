"""Who a request comes from, as the limits count it: the internet address (behind proxies of our
own, the one the farthest saw), kept only as a keyed hash."""

import ipaddress

from django.conf import settings
from django.utils.crypto import salted_hmac

CLIENT_SALT = "decisionaid.throttle.client"  # a salt, not a path: changing it changes every key


def client_address(meta) -> str:
    """The family's internet address: the connecting one, or, behind DJANGO_PROXY_HOPS proxies
    of our own, the address the farthest of them saw (each adds one X-Forwarded-For entry on
    the right; anything to the left of those is the client's to forge)."""
    hops = settings.PROXY_HOPS
    entries = [e.strip() for e in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if hops and len(entries) >= hops:
        return without_port(entries[-hops])
    return meta.get("REMOTE_ADDR", "")


def without_port(entry: str) -> str:
    """Some proxies write the client's port too ("203.0.113.9:51234", "[2001:db8::1]:443"),
    which would make each connection a client of its own (security re-check R4)."""
    if entry.startswith("[") and "]" in entry:
        return entry[1:entry.index("]")]
    host, colon, port = entry.rpartition(":")
    return host if colon and host.count(":") == 0 and port.isdigit() else entry


def counted_address(meta) -> str:
    """The address as every limit counts it: an IPv6 client by its /64 network (written as the
    network's first address), which one household or phone usually has to itself, so that
    changing addresses within it changes nothing (security re-check R2: the staff lockout
    counted each one)."""
    address = client_address(meta)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return address


def client_key(meta) -> str:
    """A keyed hash of the counted address (never the address itself)."""
    return salted_hmac(CLIENT_SALT, counted_address(meta), algorithm="sha256").hexdigest()
