"""Passphrases asked at the command line (the store's, and a keyworker's for ``serve``), and
opening the store with a plain message when it cannot be opened.

A passphrase is kept in this process (and its browser pages) only.
"""

from __future__ import annotations

import argparse
import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from planner.i18n import texts_for

if TYPE_CHECKING:
    from planner.store.database import Database

STORE_COMMANDS = frozenset({"plain", "app", "keyworker", "serve", "list", "export"})
"""Commands that read saved plans: an encrypted store asks for its passphrase first."""


class Refused(Exception):
    """The store could not be opened or used; the reason has been printed."""


@contextmanager
def said_plainly() -> Iterator[None]:
    """Turn a store problem into its message, printed, and :class:`Refused`."""
    from planner.store.files import StoreError

    try:
        yield
    except StoreError as error:
        print(texts_for().get(error.key, **error.params))
        raise Refused from None


def open_plans(data_dir: str | None, passphrase: str | None = None) -> Database:
    """The saved plans' store (raises :class:`Refused` after saying why it cannot open)."""
    from planner.paths import user_data_dir
    from planner.store import open_store

    with said_plainly():
        return open_store(user_data_dir(data_dir), passphrase)


def _new_passphrase(ask: str, again: str | None) -> str | None:
    """A new passphrase, asked (twice with ``again``); None after a plain message."""
    from planner.store.crypto import check_new_passphrase

    texts = texts_for()
    chosen = getpass.getpass(texts.get(ask))
    second = getpass.getpass(texts.get(again)) if again else chosen
    if check_new_passphrase(chosen, second) is not None:
        print(texts.get("cli.passphrase_not_set"))
        return None
    return chosen


def ask_keyworker_passphrase() -> str | None:
    """For ``serve --keyworker``: the check value of the keyworker's passphrase (asked for, or
    ``PLANNER_KEYWORKER_PASSPHRASE``); None after a plain message."""
    from planner.store.crypto import check_new_passphrase, passphrase_check

    given = os.environ.get("PLANNER_KEYWORKER_PASSPHRASE")
    chosen = _new_passphrase("cli.keyworker_new", None) if given is None else given
    if chosen is None or check_new_passphrase(chosen, chosen) is not None:
        if chosen is not None:
            print(texts_for().get("cli.passphrase_not_set"))
        return None
    return passphrase_check(chosen)


def unlock_store(args: argparse.Namespace, command: str) -> int | None:
    """Ask for the store's passphrase when it needs one (three tries), or for a new one with
    ``--encrypt``. Returns an exit code when the command cannot go on, else None."""
    from planner.paths import user_data_dir

    if os.environ.get("PLANNER_PASSPHRASE") or (command == "export" and args.example):
        return None
    from planner.store.peek import glance

    data_dir = user_data_dir(args.data_dir)
    seen = None if args.encrypt else glance(data_dir)
    if seen is not None and not seen.locked:
        return None  # nothing to unlock (or a first visit), and start-up stays quick
    from planner.store import open_store
    from planner.store.files import StoreError

    texts = texts_for()
    if args.encrypt:
        chosen = _new_passphrase("cli.passphrase_new", "cli.passphrase_again")
        try:
            if chosen is None:
                raise Refused
            open_plans(args.data_dir, chosen).saved_plans()
        except Refused:
            return 2
        os.environ["PLANNER_PASSPHRASE"] = chosen
        return None
    try:
        open_store(data_dir).saved_plans()
        return None
    except StoreError as error:
        if error.key != "error.store.needs_passphrase":
            return None  # said where the plans are used, in the family's words
    for _ in range(3):
        given = getpass.getpass(texts.get("cli.passphrase_ask"))
        try:
            with said_plainly():
                open_store(data_dir, given).saved_plans()
        except Refused:
            continue
        os.environ["PLANNER_PASSPHRASE"] = given
        return None
    print(texts.get("cli.passphrase_give_up"))
    return 2
