"""Every page, by its name in the address: what a visit gets (GET) and what a form sends
(POST). The web server maps requests here and nothing else."""

from __future__ import annotations

from collections.abc import Callable

from planner.pages import caseload, helping, keeping, lists, overview, question, using
from planner.pages.html import Redirect, Reply
from planner.pages.visit import Visit

Page = Callable[[Visit], Reply]

SHOWN: dict[str, Page] = {
    "": question.show,
    "more": question.more,
    "item": lists.item_form,
    "remove": lists.confirm_remove,
    "steps": overview.steps,
    "ready": overview.ready,
    "help": helping.help_page,
    "glossary": helping.glossary,
    "ask": helping.ask,
    "language": helping.language,
    "save": keeping.save,
    "resume": keeping.resume,
    "examples": keeping.examples,
    "dates": using.key_dates,
    "review": using.review_form,
    "reviewed": using.reviewed,
    "caseload": caseload.caseload,
}
"""Pages to see, by name."""

SENT: dict[str, Page] = {
    "answer": question.answer,
    "back": question.back,
    "item": lists.save_item,
    "remove": lists.remove,
    "step": overview.jump,
    "change": overview.change,
    "language": helping.set_language,
    "lock": keeping.lock,
    "resume": keeping.open_plan,
    "examples": keeping.use_example,
    "review": using.keep_review,
    "next-version": using.next_version,
    "caseload": caseload.unlock,
    "caseload-open": caseload.open_case,
}
"""Forms to send, by the name of the page they are sent to."""

WITH_PART: dict[str, Callable[[Visit, str], Reply]] = {
    "check": overview.check,
    "download": overview.download,
    "review-file": using.review_file,
}
"""Pages whose address names a part: ``check/<step>``, ``download/<format>``."""


def get(visit: Visit, name: str) -> Reply:
    """The page named (an unknown name: the question the family is at)."""
    first, _, part = name.partition("/")
    if part and first in WITH_PART:
        return WITH_PART[first](visit, part)
    page = SHOWN.get(name)
    return page(visit) if page is not None else Redirect(visit.base + "/")


def post(visit: Visit, name: str) -> Reply:
    """What a form sends (to an unknown name: nothing is done)."""
    page = SENT.get(name)
    return page(visit) if page is not None else Redirect(visit.base + "/")
