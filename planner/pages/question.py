"""The page of the question the family is at: one question to a page, and its answer.

A question's heading is its ``<h1>``; a question with options is a fieldset whose legend is
that heading. An answer goes to the core exactly as typed answers do; a refused one comes back
with the family's words kept and an error summary that links to the field.
"""

from __future__ import annotations

from typing import Any

from planner.dialogue.prompt import Prompt
from planner.dialogue.schema import InputKind
from planner.dialogue.showing import answer_text
from planner.pages.fields import FormField, control_of, form_field, sent_value
from planner.pages.html import Problems, Redirect, Reply, markdown, split_heading
from planner.pages.parts import caption, more_html, out_of_date
from planner.pages.visit import Visit


def question_field(visit: Visit, prompt: Prompt, sent: str | None) -> FormField:
    """The field for the current question, holding what was sent or the answer so far."""
    conv = visit.conv
    node = conv.node
    heading, hint = split_heading(prompt.text)
    if sent is None:
        sent = answer_text(conv, node) if conv.node_id in conv.state.answered else ""
    return form_field(conv, node, "answer", heading, sent, hint=hint)


def show(visit: Visit, *, sent: str | None = None, problems: Problems | None = None) -> Reply:
    """The page for where the family is: the question, a list, something said, or the end."""
    conv = visit.conv
    if conv.finished:
        from planner.pages.overview import finish

        return finish(visit)
    prompt = conv.prompt()
    if prompt.input is InputKind.LIST:
        from planner.pages.lists import show_list

        return show_list(visit, prompt, problems=problems)
    common: dict[str, Any] = {
        "caption": caption(visit, prompt),
        "notices": prompt.notices,
        "more": more_html(visit, prompt.more),
        "can_go_back": bool(conv.state.history),
    }
    if prompt.kind == "say":
        title = prompt.step_title or visit.t("page.welcome_title")
        downloads = None
        if prompt.draft:
            from planner.pages.overview import download_links

            downloads = download_links(visit)
        examples = visit.family.in_workshop and not conv.state.history  # nothing answered yet
        return visit.page(
            "say.html.j2",
            title,
            words=prompt.text,
            downloads=downloads,
            examples=examples,
            **common,
        )
    item = question_field(visit, prompt, sent)
    return visit.page(
        "question.html.j2",
        item.label,
        problems=problems,
        field_=item,
        needs_check=prompt.needs_check,
        **common,
    )


def answer(visit: Visit) -> Reply:
    """The answer sent from the question's page (or "continue" from something said)."""
    conv = visit.conv
    if (stale := out_of_date(visit)) is not None:
        return stale
    node = conv.node
    sent: str | None = None
    if node.input is InputKind.LIST:
        result = conv.finish_list()
    elif node.kind != "ask":
        result = conv.answer("")
    else:
        sent = sent_value(control_of(node), visit.values("answer"))
        result = conv.answer(sent)  # the box held the answer so far: blank means blank
    if not result.ok:  # the page again, holding what was sent, with what to put right
        problems = Problems()
        problems.add(result.message, "add" if node.input is InputKind.LIST else "answer")
        return show(visit, sent=sent, problems=problems)
    visit.family.said = list(result.notices)
    return Redirect(visit.base + "/")


def back(visit: Visit) -> Reply:
    """Go back a question (every answer is kept)."""
    visit.conv.back()
    return Redirect(visit.base + "/")


def more(visit: Visit) -> Reply:
    """The current question's "tell me more" as a page of its own."""
    conv = visit.conv
    page = conv.node.more
    text = conv.more_text(page) if page else None
    if text is None:
        title, words = visit.t("page.more_none_title"), visit.t("page.more_none")
        return visit.page("info.html.j2", title, words=words, body=None)
    first, _, rest = text.partition("\n")
    title = first.lstrip("#").strip()
    return visit.page("info.html.j2", title, words="", body=markdown(rest))
