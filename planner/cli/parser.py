"""The ``planner`` command's words: every sub-command and option."""

from __future__ import annotations

import argparse

THEMES = ["calm", "contrast", "large"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Support Planner: plan a personal budget for a disabled child or young person.",
    )
    parser.add_argument(
        "--data-dir",
        help="folder for saved plans (default: PLANNER_DATA_DIR, else your user data folder)",
    )
    parser.add_argument("--resume", metavar="CODE", help="carry on with a saved plan")
    parser.add_argument("--theme", choices=THEMES, default="calm", help="colours")
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
    check.add_argument(
        "--rules", metavar="PATH", help="check this rules table with the flow (not the shipped one)"
    )

    app = sub.add_parser(
        "app", parents=[data_dir], help="the planner in this terminal (the default)"
    )
    app.add_argument("--resume", metavar="CODE", default=argparse.SUPPRESS, help="a saved plan")
    app.add_argument("--theme", choices=THEMES, default=argparse.SUPPRESS, help="colours")

    keyworker = sub.add_parser(
        "keyworker", parents=[data_dir], help="the caseload: every family's plan, with notes"
    )
    keyworker.add_argument("--theme", choices=THEMES, default=argparse.SUPPRESS, help="colours")

    workshop = sub.add_parser(
        "workshop", help="a facilitated group session on a projector: nothing is saved"
    )
    workshop.add_argument("--example", metavar="ID", help="start with an example family")
    workshop.add_argument("--theme", choices=THEMES, default="large", help="colours")

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
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="another name or address browsers may use for this server (a proxy's, say)",
    )
    serve.add_argument(
        "--behind-proxy",
        action="store_true",
        help="a proxy in front serves HTTPS: pages then use https and wss (see docs/proxy.md)",
    )
    serve.add_argument(
        "--max-pages",
        type=int,
        default=40,
        metavar="N",
        help="pages open at once; beyond, a page says the room is full (40)",
    )

    sub.add_parser("examples", help="list the example families")

    export = sub.add_parser("export", parents=[data_dir], help="save a plan as a document")
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--plan", metavar="CODE", help="a saved plan's code")
    which.add_argument("--example", metavar="ID", help="an example family")
    export.add_argument("--format", required=True, choices=["md", "html", "docx", "pdf", "json"])
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
