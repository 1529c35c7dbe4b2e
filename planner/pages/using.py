"""Once the plan is in use: key dates worked out from the dates a family knows, and reviews
(step 7), each kept with the plan, with a summary to download and the next version to start.

The forms are read by the core (:mod:`planner.dialogue.timeline_form`,
:mod:`planner.dialogue.review_form`), exactly as the terminal app reads its own.
"""

from __future__ import annotations

from planner.dialogue.review_form import BOXES, LONG_BOXES, PROGRESS, read_review
from planner.dialogue.timeline_form import (
    DATE_FIELDS,
    DateProblem,
    dated_lines,
    plan_key_dates,
    read_dates,
)
from planner.domain.errors import InputError
from planner.pages.fields import box
from planner.pages.html import Download, Problems, Redirect, Reply
from planner.pages.visit import Visit

MAX_BOX = 5000
"""Characters taken from one box."""
MAX_FIELD = 200
"""Characters taken from a date box."""
CONTROLS = {"held": "date", "months": "number", "spent": "money"}
"""The review's boxes that are not a few sentences (those are ``LONG_BOXES``)."""


def key_dates(visit: Visit) -> Reply:
    """The dates the family knows (a form sent to this same page) and the dates that follow."""
    conv = visit.conv
    typed = {name: visit.query.get(name, "")[:MAX_FIELD] for name in DATE_FIELDS}
    problems = Problems()
    dates: list[tuple[str, str]] = []
    if "sent" in visit.query:
        try:
            found = read_dates(typed, conv.today)
        except DateProblem as problem:
            problems.add(visit.t(problem.key, **problem.params), problem.field)
        except InputError as error:  # no date given at all
            problems.add(visit.t(error.key, **error.params), DATE_FIELDS[0])
        else:
            dates = dated_lines(plan_key_dates(conv.plan, found, conv.today), conv.t, conv.locale)
    title = visit.t("ui.dates_title")
    return visit.page(
        "dates.html.j2",
        title,
        problems=problems,
        intro=visit.t("ui.dates_intro"),
        fields=[box(n, "date", visit.t(f"ui.dates_{n}"), typed[n]) for n in DATE_FIELDS],
        dates=dates,
    )


def _control(name: str) -> str:
    """How a review's box is answered: a few sentences, a date, a number or an amount."""
    return "textarea" if name in LONG_BOXES else CONTROLS[name]


def review_form(
    visit: Visit, *, problems: Problems | None = None, boxes: dict[str, str] | None = None
) -> Reply:
    """Record a review: how each outcome is going, what is working and what should change."""
    conv = visit.conv
    boxes = boxes if boxes is not None else {"held": conv.today.strftime("%d/%m/%Y")}
    title = visit.t("ui.review_title")
    scale = [(value, visit.t(f"opt.progress.{value}")) for value in PROGRESS]

    def chosen(outcome: str) -> str:
        return boxes.get(f"progress-{outcome}", "")

    fields = {
        name: box(name, _control(name), visit.t(f"ui.review_{name}"), boxes.get(name, ""))
        for name in BOXES
    }
    outcomes = [
        (
            box(
                f"progress-{o.id}",
                "radios",
                o.what,
                options=scale,
                chosen=[boxes.get(f"progress-{o.id}", "")],
            ),
            box(f"note-{o.id}", "text", visit.t("ui.review_note"), boxes.get(f"note-{o.id}", "")),
        )
        for o in conv.plan.outcomes
    ]
    return visit.page(
        "review.html.j2",
        title,
        problems=problems,
        held=fields.pop("held"),
        boxes=list(fields.values()),
        outcomes=outcomes,
    )


def keep_review(visit: Visit) -> Reply:
    """Keep the review sent (every box is checked at once; what was typed is kept)."""
    conv = visit.conv
    sent = {name: visit.value(name)[:MAX_BOX] for name in BOXES}
    progress = {o.id: visit.value(f"progress-{o.id}") for o in conv.plan.outcomes}
    notes = {o.id: visit.value(f"note-{o.id}")[:MAX_BOX] for o in conv.plan.outcomes}
    review, found = read_review(conv.plan, sent, progress, notes, conv.today, locale=conv.locale)
    if review is None:
        problems = Problems()
        for name in [*BOXES, *(f"note-{o.id}" for o in conv.plan.outcomes)]:
            if name in found:
                problems.add(visit.t(found[name].key, **found[name].params), name)
        kept = {
            **sent,
            **{f"progress-{k}": v for k, v in progress.items()},
            **{f"note-{k}": v for k, v in notes.items()},
        }
        return review_form(visit, problems=problems, boxes=kept)
    visit.session.keep_review(review)
    return Redirect(visit.base + "/reviewed")


def reviewed(visit: Visit) -> Reply:
    """After a review: its summary to download, or the next version of the plan to start."""
    from planner.services.exporting import format_choices

    if not visit.conv.plan.reviews:
        return Redirect(visit.base + "/review")
    title = visit.t("ui.review_done_title")
    links = [
        (f"{visit.base}/review-file/{c.value}", visit.t(c.key, **c.params))
        for c in format_choices()
        if c.value != "json"
    ]
    return visit.page(
        "reviewed.html.j2",
        title,
        intro=visit.t("ui.review_done_intro"),
        downloads=links,
    )


def review_file(visit: Visit, value: str) -> Reply:
    """The latest review's summary as a file."""
    from planner.services.exporting import FORMATS, review_file

    plan = visit.conv.plan
    if not plan.reviews or value not in FORMATS or value == "json":
        return Redirect(visit.base + "/reviewed")
    made = review_file(plan, plan.reviews[-1], value, visit.conv.locale)
    return Download(made.data, made.name, made.media_type)


def next_version(visit: Visit) -> Reply:
    """Start the next version of the plan, back at step 1 with every answer kept."""
    from planner.dialogue.prompt import Notice

    old = visit.session.start_next_version()
    words = visit.t("ui.review_new_version", new=old + 1, old=old)
    visit.family.said = [Notice(words, serious=False)]
    return Redirect(visit.base + "/")
