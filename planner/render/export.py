"""One entry point for every document format."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from planner.domain.models import Plan, PlanReview

if TYPE_CHECKING:
    from planner.dialogue.state import Place
    from planner.render.model import Notes


class Format(StrEnum):
    """The document formats a plan can be exported in."""

    MARKDOWN = "md"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"
    JSON = "json"

    @property
    def media_type(self) -> str:
        """The MIME type, for a browser download."""
        return {
            Format.MARKDOWN: "text/markdown",
            Format.HTML: "text/html",
            Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Format.PDF: "application/pdf",
            Format.JSON: "application/json",
        }[self]


def render(
    plan: Plan,
    fmt: Format,
    locale: str = "en_GB",
    today: date | None = None,
    notes: Notes | None = None,
    *,
    with_english: bool = False,
    place: Place | None = None,
) -> bytes:
    """The plan as a document in one format. A keyworker's ``notes`` are added only when given
    (never to the JSON plan file, which is the family's plan alone). ``with_english`` puts the
    English beside the family's language, for the council. ``place`` (JSON only) is where the
    family was in the conversation."""
    if fmt is Format.JSON:
        from planner.render.jsonio import to_json

        return to_json(plan, place).encode("utf-8")
    from planner.i18n import SOURCE_LOCALE
    from planner.render.bilingual import bilingual
    from planner.render.plan_document import build
    from planner.render.writers import to_docx, to_html, to_markdown, to_pdf

    doc = build(plan, locale, today, notes)
    if with_english and locale != SOURCE_LOCALE:
        doc = bilingual(doc, build(plan, SOURCE_LOCALE, today, notes))
    if fmt is Format.DOCX:
        return to_docx(doc)
    if fmt is Format.PDF:
        return to_pdf(doc)
    text = to_markdown(doc) if fmt is Format.MARKDOWN else to_html(doc)
    return text.encode("utf-8")


def plan_markdown(plan: Plan, locale: str) -> str:
    """The plan document as Markdown text (to read on screen)."""
    from planner.render.plan_document import build
    from planner.render.writers import to_markdown

    return to_markdown(build(plan, locale))


def render_review(
    plan: Plan, review: PlanReview, fmt: Format, locale: str = "en_GB", today: date | None = None
) -> bytes:
    """A review summary in one format (JSON: the review record, in a versioned envelope)."""
    if fmt is Format.JSON:
        import json

        envelope = {
            "format": "support-planner/review",
            "version": 1,
            "plan_id": plan.id,
            "review": review.model_dump(mode="json"),
        }
        return (json.dumps(envelope, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    from planner.render.review_document import build_review
    from planner.render.writers import to_docx, to_html, to_markdown, to_pdf

    doc = build_review(plan, review, locale, today)
    if fmt is Format.DOCX:
        return to_docx(doc)
    if fmt is Format.PDF:
        return to_pdf(doc)
    text = to_markdown(doc) if fmt is Format.MARKDOWN else to_html(doc)
    return text.encode("utf-8")


def review_file_name(plan: Plan, review: PlanReview, fmt: Format) -> str:
    """A safe file name such as ``plan-review-kai-2026-11-22.docx``."""
    stem = file_name(plan, fmt).removeprefix("support-plan-").rsplit(".", 1)[0]
    return f"plan-review-{stem}-{review.held.isoformat()}.{fmt.value}"


def file_name(plan: Plan, fmt: Format, language: str = "") -> str:
    """A safe file name such as ``support-plan-kai.docx`` (``support-plan-kai-pl-en.docx``
    for a bilingual one)."""
    name = "".join(c for c in plan.child.name.lower() if c.isalnum() or c in " -").strip()
    slug = "-".join(name.split()) or "draft"
    suffix = f"-{language.split('_', maxsplit=1)[0]}-en" if language else ""
    return f"support-plan-{slug}{suffix}.{fmt.value}"
