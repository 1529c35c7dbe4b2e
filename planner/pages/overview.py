"""Where the family is and what they have: the seven steps as a task list, "check your
answers" for a step, what is still missing, and the plan itself to download."""

from __future__ import annotations

import contextlib

from planner.dialogue import progress
from planner.pages.html import Download, Redirect, Reply
from planner.pages.visit import Visit


def download_links(visit: Visit) -> list[tuple[str, str]]:
    """A link for each way to save the plan: (address, words)."""
    from planner.services.exporting import choices

    return [
        (f"{visit.base}/download/{c.value}", visit.t(c.key, **c.params))
        for c in choices(visit.conv.locale, notes=False)
    ]


def download(visit: Visit, value: str) -> Reply:
    """The plan as a file, in the format asked for (anything else: back to the plan)."""
    from planner.services.exporting import choices, plan_file

    if value not in {c.value for c in choices(visit.conv.locale, notes=False)}:
        return Redirect(visit.base + "/")
    made = plan_file(visit.session, value)
    return Download(made.data, made.name, made.media_type)


def steps(visit: Visit) -> Reply:
    """The seven steps as a task list, each with how far the family has got."""
    rows = [
        (
            f"{visit.base}/check/{s.step.id}",
            s.step.number,
            s.title,
            s.status.value,
            visit.t(f"status.{s.status.value}"),
        )
        for s in progress.steps(visit.conv)
    ]
    title = visit.t("page.steps_title")
    return visit.page("steps.html.j2", title, rows=rows)


def check(visit: Visit, step_id: str) -> Reply:
    """Check your answers for one step, each with a Change button."""
    conv = visit.conv
    step = next((s for s in conv.flow.steps if s.id == step_id), None)
    if step is None:
        return Redirect(visit.base + "/steps")
    title = visit.t("page.check_title", number=step.number, title=conv.t(step.title))
    return visit.page(
        "check.html.j2",
        title,
        rows=progress.check_rows(conv, step_id),
        step=step.id,
    )


def jump(visit: Visit) -> Reply:
    """Go to the start of a step."""
    try:
        visit.conv.jump(visit.value("step"))
    except KeyError:
        return Redirect(visit.base + "/steps")
    return Redirect(visit.base + "/")


def change(visit: Visit) -> Reply:
    """Go to an earlier answer to change it, then come back to where the family was."""
    with contextlib.suppress(KeyError):
        visit.conv.change(visit.value("change"))
    return Redirect(visit.base + "/")


def ready(visit: Visit) -> Reply:
    """What the plan still needs before it is ready to share, each with where to add it."""
    rows = progress.missing_rows(visit.conv)
    title = visit.t("page.ready_title")
    return visit.page("ready.html.j2", title, rows=rows)


def finish(visit: Visit) -> Reply:
    """The end: the plan so far, to download in every format, and what is still missing."""
    from planner.dialogue.summary import draft_summary

    conv = visit.conv
    lines = draft_summary(conv)
    title = visit.t("page.finish_title")
    return visit.page(
        "finish.html.j2",
        title,
        lines=[line.removeprefix("- ") for line in lines[1:]],
        downloads=download_links(visit),
        missing=len(progress.missing_rows(conv)),
        saved=visit.session.store is not None,
        code=visit.session.code,
    )
