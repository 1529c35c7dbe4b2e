"""The simple pages' route in ``planner serve``: ``/p/<token>/...``.

The pages themselves (:mod:`planner.pages`) know nothing of HTTP; this module gives them their
requests, safely:

- **Private**: each family's pages have a token of their own in the address, issued and checked
  like a terminal page's (:class:`planner.web.guard.Tokens`); a token this server did not make
  gets a new one.
- **Forms only from these pages**: every form carries a token made from the page's token with
  the server's key, and a form without it, or with another, changes nothing. The guard
  middleware already refuses another site's origin.
- **One request at a time per family**: two tabs sending at once are taken in turn.
- **Limits**: forms of a size a person sends, and as many families in memory as the room takes.
  A saved plan is read again from the store when its family comes back; in a workshop room
  (nothing saved) a full room says so.
- **Carried on anywhere**: the plan is saved after every answer in the same store as the
  terminal pages, linked to the page's token; a plan changed meanwhile in a terminal page is
  read again before the next request.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from aiohttp import web

from planner.web.guard import Tokens, refusal_page

if TYPE_CHECKING:
    from planner.pages.html import Reply
    from planner.pages.visit import Family
    from planner.store.database import Database

log = logging.getLogger("planner.serve")

MAX_FORM = 64 * 1024
"""The largest form taken, in bytes (a long answer is at most 5,000 characters)."""
MAX_FAMILIES = 200
"""Families' plans held in memory at once."""
SECURITY = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",
}
"""Every simple page: its own stylesheet and forms only, no scripts, never framed or kept. Its
address (with the family's token) goes to no other site; to itself it goes, so a browser names
the page's own origin on each form it sends (with "no-referrer" Chromium sends ``null``, and
the guard would refuse every form)."""


class SimplePages:
    """The simple pages of one server."""

    def __init__(
        self,
        tokens: Tokens,
        data_dir: Path | None,
        *,
        keyworker_check: str = "",
        max_families: int = MAX_FAMILIES,
    ) -> None:
        self.tokens = tokens
        self.data_dir = data_dir
        self.keyworker_check = keyworker_check
        """Set on a keyworker's server: each page may open the caseload with the passphrase."""
        self.max_families = max_families
        self.families: OrderedDict[str, Family] = OrderedDict()
        self.locks: dict[str, asyncio.Lock] = {}
        self._store: Database | None = None
        self.keeping = threading.Lock()
        """Held while the families in memory are looked up or changed."""

    def routes(self) -> list[web.AbstractRouteDef]:
        from planner.pages.html import STATIC, STATIC_ADDRESS

        return [
            web.get("/p", self.handle_new),
            web.get("/p/", self.handle_new),
            web.get("/p/{token}/{page:.*}", self.handle),
            web.post("/p/{token}/{page:.*}", self.handle),
            web.static(STATIC_ADDRESS, STATIC),
        ]

    async def handle_new(self, request: web.Request) -> web.StreamResponse:
        """A new family's pages: a token only this server can make."""
        raise web.HTTPFound(f"/p/{self.tokens.issue()}/")

    def form_token(self, token: str) -> str:
        """The token a page's forms carry."""
        return self.tokens.form_token(token)

    def family(self, token: str) -> Family | None:
        """The family of a page token: in memory, read from the store, or new (None when the
        room is full and nothing could be let go)."""
        with self.keeping:  # requests for different families run in threads side by side
            return self._family(token)

    def _family(self, token: str) -> Family | None:
        from planner.pages.visit import Family

        found = self.families.get(token)
        if found is not None:
            self.families.move_to_end(token)
            return self._fresh(found)
        if len(self.families) >= self.max_families:
            if self.data_dir is None:
                return None  # a workshop room keeps its plans in memory only: none is let go
            self.families.popitem(last=False)  # saved: read again if it comes back
        from planner.services.library import Library

        library = None
        if self.data_dir is not None:  # one store for every family, opened once
            library = Library(self.data_dir, web_token=token, _store=self._store)
            self._store = library.store
        session = library.for_page() if library is not None else Library(None).new()
        made = Family(session, library)
        if library is not None and self.keyworker_check:
            from planner.services.access import PageAccess

            made.access = PageAccess(
                served=True, keyworker_check=self.keyworker_check, store=library.store
            )
        self.families[token] = made
        return made

    @staticmethod
    def _fresh(family: Family) -> Family:
        """The family's plan as saved, when another page (a terminal page, another device)
        changed it since this one last saw it."""
        session, library = family.session, family.library
        store = session.store
        if store is None or library is None:
            return family
        if store.revision(session.code) != session.revision:
            try:
                own = session.web_token is not None  # not one opened from the caseload
                family.take(library.open(session.code, link=own))
            except Exception:  # read again next time; this page keeps what it has
                log.warning("a changed plan could not be read again")
        return family

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """One page or one form, for one family, in turn."""
        token = request.match_info["token"]
        if not self.tokens.valid(token):
            raise web.HTTPFound("/p")
        page = request.match_info["page"].strip("/")
        form: dict[str, list[str]] = {}
        if request.method == "POST":
            if (request.content_length or 0) > MAX_FORM:
                return _plain(413, "page.too_big")
            posted = await request.post()
            for name, value in posted.items():
                if isinstance(value, str):
                    form.setdefault(name, []).append(value)
            sent = (form.get("csrf") or [""])[0]
            if not hmac.compare_digest(sent.encode(), self.form_token(token).encode()):
                log.warning("refused a form without this page's token")
                return _plain(403, "page.form_refused")
        lock = self.locks.setdefault(token, asyncio.Lock())
        async with lock:  # one request at a time for each family; the core runs off the loop
            query = dict(request.query.items())
            try:
                reply = await asyncio.to_thread(
                    self.answer, token, request.method, page, form, query
                )
            except Exception as error:  # a fault of ours: said plainly; answers are saved
                log.warning("a simple page failed with %s", type(error).__name__)
                return _plain(500, "page.broken")
        if len(self.locks) > 2 * self.max_families:  # let go of the turns of families gone
            for gone in [t for t in self.locks if t not in self.families]:
                if not self.locks[gone].locked():
                    del self.locks[gone]
        if reply is None:
            return _plain(503, "web.room_full")
        return _response(reply)

    def answer(
        self,
        token: str,
        method: str,
        page: str,
        form: dict[str, list[str]],
        query: dict[str, str],
    ) -> Reply | None:
        """What one request gets (None: the room is full)."""
        from planner.pages import site
        from planner.pages.visit import Visit

        family = self.family(token)
        if family is None:
            return None
        visit = Visit(
            family, base=f"/p/{token}", csrf=self.form_token(token), form=form, query=query
        )
        return site.post(visit, page) if method == "POST" else site.get(visit, page)


def _response(reply: object) -> web.StreamResponse:
    from planner.pages.html import Download, Html, Redirect

    if isinstance(reply, Redirect):
        return web.Response(status=303, headers={"Location": reply.to, **SECURITY})
    if isinstance(reply, Download):
        disposition = f"attachment; filename*=UTF-8''{quote(reply.name)}"
        return web.Response(
            body=reply.data,
            content_type=reply.media_type.split(";")[0],
            headers={"Content-Disposition": disposition, **SECURITY},
        )
    assert isinstance(reply, Html)
    return web.Response(text=reply.text, content_type="text/html", headers=SECURITY)


def _plain(status: int, key: str) -> web.Response:
    """A short page in plain words, for a request that cannot go on."""
    from planner.i18n import texts_for

    page = refusal_page("Support Planner", texts_for().get(key))
    return web.Response(status=status, text=page, content_type="text/html", headers=SECURITY)
