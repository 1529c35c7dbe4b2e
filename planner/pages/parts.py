"""Parts many pages share: which step a question is in, its "tell me more", and a form from
an older page."""

from __future__ import annotations

from planner.dialogue.prompt import Notice, Prompt
from planner.pages.html import Redirect, Reply, markdown
from planner.pages.visit import Visit


def caption(visit: Visit, prompt: Prompt) -> str:
    """Which step the question is in ("Step 2 of 7: Make my plan")."""
    if prompt.step is None:
        return ""
    total = len(visit.conv.flow.steps)
    return visit.t(
        "page.step_caption", number=prompt.step.number, total=total, title=prompt.step_title
    )


def more_html(visit: Visit, page: str | None) -> object:
    """A question's "tell me more" as HTML, or None when it has none."""
    text = visit.conv.more_text(page) if page else None
    return markdown(text, shift=1) if text else None


def out_of_date(visit: Visit) -> Reply | None:
    """When a form was sent from an older page (another tab, the browser's Back): nothing is
    changed, and the family is shown where the plan is now, with a word why. None when the
    form is for the question the plan is at."""
    if visit.value("node") == visit.conv.node_id:
        return None
    visit.family.said = [Notice(visit.t("page.moved_on"), serious=False)]
    return Redirect(visit.base + "/")
