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
