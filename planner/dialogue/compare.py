"""The four ways to manage the money side by side, fitted to this family, where they choose.

The fit is the domain's (:func:`planner.domain.fit.assess`): the law first (a bar rules a way
out whatever the family prefers), then what the family has said. Here it is put into words for
the conversation: each way with how well it fits and why, the legal reasons first, and which
way looks best for them and why. The same words serve every front end (they come as notices on
the question) and the ``compare`` command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.dialogue.conversation import Conversation
    from planner.domain.fit import Fit, Reason


def _reason(conv: Conversation, reason: Reason) -> str:
    from planner.domain.fit import BAR, NEEDS

    text = conv.t(reason.key)
    if reason.weight <= BAR:
        return conv.t("doc.rule_bar", text=text)
    if reason.weight <= NEEDS:
        return conv.t("doc.rule_needs", text=text)
    return text


def _level(conv: Conversation, fit: Fit) -> str:
    """How well a way fits, in words: "not possible for you now" when the law bars it."""
    from planner.domain.fit import BAR

    barred = any(r.weight <= BAR for r in fit.reasons)
    return conv.t("compare.level.barred" if barred else f"compare.level.{fit.level.value}")


def _score(fit: Fit) -> int:
    return sum(r.weight for r in fit.reasons)


def best(fits: list[Fit]) -> Fit | None:
    """The way that fits best, if one fits well: the law's bars and needs come first, then the
    most reasons for it (the first of the four on a tie)."""
    good = [f for f in fits if f.level.value == "good"]
    if not good:
        return None
    return max(good, key=_score)


def _fits(conv: Conversation) -> tuple[list[Fit], dict[str, str]]:
    """How each way fits, and each way's name as the money question says it."""
    from planner.domain.fit import assess

    names = {c.value: c.label for c in conv.choices(conv.flow.nodes["money_option"])}
    return assess(conv.plan, conv.today), names


def fit_lines(conv: Conversation) -> list[str]:
    """The comparison in short, for the plan so far: each way with how well it fits, and the
    way that looks best."""
    fits, names = _fits(conv)
    lines = [
        conv.t(
            "compare.short",
            way=names.get(f.option.value, f.option.value),
            level=_level(conv, f),
        )
        for f in fits
    ]
    top = best(fits)
    if top is not None:
        lines.append(conv.t("compare.short_best", way=names.get(top.option.value, "")))
    return lines


def comparison(conv: Conversation) -> list[tuple[str, bool]]:
    """The comparison, as paragraphs to show before the question, each with whether it is
    serious: a heading, one for each way (how well it fits, then why, the law first), and the
    way that looks best."""
    from planner.domain.fit import BAR

    fits, names = _fits(conv)
    found = [(conv.t("compare.heading"), False)]
    for number, fit in enumerate(fits, start=1):
        # The law first, then what counts for the way, then what to know or weigh against it.
        reasons = sorted(fit.reasons, key=lambda r: (r.rule is None, -r.weight))
        said = [_reason(conv, r) for r in reasons if r.rule is None or r.weight < 0]
        barred = any(r.weight <= BAR for r in fit.reasons)  # the law, not a preference
        line = conv.t(
            "compare.way",
            number=number,
            way=names.get(fit.option.value, fit.option.value),
            level=_level(conv, fit),
        )
        found.append((" ".join([line, *said]), barred))
    top = best(fits)
    if top is None:  # once the two "not sure" questions are answered, no third round
        money = conv.plan.money
        asked = money.time is not None or money.local_help is not None
        found.append((conv.t("compare.none_best_again" if asked else "compare.none_best"), False))
    else:
        why = next((r for r in top.reasons if r.weight > 0), None)
        way = names.get(top.option.value, top.option.value)
        found.append((conv.t("compare.best", way=way, why=conv.t(why.key) if why else ""), False))
    return found
