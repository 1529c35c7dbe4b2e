"""A short summary of the draft plan, in words, for the end of a conversation."""

from __future__ import annotations

from decimal import Decimal

from planner.dialogue.conversation import Conversation
from planner.domain.budget import StreamTotal, describe_budget, describe_gap, totals
from planner.domain.readiness import seven_questions

GAP_KEYS = ("summary.over", "summary.under", "summary.equal", "summary.no_budget")


def gap_words(conversation: Conversation, gap: Decimal | None) -> str:
    """Over, under or matching the budget, in words."""
    return describe_gap(gap, conversation.t, conversation.money, GAP_KEYS)


def stream_line(conversation: Conversation, part: StreamTotal) -> str:
    """One funding stream's budget and cost, in words."""
    t = conversation.t
    name = t(f"opt.funding_stream.{part.stream.value}") if part.stream else t("summary.no_stream")
    budget = describe_budget(part, t, conversation.money)
    return t(
        "summary.stream",
        stream=name,
        budget=budget,
        cost=conversation.money(part.cost),
        gap=gap_words(conversation, part.gap),
    )


def money_lines(conversation: Conversation) -> list[str]:
    """Totals per funding stream and per way of managing the money, against the budget."""
    t = conversation.t
    found = totals(conversation.plan)
    lines = [t("summary.cost_total", amount=conversation.money(found.cost))]
    if found.budget:
        lines.append(t("summary.budget_total", amount=conversation.money(found.budget)))
        lines.append(gap_words(conversation, found.gap))
    else:
        lines.append(t("summary.budget_unknown"))
    lines += [
        stream_line(conversation, part)
        for part in found.streams
        if part.cost or part.budget is not None
    ]
    for how, cost in found.by_management.items():
        label = t(f"opt.item_management.{how.value}")
        lines.append(t("summary.managed", how=label, cost=conversation.money(cost)))
    return lines


def draft_summary(conversation: Conversation) -> list[str]:
    """Lines describing the draft plan: who it is for, the seven questions, and the money."""
    t = conversation.t
    plan = conversation.plan
    lines = [t("plain.summary_heading"), t("plain.summary_draft")]
    lines.append(t("summary.child", name=plan.child.display_name(t("word.your_child"))))
    for number, (key, answered) in enumerate(seven_questions(plan), start=1):
        status = t("question.answered") if answered else t("question.missing")
        lines.append(f"{number}. {t(f'question.{key}')} ({status})")
    lines += money_lines(conversation)
    from planner.dialogue.compare import fit_lines

    lines += [t("summary.fits"), *fit_lines(conversation)]
    if plan.money.option is not None:
        option = t(f"opt.management.{plan.money.option.value}")
        lines.append(t("summary.option", option=option))
    return lines
