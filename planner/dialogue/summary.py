"""A short summary of the draft plan, in words, for the end of a conversation."""

from __future__ import annotations

from planner.dialogue.conversation import Conversation
from planner.domain.money import format_money
from planner.domain.readiness import seven_questions


def draft_summary(conversation: Conversation) -> list[str]:
    """Lines describing the draft plan: who it is for, the seven questions, and the money."""
    t = conversation.t
    plan = conversation.plan
    locale = conversation.texts.locale
    lines = [t("plain.summary_heading"), t("plain.summary_draft")]
    lines.append(t("summary.child", name=plan.child.display_name(t("word.your_child"))))
    for number, (key, answered) in enumerate(seven_questions(plan), start=1):
        status = t("question.answered") if answered else t("question.missing")
        lines.append(f"{number}. {t(f'question.{key}')} ({status})")
    budget = plan.budget.known_total()
    cost = plan.total_cost()
    lines.append(
        t("summary.budget_total", amount=format_money(budget, locale))
        if budget
        else t("summary.budget_unknown")
    )
    lines.append(t("summary.cost_total", amount=format_money(cost, locale)))
    if budget:
        gap = cost - budget
        if gap > 0:
            lines.append(t("summary.over", amount=format_money(gap, locale)))
        elif gap < 0:
            lines.append(t("summary.under", amount=format_money(-gap, locale)))
        else:
            lines.append(t("summary.equal"))
    if plan.money.option is not None:
        option = t(f"opt.management.{plan.money.option.value}")
        lines.append(t("summary.option", option=option))
    return lines
