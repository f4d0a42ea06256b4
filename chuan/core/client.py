"""Who is asking: the client's address as far as Chuẩn can trust it.

Behind a reverse proxy every request comes from the proxy's address, and the real client's
address travels in `X-Forwarded-For`, which anyone can also write themselves. So the header
is read only when the direct peer is one of `CHUAN_TRUSTED_PROXIES` (addresses or CIDR
networks), and then from the right: each trusted proxy appends the address it was connected
from, so the right-most address that is not a trusted proxy is the client, and whatever lies
to its left is the client's own claim. Rate limits and django-axes use this one answer
(`AXES_CLIENT_IP_CALLABLE`), so a forged header from outside changes nothing.
"""

import functools
import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# An IPv6 subscriber usually holds a whole /64: counting each address apart would let one
# household try 2^64 times.
IPV6_COUNTED_PREFIX = 64


@functools.cache
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_networks(entries: Iterable[str] | None = None) -> tuple[Network, ...]:
    """The proxies whose `X-Forwarded-For` is believed (raises ValueError on a bad entry)."""
    raw = settings.CHUAN_TRUSTED_PROXIES if entries is None else entries
    return _networks(tuple(raw))


def _parse(value: str) -> Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address: the direct peer, or, when the peer is a trusted proxy, the
    right-most untrusted address of `X-Forwarded-For`. "unknown" if there is none."""
    peer = _parse(request.META.get("REMOTE_ADDR", "") or "")
    if peer is None:
        return "unknown"
    networks = trusted_networks()
    if not networks or not _trusted(peer, networks):
        return str(peer)
    client = peer
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops[-32:]):
        address = _parse(hop)
        if address is None:
            # Not an address a proxy would write: the client's own text. The last proxy
            # we trust is the best answer there is.
            break
        client = address
        if not _trusted(address, networks):
            break
    return str(client)


def client_ip(request: HttpRequest) -> str | None:
    """`client_address` for django-axes, which stores it in an address column: None when
    there is no address (a sign-in made by code)."""
    address = client_address(request)
    return None if address == "unknown" else address


def counted_address(address: str) -> str:
    """The key a rate limit counts an address under: itself for IPv4, its /64 for IPv6."""
    parsed = _parse(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_COUNTED_PREFIX}", strict=False))
    return address
