"""What a served page lets in. The page is reachable by others on the network, so every
request is treated as hostile until it shows otherwise:

- **Tokens** name a page. Only the server issues them: each carries the time it was issued and
  a keyed check (HMAC-SHA256), so a token someone chose, changed or kept too long is refused and
  the visitor gets a fresh page.
- **Hosts and origins**: a request must name this server by an address it serves (loopback, the
  address it listens on, the room's address, or one allowed by ``--allow-host``), so a web site
  that points its own name at this computer (DNS rebinding) is refused; a websocket opened by a
  page from anywhere else (its ``Origin``) is refused too.
- **Sizes**: messages, typing, pasting and the terminal's size have limits, so one page cannot
  take a room's computer down.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import socket
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

TOKEN_DAYS = 30
"""A page's address works for this many days after it was first opened."""
MAX_PAGES = 40
"""Pages open at once, per server: beyond, a plain "the room is full" page."""
MAX_MESSAGE = 64 * 1024
"""The largest websocket message taken, in bytes (a bigger one closes the page at once)."""
MAX_TYPED = 1024
"""Characters of typing taken in one message (a person types a few at a time)."""
MAX_PASTE = 16 * 1024
"""Characters taken in one paste (a long answer is at most 5,000)."""
IDLE_SECONDS = 10.0
"""A connection that has not finished a request's headers, or sits idle between requests, is
closed after this long (a slow sender cannot hold connections open)."""
MAX_WIDTH, MAX_HEIGHT = 400, 200
"""The largest terminal a page may ask for, in cells."""
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARDS = ("0.0.0.0", "::", "")
"""Hosts that mean "every network this computer is on"."""
PASTE_START = "\x1b[200~"

_NONCE = 12
_MAC = 16


class Tokens:
    """Issues page tokens and checks them."""

    def __init__(
        self, secret: bytes, *, days: int = TOKEN_DAYS, now: Callable[[], float] = time.time
    ) -> None:
        self.secret = secret
        self.max_age = days * 86400
        self.now = now

    @classmethod
    def for_folder(cls, folder: Path | None) -> Tokens:
        """Tokens with the key kept in ``folder`` (made once, readable by this user only), so
        a page's address still works after the server restarts; in memory without a folder."""
        if folder is None:
            return cls(os.urandom(32))
        path = folder / "serve.key"
        try:
            return cls(path.read_bytes())
        except FileNotFoundError:
            from planner.files import atomic_write

            atomic_write(path, os.urandom(32))
            return cls(path.read_bytes())

    def _mac(self, body: bytes) -> bytes:
        return hmac.new(self.secret, body, hashlib.sha256).digest()[:_MAC]

    def issue(self) -> str:
        """A new page's token: 256 bits, of which 96 random, 32 the time, 128 the check."""
        body = os.urandom(_NONCE) + int(self.now()).to_bytes(4, "big")
        return base64.urlsafe_b64encode(body + self._mac(body)).decode("ascii").rstrip("=")

    def form_token(self, token: str) -> str:
        """The token the forms of a page with ``token`` carry (CSRF): only this server can
        make it, and it names that page alone."""
        return self._mac(b"form:" + token.encode("ascii", "replace")).hex()

    def valid(self, token: str) -> bool:
        """Whether this server issued ``token`` and it has not expired."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        except ValueError:
            return False
        if len(raw) != _NONCE + 4 + _MAC:
            return False
        body, mac = raw[: _NONCE + 4], raw[_NONCE + 4 :]
        if not hmac.compare_digest(mac, self._mac(body)):
            return False
        issued = int.from_bytes(body[_NONCE:], "big")
        return 0 <= self.now() - issued <= self.max_age


REFUSAL_PAGE = (
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{title}</title></head><body><main><h1>{title}</h1><p>{words}</p></main></body></html>"
)


def refusal_page(title: str, words: str) -> str:
    """A short page in plain words, for a request that cannot go on (a full room, a form from
    elsewhere)."""
    import html

    return REFUSAL_PAGE.format(title=html.escape(title), words=html.escape(words))


def room_addresses() -> list[str]:
    """This computer's address on its local network, for people in the room to type in.

    Connecting a UDP socket sends nothing; it only asks the system which address it would use.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation address: never reached
            address: str = probe.getsockname()[0]
        except OSError:
            return []
    return [] if address.startswith("127.") or address == "0.0.0.0" else [address]


def _hostname(netloc: str) -> str:
    """The host of ``host:port`` or ``[::1]:port``, in lower case."""
    return (urlsplit(f"//{netloc}").hostname or "").lower()


class Hosts:
    """The addresses this server answers to."""

    def __init__(self, listening: str, room: Iterable[str] = (), allowed: Iterable[str] = ()):
        names = set(LOOPBACK) | {a.lower() for a in allowed}
        if listening in WILDCARDS:
            names |= set(room)
        else:
            names.add(listening.lower())
        self.names = frozenset(names)

    def allows(self, host: str | None, origin: str | None) -> bool:
        """Whether a request for ``host`` (its Host header) may go on: the host must be one of
        ours, and a browser page's ``Origin`` must be this same address."""
        if not host or _hostname(host) not in self.names:
            return False
        if origin is None:
            return True  # not sent by a browser page: no other site's page is behind it
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


def clamp_size(width: int, height: int) -> tuple[int, int]:
    """A terminal size within sensible limits."""
    return max(10, min(width, MAX_WIDTH)), max(5, min(height, MAX_HEIGHT))


def takes_input(data: str) -> bool:
    """Whether one message of typing (or one paste) is of a size a person could send."""
    limit = MAX_PASTE if data.startswith(PASTE_START) else MAX_TYPED
    return len(data) <= limit
