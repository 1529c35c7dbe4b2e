"""Parts many pages share: which step a question is in, and its "tell me more"."""

from __future__ import annotations

from planner.dialogue.prompt import Prompt
from planner.pages.html import markdown
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
