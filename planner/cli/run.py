"""The sub-commands that start a front end: the app, the caseload, a workshop, line mode and
the web server. Each builds a ``Start`` (or the server) and hands it over."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planner.i18n import texts_for

if TYPE_CHECKING:
    from planner.services.start import Mode, Start
    from planner.tui.app import PlannerApp


def app(args: argparse.Namespace) -> int:
    """The planner in this terminal: the welcome (or the saved plans) first, the core after;
    or straight to a saved plan with ``--resume``."""
    from planner.services.start import Mode

    return _run_app(args, Mode.FAMILY)


def keyworker(args: argparse.Namespace) -> int:
    """The caseload: every family's plan, with practitioner notes."""
    from planner.services.start import Mode

    return _run_app(args, Mode.KEYWORKER)


def workshop(args: argparse.Namespace) -> int:
    """A facilitated session: in memory only, projector colours, facilitator notes, reset."""
    from planner.services.library import Library
    from planner.services.start import Mode, Start

    start = Start(
        library=Library(None), mode=Mode.WORKSHOP, example=args.example, theme=_theme(args)
    )
    _app_class()(start).run()
    return 0


def _app_class() -> type[PlannerApp]:
    """The app, imported with the garbage collector paused (see ``planner.tui.startup``, which
    starts it again)."""
    import gc

    gc.disable()
    from planner.tui.app import PlannerApp

    return PlannerApp


def _theme(args: argparse.Namespace) -> str:
    return f"planner-{args.theme}"


def _run_app(args: argparse.Namespace, mode: Mode) -> int:
    start = _start(args, mode)
    if start is None:
        return 2
    code = _app_class()(start).run()
    if code:
        print(texts_for().get("ui.quit_saved", code=code))
    return 0


def _start(args: argparse.Namespace, mode: Mode) -> Start | None:
    """How the app starts; None (after a plain message) when the plan asked for cannot open."""
    from planner.paths import user_data_dir
    from planner.services.library import Library
    from planner.services.start import Mode, Start

    data_dir = user_data_dir(args.data_dir)
    library = Library(data_dir)
    resume = getattr(args, "resume", None)
    if mode is Mode.KEYWORKER or not resume:
        # The welcome (or word that the saved plans are opening) is drawn first; the core
        # and the store load after. A keyworker's caseload is shown whatever it holds
        # (``Start.offers_plans``), so there is nothing to look for.
        saved = mode is not Mode.KEYWORKER and _has_saved_plans(data_dir)
        return Start(library=library, mode=mode, saved=saved, theme=_theme(args))
    from planner.store.files import StoreError

    try:
        session = library.open(resume.strip())
    except StoreError as error:
        print(texts_for().get(error.key, **error.params))
        return None
    return Start(library=library, session=session, mode=mode, theme=_theme(args))


def _has_saved_plans(data_dir: Path) -> bool:
    """Whether plans are saved here, to offer at the start: a glance at the file, or (for a
    shared database, or a file the glance cannot read) the store itself."""
    from planner.store.peek import glance

    seen = glance(data_dir)
    if seen is not None:
        return seen.has_plans
    from planner.store import open_store
    from planner.store.files import StoreError

    try:
        return bool(open_store(data_dir).saved_plans())
    except StoreError:
        return False


def plain(args: argparse.Namespace) -> int:
    """The conversation line by line; with ``--example``, an example family's finished plan."""
    from planner.paths import user_data_dir
    from planner.plain.runner import PlainRunner, pasting
    from planner.services.examples import find_example
    from planner.services.library import Library
    from planner.store.files import StoreError

    library = Library(user_data_dir(args.data_dir))
    texts = texts_for()
    try:
        if args.resume:
            session = library.open(args.resume.strip())
        elif args.example:
            found = find_example(args.example)
            if found is None:
                print(texts.get("cli.no_example", id=args.example))
                return 2
            session = library.new(found, at="finish")
        else:
            session = library.new()
    except StoreError as error:
        print(texts.get(error.key, **error.params))
        return 2
    terminal = sys.stdin.isatty() and sys.stdout.isatty()
    with pasting(lambda code: print(code, end="", flush=True), terminal):
        return PlainRunner(session, iter(sys.stdin), _write).run()


def _write(text: str) -> None:
    print(text, flush=True)


def serve(args: argparse.Namespace) -> int:
    """The planner in a web browser: one private app process for each page."""
    from planner.paths import user_data_dir
    from planner.web.server import PlannerServer

    keyworker_check = None
    if args.keyworker:
        from planner.cli.unlock import ask_keyworker_passphrase

        keyworker_check = ask_keyworker_passphrase()
        if keyworker_check is None:
            return 2
    server = PlannerServer(
        args.host,
        args.port,
        data_dir=None if args.workshop else user_data_dir(args.data_dir),
        workshop=args.workshop,
        keyworker_check=keyworker_check,
        allowed_hosts=tuple(args.allow_host),
        max_pages=max(1, args.max_pages),
        behind_proxy=args.behind_proxy,
    )
    try:
        server.serve()
    except OSError as error:  # the port is taken, or not ours to use
        address = f"{args.host}:{args.port}"
        print(texts_for().get("cli.cannot_listen", address=address, reason=error.strerror or ""))
        return 2
    return 0
