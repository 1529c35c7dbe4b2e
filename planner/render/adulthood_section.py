"""The transition plan, from Year 9: the young person's hopes for adult life, their outcomes in
the four Preparing for Adulthood areas, the dates ahead, and what changes at 18, each change
with the law it comes from (see :mod:`planner.domain.adulthood`)."""

from __future__ import annotations

from planner.domain.adulthood import changes, dates_ahead, outcomes_by_area
from planner.domain.rules import from_year_9
from planner.render.model import Section, Table
from planner.render.phrasing import Phrasing


def adulthood_section(w: Phrasing) -> list[Section]:
    """The section, for a plan from Year 9 on; none before."""
    plan = w.plan
    if not from_year_9(plan, w.today):
        return []
    section = Section(w.t("doc.adulthood"), id="adulthood", paragraphs=[w.t("doc.adulthood_intro")])
    hopes = plan.adult_life.strip() or w.t("doc.adult_hopes_none")
    section.parts.append(Section(w.t("doc.adult_hopes"), 3, [hopes]))
    rows = [
        [w.label("area", area), "; ".join(o.what for o in found) or w.t("doc.adult_no_outcome")]
        for area, found in outcomes_by_area(plan)
    ]
    header = [w.t("doc.area"), w.t("doc.outcome")]
    outcomes = Section(w.t("doc.adult_outcomes"), 3)
    outcomes.tables.append(Table(w.t("doc.adult_outcomes_table"), header, rows))
    section.parts.append(outcomes)
    ahead = dates_ahead(plan, w.today)
    if ahead:
        dates = Section(w.t("doc.adult_dates"), 3, notes=[w.t("timeline.check")])
        header = [w.t("doc.adult_date"), w.t("doc.adult_happens")]
        rows = [[w.date(found.day), w.t(found.key)] for found in ahead]
        dates.tables.append(Table(w.t("doc.adult_dates_table"), header, rows))
        section.parts.append(dates)
    section.parts.append(
        Section(
            w.t("doc.adult_changes"),
            3,
            items=[
                w.sourced(w.t(f"adult.{change.key}"), change.source) for change in changes(plan)
            ],
        )
    )
    return [section]
