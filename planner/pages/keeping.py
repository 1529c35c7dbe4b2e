"""Which plan a page works on, and keeping it: the code to carry on with, a passphrase to open
it from another page or device, opening a plan from its code and passphrase, and in a workshop
room, starting from an example family."""

from __future__ import annotations

from planner.pages.fields import box
from planner.pages.html import Problems, Redirect, Reply
from planner.pages.visit import Visit

MAX_FIELD = 200
"""Characters taken for a code or a passphrase."""
NEW, OLD = "new-password", "current-password"
"""What a password manager is told of each passphrase box."""


def save(visit: Visit, *, problems: Problems | None = None) -> Reply:
    """Your plan is saved: its code, and a passphrase to choose (or, in a workshop room where
    nothing is kept, the plan to download)."""
    from planner.pages.overview import download_links

    session = visit.session
    if session.store is not None and session.revision is None:
        session.save_now()  # so the code shown opens the plan from the first moment
    title = visit.t("ui.lock_title") if session.store is not None else visit.t("page.unsaved_title")
    intro = "ui.lock_intro_again" if session.is_locked() else "ui.lock_intro"
    return visit.page(
        "save.html.j2",
        title,
        problems=problems,
        saved=session.store is not None,
        intro=visit.t(intro, code=session.code),
        fields=[
            box("passphrase", "password", visit.t("ui.lock_passphrase"), autocomplete=NEW),
            box("again", "password", visit.t("ui.lock_again"), autocomplete=NEW),
        ],
        downloads=download_links(visit),
    )


def lock(visit: Visit) -> Reply:
    """Give the plan a passphrase (typed twice)."""
    from planner.store.files import StoreError

    chosen, again = visit.value("passphrase")[:MAX_FIELD], visit.value("again")[:MAX_FIELD]
    try:
        visit.session.lock(chosen, again)
    except StoreError as error:
        problems = Problems()
        where = "again" if error.key == "ui.lock_not_same" else "passphrase"
        problems.add(visit.t(error.key, **error.params), where)
        return save(visit, problems=problems)
    from planner.dialogue.prompt import Notice

    visit.family.said = [Notice(visit.t("ui.lock_done", code=visit.session.code), False)]
    return Redirect(visit.base + "/save")


def resume(visit: Visit, *, problems: Problems | None = None, code: str = "") -> Reply:
    """Open a saved plan with its code and passphrase."""
    title = visit.t("ui.unlock_title")
    return visit.page(
        "resume.html.j2",
        title,
        problems=problems,
        kept=not visit.family.in_workshop,
        fields=[
            box("code", "code", visit.t("ui.unlock_code"), code),
            box("passphrase", "password", visit.t("ui.unlock_passphrase"), autocomplete=OLD),
        ],
    )


def open_plan(visit: Visit) -> Reply:
    """Open the plan named by the code and passphrase sent: it becomes this page's plan. The
    same message, in the same time, for a wrong code and a wrong passphrase."""
    from planner.store.files import StoreError

    library = visit.family.library
    code = " ".join(visit.value("code").split())[:MAX_FIELD]
    if library is None:
        return Redirect(visit.base + "/")
    visit.session.save_now()  # their own plan first
    try:
        session = library.open_locked(code, visit.value("passphrase")[:MAX_FIELD])
    except StoreError as error:
        problems = Problems()
        problems.add(visit.t(error.key, **error.params), "code")
        return resume(visit, problems=problems, code=code)
    visit.family.take(session)
    return Redirect(visit.base + "/")


def examples(visit: Visit, *, problems: Problems | None = None) -> Reply:
    """In a workshop room: start again from an example family's answers, to see how a plan is
    made, as the terminal's workshop offers (a server that keeps plans has no such page)."""
    from planner.services.examples import load_examples

    if not visit.family.in_workshop:
        return Redirect(visit.base + "/")
    title = visit.t("page.examples_title")
    field = box(
        "answer",
        "radios",
        title,
        hint=visit.t("page.examples_hint"),
        options=[(example.id, example.title) for example in load_examples()],
        options_lang="" if visit.conv.locale.startswith("en") else "en",  # their own words
    )
    return visit.page("examples.html.j2", title, problems=problems, field_=field)


def use_example(visit: Visit) -> Reply:
    """The family chosen, at the first question with every answer of theirs filled in, in the
    page's language; in a workshop room only."""
    from planner.services.examples import find_example
    from planner.services.library import Library

    if not visit.family.in_workshop:
        return Redirect(visit.base + "/")
    chosen = visit.value("answer")[:MAX_FIELD]
    example = find_example(chosen) if chosen else None
    if example is None:
        problems = Problems()
        problems.add(visit.t("page.examples_choose"), "answer")
        return examples(visit, problems=problems)
    session = Library(None).new(example, at="start")
    session.conversation.set_locale(visit.conv.locale)
    visit.family.take(session)
    return Redirect(visit.base + "/")
