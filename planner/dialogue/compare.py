"""The four ways to manage the money side by side, fitted to this family, where they choose.

The fit is the domain's (:func:`planner.domain.fit.assess`): the law first (a bar rules a way
out whatever the family prefers), then what the family has said. Here it is put into words for
the conversation: each way with how well it fits and why, the legal reasons first, and which
way looks best for them and why. The same words serve every front end (they come as notices on
the question) and the ``compare`` command.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.dialogue.conversation import Conversation
    from planner.domain.fit import Compared
    from planner.domain.models import Plan


def _fits(conv: Conversation) -> tuple[Compared, dict[str, str]]:
    """How each way fits, and each way's name as the money question says it."""
    from planner.domain.fit import compare

    names = {c.value: c.label for c in conv.choices(conv.flow.nodes["money_option"])}
    return compare(conv.plan, conv.today), names


def fit_lines(conv: Conversation) -> list[str]:
    """The comparison in short, for the plan so far: each way with how well it fits, and the
    way that looks best."""
    found, names = _fits(conv)
    lines = [
        conv.t(
            "compare.short",
            way=names.get(f.option.value, f.option.value),
            level=conv.t(f"compare.level.{f.said_level}"),
        )
        for f in found.fits
    ]
    if found.best is not None:
        lines.append(conv.t("compare.short_best", way=names.get(found.best.option.value, "")))
    return lines


def comparison(conv: Conversation) -> list[tuple[str, bool]]:
    """The comparison, as paragraphs to show before the question, each with whether it is
    serious: a heading, one for each way (how well it fits, then why, the law first), and the
    way that looks best."""
    from planner.domain.fit import say

    found, names = _fits(conv)
    shown = [(conv.t("compare.heading"), False)]
    for number, fit in enumerate(found.fits, start=1):
        line = conv.t(
            "compare.way",
            number=number,
            way=names.get(fit.option.value, fit.option.value),
            level=conv.t(f"compare.level.{fit.said_level}"),
        )
        reasons = [say(r, conv.t) for r in fit.in_order]
        shown.append((" ".join([line, *reasons]), fit.barred))  # the law, not a preference
    if found.best is None:  # once the two "not sure" questions are answered, no third round
        money = conv.plan.money
        asked = money.time is not None or money.local_help is not None
        shown.append((conv.t("compare.none_best_again" if asked else "compare.none_best"), False))
    else:
        way = names.get(found.best.option.value, found.best.option.value)
        why = conv.t(found.why.key) if found.why else ""
        shown.append((conv.t("compare.best", way=way, why=why), False))
    return shown


def stream_comparison(conv: Conversation) -> list[tuple[str, bool]]:
    """For a mix, before each part's way is chosen: a heading, then how each way fits each
    funding stream's support (see :func:`by_stream_said`)."""
    return [
        (conv.t("compare.streams_heading"), False),
        *by_stream_said(conv.plan, conv.today, conv.t),
    ]


def by_stream_said(plan: Plan, today: date, t: Callable[..., str]) -> list[tuple[str, bool]]:
    """For each funding stream, how each way would fit its support on its own (what the law
    says first) and the way that looks best for it and why: one paragraph per stream, with
    whether the law rules a way out. The conversation shows these where a mix is split and the
    plan prints the same words."""
    from planner.domain.fit import by_stream, part_way, say

    shown = []
    for part in by_stream(plan, today):
        said = []
        for fit in part.compared.fits:
            way = t(f"opt.item_management.{part_way(part.stream, fit.option).value}")
            level = t(f"compare.level.{fit.said_level}")
            legal = [say(r, t) for r in fit.in_order if r.rule is not None]
            said.append(" ".join([t("compare.stream_way", way=way, level=level), *legal]))
        top, why = part.compared.best, part.compared.why
        if top is None:
            said.append(t("compare.stream_none"))
        else:
            way = t(f"opt.item_management.{part_way(part.stream, top.option).value}")
            said.append(t("compare.best", way=way, why=t(why.key) if why else ""))
        stream = t(f"opt.funding_stream.{part.stream.value}")
        items = "; ".join(i.what for i in plan.support_items if i.funding_stream is part.stream)
        barred = any(fit.barred for fit in part.compared.fits)
        words = t("compare.stream", stream=stream, items=items, ways=" ".join(said))
        shown.append((words, barred))
    return shown
