"""Refuse network connections that leave the machine while the tests run.

`install()` patches `socket.socket.connect` and `connect_ex` (which `socket.create_connection`,
urllib, http.client, ssl and asyncio all go through) so that connecting anywhere but loopback
(127.0.0.0/8, ::1) or a unix socket raises `NetworkBlockedError` naming the address.
Host names other than "localhost" are refused without being resolved.
"""

from __future__ import annotations

import _socket
import ipaddress
import socket
from typing import Any

_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
_UNIX = getattr(socket, "AF_UNIX", None)

_originals: dict[str, Any] = {}


class NetworkBlockedError(RuntimeError):
    """A test tried to reach a non-loopback address."""


def is_loopback(host: str) -> bool:
    """Whether `host` (an IP literal or "localhost") is a loopback address."""
    host = host.strip("[]").split("%", 1)[0]
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def _check(sock: _socket.socket, address: Any) -> None:
    if _UNIX is not None and sock.family == _UNIX:
        return
    if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        host = str(address[0])
        if is_loopback(host):
            return
        raise NetworkBlockedError(
            f"network access blocked in tests: connect to {host}:{address[1]} "
            "(only loopback and unix sockets are allowed)"
        )
    raise NetworkBlockedError(
        f"network access blocked in tests: connect to {address!r} (socket family {sock.family!r})"
    )


def _guarded_connect(self: _socket.socket, address: Any) -> None:
    _check(self, address)
    _originals["connect"](self, address)


def _guarded_connect_ex(self: _socket.socket, address: Any) -> int:
    _check(self, address)
    result: int = _originals["connect_ex"](self, address)
    return result


def installed() -> bool:
    """Whether the guard is in place."""
    return bool(_originals)


def install() -> None:
    """Refuse non-loopback connections from now on (calling it twice is harmless)."""
    if _originals:
        return
    _originals["connect"] = socket.socket.connect
    _originals["connect_ex"] = socket.socket.connect_ex
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


def uninstall() -> None:
    """Put the original socket methods back."""
    if not _originals:
        return
    socket.socket.connect = _originals.pop("connect")  # type: ignore[method-assign]
    socket.socket.connect_ex = _originals.pop("connect_ex")  # type: ignore[method-assign]
