"""The ``planner`` command: parse, unlock the store if it needs it, and hand over to the
sub-command named in the dispatch table.

Kept light: argparse only; each sub-command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from planner.cli import check, commands, run
from planner.cli.parser import build_parser
from planner.cli.unlock import STORE_COMMANDS, unlock_store

Handler = Callable[[argparse.Namespace], int]

HANDLERS: dict[str, Handler] = {
    "app": run.app,
    "keyworker": run.keyworker,
    "workshop": run.workshop,
    "plain": run.plain,
    "serve": run.serve,
    "check": check.check,
    "examples": commands.examples,
    "export": commands.export,
    "schema": commands.schema,
    "list": commands.list_plans,
    "forget": commands.forget,
}
"""Each sub-command and what runs it."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``planner`` command; returns the exit code.

    An unexpected error never shows a family a traceback: they get a plain apology (answers are
    saved after each one is accepted). ``PLANNER_DEBUG=1`` shows the details to a developer.
    """
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        print()
        return 130
    except BrokenPipeError:  # the reader went away (``planner list | head``): nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception:
        if os.environ.get("PLANNER_DEBUG"):
            raise
        from planner.i18n import texts_for

        print(texts_for().get("cli.crashed"), file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    command = args.command or ("app" if sys.stdin.isatty() else "plain")
    if command in STORE_COMMANDS and not getattr(args, "workshop", False):
        refused = unlock_store(args, command)
        if refused is not None:
            return refused
    return HANDLERS[command](args)
