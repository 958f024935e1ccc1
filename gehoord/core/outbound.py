"""The one way out: HTTP requests to addresses an administrator configured (webhooks, Mastodon).

An address typed into the admin is not trusted to be on the internet. Without
this guard a webhook at ``http://169.254.169.254/…`` or ``http://127.0.0.1:6379``
would make Gehoord a proxy into its own network, and the delivery log would say
which ports answer. So every such request goes through :func:`session`:

- the scheme is https; http only with ``OUTBOUND_ALLOW_HTTP`` (on with DEBUG);
- the host name is resolved here, and every address it resolves to must be on
  the public internet: no loopback, private (RFC 1918, fc00::/7), link-local
  (169.254/16 with the cloud metadata address, fe80::/10), CGNAT (100.64/10),
  multicast, reserved or unspecified address, nor one of those inside an IPv6
  address (IPv4-mapped, NAT64, 6to4);
- the request connects to the address that was checked, not to the result of
  a second lookup: a name that resolved to a public address a moment ago and
  to 127.0.0.1 now (DNS rebinding) cannot slip through. Host header, TLS server
  name (SNI) and certificate check keep using the name;
- redirects are never followed: a receiver's address is configured as it is;
- no proxy from the environment: a proxy would do its own lookup.

Host names in ``OUTBOUND_ALLOWED_HOSTS`` may resolve to internal addresses:
for an internal deployment (a case system on the municipality's own network)
and for tests with a local receiver. They are still resolved once and pinned.

:func:`check_url` runs the same checks when an address is saved, so the admin
hears at once, in Dutch, what is wrong; the check at every send is what holds.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_PORTS = {"http": 80, "https": 443}
# Shared address space (RFC 6598) is not "private" to Python before 3.12.3, but it is not the internet either.
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
# NAT64 (RFC 6052, 8215): the last 32 bits are an IPv4 address the gateway connects to.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


class OutboundError(Exception):
    """A request that the guard did not send; the message says why, in Dutch, for the admin."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OutboundRefused(OutboundError):
    """The address is not allowed: wrong scheme, or the host is (or resolves to) an internal address."""


class HostNotFound(OutboundError):
    """The host name does not resolve (now): nothing to connect to."""


@dataclass(frozen=True)
class Target:
    """A vetted address: connect to `address`, speak to `host` (Host header, SNI, certificate)."""

    scheme: str
    host: str
    port: int
    address: str

    @property
    def address_netloc(self) -> str:
        literal = f"[{self.address}]" if ":" in self.address else self.address
        return f"{literal}:{self.port}"


def is_internal(address: IPAddress | str) -> bool:
    """Whether an IP address is anything but a public internet address."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ip.ipv4_mapped or ip
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.sixtofour
        if embedded is None and any(ip in network for network in _NAT64):
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and is_internal(embedded):
            return True
        if ip.is_site_local:
            return True
    return (
        not ip.is_global
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT)
    )


def resolve(host: str, port: int) -> list[str]:
    """The addresses a host name resolves to, in the resolver's order (a literal address is itself).

    Tests replace this function to play a resolver that changes its answer.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for _family, _type, _proto, _canonname, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]  # an IPv6 zone id is no part of the address
        if address not in addresses:
            addresses.append(address)
    return addresses


def allowed_hosts() -> set[str]:
    return {_normal_host(host) for host in getattr(settings, "OUTBOUND_ALLOWED_HOSTS", []) if host.strip()}


def _normal_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def http_allowed() -> bool:
    return bool(getattr(settings, "OUTBOUND_ALLOW_HTTP", settings.DEBUG))


def check_scheme(url: str) -> None:
    """Refuse an address that is not https (http only where the settings allow it). No lookup."""
    scheme = urlsplit(url).scheme.lower()
    if scheme == "https" or (scheme == "http" and http_allowed()):
        return
    raise OutboundRefused(
        _("Gebruik een adres dat begint met https://. Gehoord stuurt gegevens alleen versleuteld.")
    )


def vet(url: str) -> Target:
    """Check an address and resolve it once: the :class:`Target` to connect to, or an :class:`OutboundError`."""
    check_scheme(url)
    parts = urlsplit(url)
    host = _normal_host(parts.hostname or "")
    if not host:
        raise OutboundRefused(_("Het adres mist een servernaam, zoals https://zaken.gemeente.nl/webhook."))
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme.lower()]
    except ValueError as error:
        raise OutboundRefused(
            _("Het poortnummer in het adres is ongeldig. Gebruik 1 tot en met 65535.")
        ) from error
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError) as error:
        raise HostNotFound(
            _("De server %(host)s is niet te vinden. Controleer de naam in het adres.") % {"host": host}
        ) from error
    if not addresses:
        raise HostNotFound(
            _("De server %(host)s is niet te vinden. Controleer de naam in het adres.") % {"host": host}
        )
    if host not in allowed_hosts() and any(is_internal(address) for address in addresses):
        raise OutboundRefused(
            _(
                "Het adres %(host)s hoort bij een intern netwerk (zoals localhost, een privé- of "
                "link-local-adres). Gehoord stuurt daar niets heen. Gebruik een adres op internet, of "
                "vraag de technisch beheerder de servernaam toe te voegen aan OUTBOUND_ALLOWED_HOSTS."
            )
            % {"host": host}
        )
    return Target(scheme=parts.scheme.lower(), host=host, port=port, address=addresses[0])


def check_url(url: str) -> None:
    """:func:`vet` for a form or model: a :class:`ValidationError` with the Dutch reason."""
    try:
        vet(url)
    except OutboundError as error:
        raise ValidationError(error.message, code="outbound_refused") from error


class PinnedAddressAdapter(HTTPAdapter):
    """Vets every request and connects to the address it vetted, keeping the name for Host and TLS."""

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        target = vet(request.url)
        parts = urlsplit(request.url)
        pinned = request.copy()
        pinned.url = urlunsplit((target.scheme, target.address_netloc, parts.path, parts.query, ""))
        # The name the receiver knows itself by (with the port as written, as a client sends it).
        pinned.headers["Host"] = parts.netloc.rsplit("@", 1)[-1]
        kwargs["proxies"] = {}
        return super().send(pinned, *args, **kwargs)

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: Any, cert: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        if host_params["scheme"] == "https":
            # SNI and the certificate check are for the name, not for the address we connect to.
            pool_kwargs["server_hostname"] = urlsplit("//" + request.headers["Host"]).hostname
        return host_params, pool_kwargs


class GuardedSession(requests.Session):
    """A session whose every request is vetted and pinned, and that never follows a redirect."""

    def __init__(self) -> None:
        super().__init__()
        self.trust_env = False  # no proxy, no .netrc from the environment
        adapter = PinnedAddressAdapter()
        self.mount("https://", adapter)
        self.mount("http://", adapter)

    def get_redirect_target(self, response: requests.Response) -> None:
        # A 3xx is the answer, not a new destination.
        return None


def session() -> GuardedSession:
    return GuardedSession()


def post(url: str, **kwargs: Any) -> requests.Response:
    """POST through the guard: :class:`OutboundError` when refused (nothing was sent)."""
    with session() as guarded:
        return guarded.post(url, allow_redirects=False, **kwargs)
