"""The young person's own words, step by step.

When a parent makes the plan for a young person past compulsory school age, the young person's
views come first (Children and Families Act 2014, s19: their views, wishes and feelings, and
their taking part in decisions). So each step starts by asking what the young person says
about it, in their words or as they showed it. A young person making their own plan is not
asked these: every answer is already theirs.
"""

from __future__ import annotations

from planner.domain.fields import LongText, Strict

STEPS = ("budget", "plan", "money", "support", "life", "review")
"""The steps that ask: getting the plan agreed asks for their view of the plan already."""


class OwnWords(Strict):
    """What the young person said at each step, as the parent wrote it down."""

    budget: LongText = ""
    plan: LongText = ""
    money: LongText = ""
    support: LongText = ""
    life: LongText = ""
    review: LongText = ""

    def said(self) -> list[tuple[str, str]]:
        """Each step with what was said there, in the order of the steps; blanks left out."""
        found = [(step, str(getattr(self, step)).strip()) for step in STEPS]
        return [(step, words) for step, words in found if words]
