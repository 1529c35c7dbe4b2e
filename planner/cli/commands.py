"""The sub-commands that print and finish: export, examples, schema, list, forget."""

from __future__ import annotations

import argparse
import sys

from planner.cli.unlock import Refused, open_plans, said_plainly
from planner.i18n import texts_for


def export(args: argparse.Namespace) -> int:
    """Save a saved plan, or an example family's, as a document."""
    from pathlib import Path

    from planner.i18n import SOURCE_LOCALE, shipped_locales
    from planner.render.export import Format
    from planner.services.examples import example_plan, find_example
    from planner.services.exporting import write_plan

    texts = texts_for()
    if args.example:
        example = find_example(args.example)
        if example is None:
            print(texts.get("cli.no_example", id=args.example))
            return 2
        plan, language, state = example_plan(example), SOURCE_LOCALE, None
    else:
        try:
            with said_plainly():
                state = open_plans(args.data_dir).load(args.plan.strip())
        except Refused:
            return 2
        plan, language = state.plan, state.locale
    language = args.locale or language
    if language not in shipped_locales():
        print(texts.get("cli.no_language", code=language, known=", ".join(shipped_locales())))
        return 2
    output = Path(args.output)
    try:
        fmt, both = Format(args.format), args.with_english
        write_plan(plan, fmt, language, output, with_english=both, state=state)
    except OSError as error:
        print(texts.get("cli.export_failed", path=str(output), reason=error.strerror or ""))
        return 1
    print(texts.get("cli.exported", path=str(output)))
    return 0


def examples(args: argparse.Namespace) -> int:
    """List the example families."""
    from planner.services.examples import load_examples

    for example in load_examples():
        print(f"{example.id}: {example.title}")
    return 0


def schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of plan files."""
    import json

    from planner.render.jsonio import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def list_plans(args: argparse.Namespace) -> int:
    """List the saved plans: code, name, how far each has got, when it last changed."""
    from planner.i18n import format_moment

    texts = texts_for()
    try:
        with said_plainly():
            plans = open_plans(args.data_dir).saved_plans()
    except Refused:
        return 2
    if not plans:
        print(texts.get("cli.no_plans"))
        return 0
    from planner.dialogue.loader import load_flow
    from planner.services.caseload import step_reached, step_words

    flow = load_flow()
    for saved in plans:
        name = saved.child_name or texts.get("word.no_name")
        changed = format_moment(saved.updated, texts.locale)
        where = step_words(texts, step_reached(flow, saved.node), flow)
        print(
            texts.get("cli.plan_line", code=saved.plan_id, name=name, step=where, changed=changed)
        )
    return 0


def forget(args: argparse.Namespace) -> int:
    """Delete every saved plan, after the person types the word asked for."""
    texts = texts_for()
    if not args.yes:
        print(texts.get("cli.forget_ask"))
        answer = sys.stdin.readline().strip()
        if answer != texts.get("cli.forget_word"):
            print(texts.get("cli.forget_kept"))
            return 1
    try:
        with said_plainly():
            open_plans(args.data_dir).forget()
    except Refused:
        return 2
    print(texts.get("cli.forgotten"))
    return 0
