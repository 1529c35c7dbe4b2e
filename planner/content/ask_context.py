"""What an answer to "ask anything" means for the family's own plan.

A general answer ("a close relative who lives with you can be paid only if the council agrees")
is more use with the family's own facts beside it ("your plan has Nan helping for free"). Each
function here reads the plan and returns one or two plain sentences, or nothing when the plan
says nothing that changes the answer. The rules behind them are the planner's own
(:mod:`planner.domain.rules`); here they are only said back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from planner.i18n import format_day, texts_for

if TYPE_CHECKING:
    from planner.domain.models import Plan
    from planner.i18n import Texts

Stems = Callable[[str], list[str]]
"""The stems of a text's words, from the search's own stemmer."""
Say = Callable[["Plan", str, date, "Texts", Stems], str | None]

EMPLOYER_TOPICS = ("become_employer", "employer_duties", "pension", "insurance", "dbs", "pa_absent")


def _child(plan: Plan, t: Texts) -> str:
    return plan.child.display_name(t.get(t.own("ask.yours.your_child", plan.by_young_person)))


def _named_helpers(plan: Plan, question: str, stems: Stems) -> list[str]:
    """Helpers the question names, in full or by the first word of their name, in any of its
    forms ("can we pay nan" names the plan's "Nan"; "czy płacić babci" names "Babcia Ela")."""
    said = f" {' '.join(stems(question))} "
    named = []
    for helper in plan.helpers:
        words = stems(helper.name)
        if words and (f" {' '.join(words)} " in said or f" {words[0]} " in said):
            named.append(helper.id)
    return named


def _pay_family(plan: Plan, question: str, today: date, t: Texts, stems: Stems) -> str | None:
    from planner.domain.vocab import HelperKind, YesNoUnsure

    for helper_id in _named_helpers(plan, question, stems):
        helper = plan.helper(helper_id)
        if helper is None:
            continue
        if helper.kind is HelperKind.UNPAID:
            return t.get("ask.yours.family_unpaid", name=helper.name)
        if helper.kind is HelperKind.EMPLOYED:
            return t.get("ask.yours.family_employed", name=helper.name)
    if plan.money.pay_relative is YesNoUnsure.YES:
        return t.get("ask.yours.relative_at_home")
    return None


def _employer(plan: Plan, question: str, today: date, t: Texts, stems: Stems) -> str | None:
    from planner.domain.vocab import HelperKind

    employed = [h.name for h in plan.helpers if h.kind is HelperKind.EMPLOYED]
    if employed:
        return t.get("ask.yours.employs", names=", ".join(employed))
    others = [
        h.name for h in plan.helpers if h.kind in (HelperKind.AGENCY, HelperKind.SELF_EMPLOYED)
    ]
    if others:
        return t.get("ask.yours.not_employer", names=", ".join(others))
    return None


def _decides(plan: Plan, question: str, today: date, t: Texts, stems: Stems) -> str | None:
    from planner.domain.schooling import compulsory_school_age_ends

    born = plan.child.date_of_birth
    if born is None:
        return None
    ends = compulsory_school_age_ends(born)
    name = _child(plan, t)
    if today > ends:
        return t.get(t.own("ask.yours.decides_now", plan.by_young_person), name=name)
    day = format_day(ends, t.locale)
    return t.get(t.own("ask.yours.decides_from", plan.by_young_person), name=name, day=day)


def _adult(plan: Plan, question: str, today: date, t: Texts, stems: Stems) -> str | None:
    born = plan.child.date_of_birth
    if born is None:
        return None
    from planner.domain.schooling import eighteenth_birthday

    eighteenth = eighteenth_birthday(born)
    name = _child(plan, t)
    if today >= eighteenth:
        return t.get(t.own("ask.yours.adult_now", plan.by_young_person), name=name)
    day = format_day(eighteenth, t.locale)
    return t.get(t.own("ask.yours.adult_from", plan.by_young_person), name=name, day=day)


def _draft(plan: Plan, question: str, today: date, t: Texts, stems: Stems) -> str | None:
    from planner.domain.vocab import EhcpStatus

    if plan.ehcp_status is EhcpStatus.DRAFT_RECEIVED:
        return t.get("ask.yours.draft_now")
    return None


SAYINGS: dict[str, Say] = {
    "pay_family": _pay_family,
    **dict.fromkeys(EMPLOYER_TOPICS, _employer),
    "who_decides_16": _decides,
    "adult_services": _adult,
    "draft_plan_time": _draft,
    "when_ask": _draft,
}
"""FAQ entries whose answer the family's plan can make their own."""


def for_your_plan(
    kind: str, key: str, question: str, *, plan: Plan, today: date, locale: str, stems: Stems
) -> str | None:
    """What the answer ``kind``/``key`` means for this family's plan, if anything."""
    say = SAYINGS.get(key) if kind == "faq" else None
    return say(plan, question, today, texts_for(locale), stems) if say else None
