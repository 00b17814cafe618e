"""One guarded HTTP(S) GET for calendar imports: a total deadline whatever the server trickles,
a size cap while streaming, redirects only to the same scheme, host and port (at most
MAX_REDIRECTS), and no address on the bot's own network unless the host is allowed by name.

The host is resolved once; every address is checked, and the connection goes to a checked
address (the TLS certificate is still verified against the name), so a second DNS answer
cannot swap in another address. Failures raise FetchError with a detail for the log only."""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 3
# Each socket operation waits at most this long (and never past the deadline).
SOCKET_TIMEOUT = 5.0
CHUNK = 65536
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

Resolve = Callable[..., list[tuple[Any, ...]]]
Address = tuple[int, tuple[Any, ...]]  # socket family, sockaddr


class FetchError(Exception):
    """The address could not be fetched; the message is a detail for the log, not people."""


class TooLarge(FetchError):
    """The body is over the size cap."""


@dataclass(frozen=True)
class Target:
    """Where a URL points: scheme, lower-case host name, port, and the path with its query."""

    scheme: str
    host: str
    port: int
    path: str

    @property
    def url(self) -> str:
        """The URL again (what a relative redirect is read against)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}{self.path}"

    @classmethod
    def of(cls, url: str) -> Target:
        """The parts of an http(s) URL; FetchError for anything else."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            raise FetchError("malformed URL") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("not an http(s) URL with a host")
        if parts.username is not None or parts.password is not None:
            raise FetchError("credentials in the URL")
        host = parts.hostname.lower().rstrip(".")
        default = 443 if parts.scheme == "https" else 80
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return cls(parts.scheme, host, port or default, path)


def public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """False for loopback, link-local, private, shared, multicast, unspecified and reserved
    addresses (an IPv6 address embedding an IPv4 one is judged by that one too)."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None and not public(embedded):
            return False
        if ip.is_site_local:
            return False
    return ip.is_global and not (
        ip.is_loopback
        or ip.is_link_local
        or ip.is_private
        or ip.is_multicast
        or ip.is_unspecified
        or ip.is_reserved
    )


def checked_addresses(
    target: Target, allowed: frozenset[str], resolve: Resolve, seconds: float
) -> list[Address]:
    """The addresses of `target`'s host, every one public unless the host is allowed by name;
    FetchError (before any connection) otherwise."""
    found = _resolve(target, resolve, seconds)
    if not found:
        raise FetchError("no address")
    if target.host not in allowed:
        for _family, sockaddr in found:
            ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            if not public(ip):
                raise FetchError(f"refused address {ip} (host not in PARTNERBOT_CALENDAR_HOSTS)")
    return found


def _resolve(target: Target, resolve: Resolve, seconds: float) -> list[Address]:
    """getaddrinfo, waited for at most `seconds` (a slow resolver finishes in its thread)."""
    result: list[list[Address]] = []

    def run() -> None:
        try:
            infos = resolve(target.host, target.port, type=socket.SOCK_STREAM)
            result.append([(int(i[0]), tuple(i[4])) for i in infos])
        except (OSError, UnicodeError):
            result.append([])

    thread = threading.Thread(target=run, daemon=True, name="calendar-resolve")
    thread.start()
    thread.join(max(seconds, 0.0))
    if not result:
        raise FetchError("name resolution timed out")
    return result[0]


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to an address already checked, named `host` for the Host header
    and the certificate."""

    def __init__(self, target: Target, address: Address, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = address
        self._tls = ssl.create_default_context() if target.scheme == "https" else None

    def connect(self) -> None:
        family, sockaddr = self._address
        raw = socket.socket(family, socket.SOCK_STREAM)
        self.sock = raw
        raw.settimeout(self.timeout)
        raw.connect(sockaddr)
        if self._tls is not None:
            self.sock = self._tls.wrap_socket(
                raw, server_hostname=self.host, do_handshake_on_connect=False
            )
            self.sock.do_handshake()

    def cut(self) -> None:
        """Shut the socket down from another thread: any read or handshake ends at once."""
        sock = self.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


def download(
    url: str,
    allowed: frozenset[str],
    *,
    seconds: float,
    max_bytes: int,
    resolve: Resolve = socket.getaddrinfo,
) -> bytes:
    """The body of `url` (status 200), fetched within `seconds` in all, at most `max_bytes`."""
    deadline = time.monotonic() + seconds
    target = Target.of(url)
    for _ in range(MAX_REDIRECTS + 1):
        addresses = checked_addresses(target, allowed, resolve, deadline - time.monotonic())
        status, location, body = _get(target, addresses, deadline, max_bytes)
        if status == 200:
            return body
        if status not in _REDIRECTS or not location:
            raise FetchError(f"HTTP status {status}")
        following = Target.of(urljoin(target.url, location))
        if (following.scheme, following.host, following.port) != (
            target.scheme,
            target.host,
            target.port,
        ):
            raise FetchError("redirect to another scheme, host or port")
        target = following
    raise FetchError("too many redirects")


def _get(
    target: Target, addresses: list[Address], deadline: float, max_bytes: int
) -> tuple[int, str | None, bytes]:
    """One GET through the first checked address that connects: status, Location, body."""
    failure = "no address connected"
    for address in addresses:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError("deadline passed")
        conn = _PinnedConnection(target, address, min(left, SOCKET_TIMEOUT))
        watchdog = threading.Timer(left, conn.cut)
        watchdog.daemon = True
        watchdog.start()
        try:
            try:
                conn.connect()
            except OSError as exc:
                failure = f"connect: {type(exc).__name__}"
                continue
            return _exchange(conn, target, deadline, max_bytes)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            late = " after the deadline" if time.monotonic() >= deadline else ""
            raise FetchError(f"{type(exc).__name__}{late}") from None
        finally:
            watchdog.cancel()
            conn.close()
    raise FetchError(failure)


def _exchange(
    conn: _PinnedConnection, target: Target, deadline: float, max_bytes: int
) -> tuple[int, str | None, bytes]:
    conn.request(
        "GET", target.path, headers={"User-Agent": "partnerbot", "Accept": "text/calendar, */*"}
    )
    response = conn.getresponse()
    if response.status != 200:
        return response.status, response.getheader("Location"), b""
    length = response.getheader("Content-Length")
    if length is not None and length.strip().isdigit() and int(length) > max_bytes:
        raise TooLarge("Content-Length over the cap")
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError("deadline passed while reading")
        if conn.sock is not None:
            conn.sock.settimeout(min(left, SOCKET_TIMEOUT))
        chunk = response.read1(CHUNK)  # at most one read from the socket
        if not chunk:
            if time.monotonic() >= deadline:  # the watchdog shut the socket
                raise FetchError("deadline passed while reading")
            return 200, None, b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge("body over the cap")
        chunks.append(chunk)
