"""The ``planner`` command.

Kept light: argparse only, and each subcommand imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.store.files import SavedPlan


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Support Planner: plan a personal budget for a disabled child or young person.",
    )
    parser.add_argument(
        "--data-dir",
        help="folder for saved plans (default: PLANNER_DATA_DIR, else your user data folder)",
    )
    parser.add_argument("--resume", metavar="CODE", help="carry on with a saved plan")
    parser.add_argument(
        "--theme", choices=["calm", "contrast", "large"], default="calm", help="colours"
    )
    parser.add_argument(
        "--encrypt",
        action="store_true",
        help="lock the plans saved here with a passphrase (asked for; a new, empty store only)",
    )
    parser.set_defaults(example=None, flow=None, pack=None, keyworker=False)
    sub = parser.add_subparsers(dest="command")
    # Also accepted after the command (``planner plain --data-dir X``).
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    plain = sub.add_parser(
        "plain", parents=[data_dir], help="the conversation line by line (screen readers, scripts)"
    )
    plain.add_argument("--resume", metavar="CODE", default=argparse.SUPPRESS, help="a saved plan")
    plain.add_argument("--example", metavar="ID", help="start from an example family's answers")

    check = sub.add_parser("check", help="check a flow and its texts")
    check.add_argument("flow", nargs="?", help="a flow name or a path to a flow file")
    check.add_argument("--pack", metavar="PATH", help="check an allocation pack file instead")

    app = sub.add_parser(
        "app", parents=[data_dir], help="the planner in this terminal (the default)"
    )
    app.add_argument("--resume", metavar="CODE", default=argparse.SUPPRESS, help="a saved plan")
    app.add_argument(
        "--theme", choices=["calm", "contrast", "large"], default=argparse.SUPPRESS, help="colours"
    )

    keyworker = sub.add_parser(
        "keyworker", parents=[data_dir], help="the caseload: every family's plan, with notes"
    )
    keyworker.add_argument(
        "--theme", choices=["calm", "contrast", "large"], default=argparse.SUPPRESS, help="colours"
    )

    workshop = sub.add_parser(
        "workshop", help="a facilitated group session on a projector: nothing is saved"
    )
    workshop.add_argument("--example", metavar="ID", help="start with an example family")
    workshop.add_argument(
        "--theme", choices=["calm", "contrast", "large"], default="large", help="colours"
    )

    serve = sub.add_parser("serve", parents=[data_dir], help="the planner in a web browser")
    serve.add_argument(
        "--workshop",
        action="store_true",
        help="a room of people: each page private, in memory only, gone when it is closed",
    )
    serve.add_argument(
        "--keyworker",
        action="store_true",
        help="let a page open the caseload with the keyworker's passphrase (asked for now)",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")

    sub.add_parser("examples", help="list the example families")

    export = sub.add_parser("export", parents=[data_dir], help="save a plan as a document")
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--plan", metavar="CODE", help="a saved plan's code")
    which.add_argument("--example", metavar="ID", help="an example family")
    export.add_argument("--format", required=True, choices=["md", "html", "docx", "json"])
    export.add_argument("--output", required=True, metavar="PATH", help="the file to write")
    export.add_argument(
        "--language",
        "--locale",
        dest="locale",
        metavar="CODE",
        help="the document's language, for example pl (default: the plan's own language)",
    )
    export.add_argument(
        "--with-english",
        action="store_true",
        help="put the English under each part, for the council (md, html and docx)",
    )

    sub.add_parser("schema", help="print the JSON Schema of plan files")
    sub.add_parser("list", parents=[data_dir], help="list saved plans")
    forget = sub.add_parser("forget", parents=[data_dir], help="delete every saved plan")
    forget.add_argument("--yes", action="store_true", help="do not ask first (for scripts)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``planner`` command; returns the exit code.

    An unexpected error never shows a family a traceback: they get a plain apology (answers are
    saved after each one is accepted). ``PLANNER_DEBUG=1`` shows the details to a developer.
    """
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        print()
        return 130
    except Exception:
        if os.environ.get("PLANNER_DEBUG"):
            raise
        from planner.i18n import texts_for

        print(texts_for().get("cli.crashed"), file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    command = args.command or "plain"
    if command in STORE_COMMANDS and not getattr(args, "workshop", False):
        refused = _unlock_store(args, command)
        if refused is not None:
            return refused
    if command == "check" and args.pack:
        return _check_pack(args.pack)
    if command == "check":
        return _check(args.flow)
    if command == "examples":
        return _examples()
    if command == "export":
        return _export(args)
    if command == "schema":
        import json

        from planner.render.jsonio import json_schema

        print(json.dumps(json_schema(), indent=2))
        return 0
    if command == "list":
        return _list(args.data_dir)
    if command == "forget":
        return _forget(args)
    if command == "serve":
        return _serve(args)
    if command in ("workshop", "keyworker"):
        args.keyworker = command == "keyworker"
        return _workshop(args) if command == "workshop" else _app(args)
    if command == "app" or (args.command is None and sys.stdin.isatty()):
        return _app(args)
    return _plain(args.data_dir, args.resume, args.example)


STORE_COMMANDS = frozenset({"plain", "app", "keyworker", "serve", "list", "export"})
"""Commands that read saved plans: an encrypted store asks for its passphrase first."""


def _unlock_store(args: argparse.Namespace, command: str) -> int | None:
    """Ask for the store's passphrase when it needs one (three tries), or for a new one with
    ``--encrypt``. The passphrase is kept in this process (and its browser pages) only."""
    from planner.paths import user_data_dir

    if os.environ.get("PLANNER_PASSPHRASE") or (command == "export" and args.example):
        return None
    data_dir = user_data_dir(args.data_dir)
    exists = (data_dir / "planner.db").exists() or os.environ.get("PLANNER_DATABASE_URL")
    if not exists and not args.encrypt:
        return None  # a first visit: nothing to unlock, and start-up stays quick
    import getpass

    from planner.i18n import texts_for
    from planner.store import open_store
    from planner.store.crypto import MIN_PASSPHRASE
    from planner.store.files import StoreError

    texts = texts_for()
    if args.encrypt:
        chosen = getpass.getpass(texts.get("cli.passphrase_new"))
        again = getpass.getpass(texts.get("cli.passphrase_again"))
        if len(chosen) < MIN_PASSPHRASE or again != chosen:
            print(texts.get("cli.passphrase_not_set"))
            return 2
        try:
            open_store(data_dir, chosen).saved_plans()
        except StoreError as error:
            print(texts.get(error.key, **error.params))
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
            open_store(data_dir, given).saved_plans()
        except StoreError as error:
            print(texts.get(error.key, **error.params))
            continue
        os.environ["PLANNER_PASSPHRASE"] = given
        return None
    print(texts.get("cli.passphrase_give_up"))
    return 2


def _serve(args: argparse.Namespace) -> int:
    from planner.paths import user_data_dir
    from planner.web.server import PlannerServer

    keyworker_check = None
    if args.keyworker:
        import getpass

        from planner.i18n import texts_for
        from planner.store.crypto import MIN_PASSPHRASE, passphrase_check

        texts = texts_for()
        chosen = os.environ.get("PLANNER_KEYWORKER_PASSPHRASE") or getpass.getpass(
            texts.get("cli.keyworker_new")
        )
        if len(chosen) < MIN_PASSPHRASE:
            print(texts.get("cli.passphrase_not_set"))
            return 2
        keyworker_check = passphrase_check(chosen)
    PlannerServer(
        args.host,
        args.port,
        data_dir=None if args.workshop else user_data_dir(args.data_dir),
        workshop=args.workshop,
        keyworker_check=keyworker_check,
    ).serve()
    return 0


def _workshop(args: argparse.Namespace) -> int:
    """A facilitated session: in memory only, projector colours, facilitator notes, reset."""
    from planner.library import Library
    from planner.tui.app import PlannerApp

    PlannerApp(
        theme=f"planner-{args.theme}",
        library=Library(None),
        workshop=True,
        example=args.example,
    ).run()
    return 0


def _end_with_parent() -> None:
    """A served app ends if its server dies (Linux): its answers are already saved."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG


def _app(args: argparse.Namespace) -> int:
    from planner.i18n import texts_for
    from planner.library import Library
    from planner.paths import user_data_dir
    from planner.tui.app import PlannerApp

    web_token = os.environ.get("PLANNER_WEB_SESSION") or None
    if web_token:
        _end_with_parent()
    if web_token and os.environ.get("PLANNER_WORKSHOP"):
        # A page in a workshop room: its own plan, in memory only, gone when the page closes.
        from planner.session import open_session

        PlannerApp(open_session(None), theme=f"planner-{args.theme}").run()
        return 0
    data_dir = user_data_dir(args.data_dir)
    theme = f"planner-{args.theme}"
    library = Library(data_dir, web_token=web_token)
    # In a browser page, the caseload is there only if the server was started for a keyworker.
    from planner.store.crypto import KEYWORKER_CHECK_ENV

    keyworker = args.keyworker or bool(web_token and os.environ.get(KEYWORKER_CHECK_ENV))
    if args.keyworker or (not args.resume and not web_token):
        # The welcome (or the list of saved plans) is drawn first; the core loads after.
        app = PlannerApp(
            theme=theme,
            saved=_saved_plans(data_dir),
            library=library,
            keyworker=keyworker,
        )
    else:
        from planner.session import open_session
        from planner.store.files import StoreError

        try:
            session = open_session(data_dir, resume=args.resume, web_token=web_token)
        except StoreError as error:
            if not web_token:
                print(texts_for().get(error.key, **error.params))
                return 2
            session = open_session(data_dir, web_token=None)
            session.web_token = web_token
        app = PlannerApp(session, theme=theme, library=library, keyworker=keyworker)
    code = app.run()
    if code and not web_token:
        print(texts_for().get("ui.quit_saved", code=code))
    return 0


def _saved_plans(data_dir: Path) -> list[SavedPlan]:
    """Plans saved here, to offer at the start (none if there is no database yet)."""
    if not (data_dir / "planner.db").exists() and not os.environ.get("PLANNER_DATABASE_URL"):
        return []  # a first visit: keep start-up quick
    from planner.store import open_store
    from planner.store.files import StoreError

    try:
        return open_store(data_dir).saved_plans()
    except StoreError:
        return []


def _check(flow: str | None) -> int:
    from planner.dialogue.checker import check_flow

    report = check_flow(flow)
    for note in report.notes:
        print(f"note: {note}")
    _readability()
    if not report.ok:
        print(f"The flow has {len(report.problems)} problem(s):")
        for problem in report.problems:
            print(f"  - {problem}")
        return 1
    print(
        f"All good: flow '{report.flow_id}' has {report.nodes} nodes and {report.questions} "
        f"questions; texts checked in {', '.join(report.locales)}."
    )
    return 0


def _readability() -> None:
    from planner.content.readability import MAX_SENTENCE, MIN_EASE, family_texts

    readings = family_texts()
    eases = [r.ease for r in readings if r.ease is not None]
    hard = [r for r in readings if not r.ok]
    print(
        f"Readability: {len(readings)} texts; reading ease lowest {min(eases):.1f}, "
        f"average {sum(eases) / len(eases):.1f} (target {MIN_EASE:.0f} or more); "
        f"longest sentence {max(r.longest for r in readings)} words (target {MAX_SENTENCE})."
    )
    for reading in hard:
        ease = f"{reading.ease:.0f}" if reading.ease is not None else "-"
        print(f"note: hard to read: {reading.source} (ease {ease}, longest {reading.longest})")


def _check_pack(path: str) -> int:
    from pathlib import Path

    from planner.domain.packs import PackError, parse_pack

    try:
        pack = parse_pack(Path(path).read_text(encoding="utf-8"), path)
    except OSError as error:
        print(f"Could not read {path}: {error.strerror}")
        return 1
    except PackError as error:
        print(f"The pack has {len(error.problems)} problem(s):")
        for problem in error.problems:
            print(f"  - {problem}")
        return 1
    print(
        f"All good: pack '{pack.id}' has {len(pack.questions)} questions, {len(pack.bands)} "
        f"bands and {len(pack.catalogue)} example prices; the most points are {pack.max_points()}."
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from planner.examples import example_plan, find_example
    from planner.i18n import SOURCE_LOCALE, shipped_locales, texts_for
    from planner.paths import user_data_dir
    from planner.render.export import Format, render
    from planner.store import open_store
    from planner.store.files import StoreError, atomic_write

    texts = texts_for()
    if args.example:
        example = find_example(args.example)
        if example is None:
            print(texts.get("cli.no_example", id=args.example))
            return 2
        plan, language = example_plan(example), SOURCE_LOCALE
    else:
        try:
            state = open_store(user_data_dir(args.data_dir)).load(args.plan.strip())
        except StoreError as error:
            print(texts.get(error.key, **error.params))
            return 2
        plan, language = state.plan, state.locale
    language = args.locale or language
    if language not in shipped_locales():
        print(texts.get("cli.no_language", code=language, known=", ".join(shipped_locales())))
        return 2
    output = Path(args.output)
    try:
        data = render(plan, Format(args.format), language, with_english=args.with_english)
        atomic_write(output, data)
    except OSError as error:
        print(texts.get("cli.export_failed", path=str(output), reason=error.strerror or ""))
        return 1
    print(texts.get("cli.exported", path=str(output)))
    return 0


def _examples() -> int:
    from planner.examples import load_examples

    for example in load_examples():
        print(f"{example.id}: {example.title}")
    return 0


def _list(data_dir: str | None) -> int:
    from planner.i18n import format_moment, texts_for
    from planner.paths import user_data_dir
    from planner.store import open_store
    from planner.store.files import StoreError

    texts = texts_for()
    try:
        plans = open_store(user_data_dir(data_dir)).saved_plans()
    except StoreError as error:
        print(texts.get(error.key, **error.params))
        return 2
    if not plans:
        print(texts.get("cli.no_plans"))
        return 0
    from planner.dialogue.loader import load_flow

    flow = load_flow()
    for saved in plans:
        name = saved.child_name or texts.get("word.no_name")
        changed = format_moment(saved.updated, texts.locale)
        node = flow.nodes.get(saved.node)
        step = flow.step_of(saved.node) if node else None
        where = (
            texts.get(step.title)
            if step
            else texts.get(f"cli.at_{node.step if node else 'welcome'}")
        )
        print(
            texts.get("cli.plan_line", code=saved.plan_id, name=name, step=where, changed=changed)
        )
    return 0


def _forget(args: argparse.Namespace) -> int:
    from planner.i18n import texts_for
    from planner.paths import user_data_dir
    from planner.store import open_store
    from planner.store.files import StoreError

    texts = texts_for()
    if not args.yes:
        print(texts.get("cli.forget_ask"))
        answer = sys.stdin.readline().strip()
        if answer != texts.get("cli.forget_word"):
            print(texts.get("cli.forget_kept"))
            return 1
    try:
        open_store(user_data_dir(args.data_dir)).forget()
    except StoreError as error:
        print(texts.get(error.key, **error.params))
        return 2
    print(texts.get("cli.forgotten"))
    return 0


def _plain(data_dir: str | None, resume: str | None, example: str | None) -> int:
    from planner.dialogue.conversation import Conversation
    from planner.dialogue.loader import load_flow
    from planner.i18n import texts_for
    from planner.paths import user_data_dir
    from planner.plain.runner import PlainRunner
    from planner.store import open_store
    from planner.store.files import StoreError

    store = open_store(user_data_dir(data_dir))
    flow = load_flow()
    state = None
    if resume:
        try:
            state = store.load(resume.strip())
        except StoreError as error:
            print(texts_for().get(error.key, **error.params))
            return 2
    conversation = Conversation(flow, state)
    if example:
        from planner.examples import apply_example, find_example

        found = find_example(example)
        if found is None:
            print(texts_for().get("cli.no_example", id=example))
            return 2
        apply_example(conversation, found)
    runner = PlainRunner(conversation, iter(sys.stdin), _write, store)
    return runner.run()


def _write(text: str) -> None:
    print(text, flush=True)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
