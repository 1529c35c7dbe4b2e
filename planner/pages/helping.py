"""Help on the pages: how they work, the glossary, asking a question in your own words, and the
language they speak."""

from __future__ import annotations

from planner.i18n import language_options
from planner.pages.fields import box
from planner.pages.html import Problems, Redirect, Reply, markdown
from planner.pages.visit import Visit

MAX_QUESTION = 500
"""Characters of a question taken (a question is a sentence or two)."""


def help_page(visit: Visit) -> Reply:
    """How the pages work."""
    title = visit.t("page.help_title")
    words = visit.t("page.help_text")
    return visit.page("info.html.j2", title, words=words, body=None)


def glossary(visit: Visit) -> Reply:
    """Every term, or those that match what was searched for."""
    from planner.content.knowledge import search_glossary

    wanted = visit.query.get("q", "")[:MAX_QUESTION]
    terms = search_glossary(wanted, visit.conv.locale)
    title = visit.t("page.glossary_title")
    return visit.page(
        "glossary.html.j2",
        title,
        wanted=wanted,
        terms=[(t.term, t.short, markdown(t.more, shift=2)) for t in terms],
    )


def ask(visit: Visit) -> Reply:
    """Ask anything: the best answers to a question in the family's own words, with what each
    means for their plan."""
    from planner.content.ask import ask as answers

    question = " ".join(visit.query.get("q", "").split())[:MAX_QUESTION]
    title = visit.t("page.ask_title")
    if not question:
        return visit.page("ask.html.j2", title, question="", reply=None, found=[])
    conv = visit.conv
    reply = answers(question, conv.locale, plan=conv.plan, today=conv.today)
    found = [(f.title, markdown(f.text, shift=2), f.yours) for f in reply.found]
    return visit.page("ask.html.j2", title, question=question, reply=reply, found=found)


def language(visit: Visit, *, problems: Problems | None = None) -> Reply:
    """Choose the language of the pages (and of the plan)."""
    title = visit.t("page.language_title")
    options = language_options(visit.conv.locale)
    chosen = [visit.conv.locale]
    field = box("answer", "radios", title, options=options, chosen=chosen, option_lang=True)
    return visit.page("language.html.j2", title, problems=problems, field_=field)


def set_language(visit: Visit) -> Reply:
    """Speak the language chosen from now on: every answer is kept."""
    chosen = visit.value("answer")
    if chosen not in {code for code, _ in language_options(visit.conv.locale)}:
        problems = Problems()
        problems.add(visit.t("page.language_choose"), "answer")
        return language(visit, problems=problems)
    visit.conv.set_locale(chosen)
    return Redirect(visit.base + "/")
