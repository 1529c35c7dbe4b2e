"""``planner check``: a flow and its texts, or an allocation pack; and how readable texts are."""

from __future__ import annotations

import argparse


def check(args: argparse.Namespace) -> int:
    """Check a flow and its texts (or, with ``--pack``, an allocation pack)."""
    if args.pack:
        return _check_pack(args.pack)
    return _check_flow(args.flow, args.rules)


def _check_flow(flow: str | None, rules: str | None = None) -> int:
    from pathlib import Path

    from planner.dialogue.checker import check_flow

    report = check_flow(flow, Path(rules) if rules else None)
    for note in report.notes:
        print(f"note: {note}")
    _readability()
    if not report.ok:
        print(f"The flow or its rules have {len(report.problems)} problem(s):")
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
