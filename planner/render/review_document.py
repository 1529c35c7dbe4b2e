"""A review's summary as a document model (step 7 in use)."""

from __future__ import annotations

from datetime import date

from planner.domain.models import Plan, PlanReview
from planner.domain.people import plan_costs
from planner.i18n import texts_for
from planner.render.model import Document, Section, Table
from planner.render.phrasing import Phrasing


def build_review(
    plan: Plan, review: PlanReview, locale: str = "en_GB", today: date | None = None
) -> Document:
    """A review summary (step 7 in use), in one language."""
    from planner.domain.review import spending

    w = Phrasing(plan, texts_for(locale), today or date.today())
    titles = plan.outcome_titles()
    outcomes = Section(w.t("doc.rv_outcomes"), id="review-outcomes")
    rows = [
        [
            titles.get(check.outcome_id, w.t("doc.not_given")),
            w.label("progress", check.progress),
            w.text_or_blank(check.note),
        ]
        for check in review.outcomes
    ]
    header = [w.t("doc.outcome"), w.t("doc.rv_progress"), w.t("doc.rv_note")]
    w.table_or_none(outcomes, Table(w.t("doc.rv_outcomes_table"), header, rows))
    money = Section(w.t("doc.rv_money"), id="review-money")
    spent = spending(plan, review)
    if spent is None and review.spent is not None:  # no months given: nothing to set it against
        money.items = [
            w.t("doc.rv_planned_year", amount=w.money(plan_costs(plan).total)),
            w.t("doc.rv_spent", amount=w.money(review.spent)),
        ]
    elif spent is None:
        money.paragraphs.append(w.t("doc.rv_money_none"))
    else:
        money.items = [
            w.t("doc.rv_planned_year", amount=w.money(spent.planned_year)),
            w.t("doc.rv_expected", amount=w.money(spent.expected), months=review.months),
            w.t("doc.rv_spent", amount=w.money(spent.spent)),
        ]
        key = (
            "doc.rv_over"
            if spent.difference > 0
            else "doc.rv_under"
            if spent.difference
            else "doc.rv_even"
        )
        money.paragraphs.append(w.t(key, amount=w.money(abs(spent.difference))))
    sections = [
        outcomes,
        Section(
            w.t("doc.rv_working"), id="review-working", paragraphs=[w.text_or_blank(review.working)]
        ),
        Section(
            w.t("doc.rv_not_working"),
            id="review-not-working",
            paragraphs=[w.text_or_blank(review.not_working)],
        ),
        money,
        Section(
            w.t("doc.rv_changes"), id="review-changes", paragraphs=[w.text_or_blank(review.changes)]
        ),
    ]
    return Document(
        lang=locale.replace("_", "-"),
        title=w.t("doc.rv_title", name=w.name),
        status=[
            w.t("doc.rv_held", date=w.date(review.held), version=review.plan_version),
            w.t("doc.rv_status"),
        ],
        sections=sections,
    )
