"""The caseload on the simple pages, for ``planner serve --keyworker``: every family's plan on
this computer as a table, once the keyworker's passphrase is given on this page. A plan opened
from it is never linked to the page's address (the address alone must not open a family's
plan), as on the full-screen pages (:class:`planner.services.access.PageAccess`)."""

from __future__ import annotations

from planner.pages.fields import box
from planner.pages.html import Problems, Redirect, Reply
from planner.pages.visit import Visit

MAX_FIELD = 200


def caseload(visit: Visit, *, problems: Problems | None = None) -> Reply:
    """The passphrase to give, or the table of every plan with a button to open each."""
    from planner.i18n import format_moment
    from planner.services.caseload import Caseload, step_words

    access, store = visit.family.access, visit.session.store
    if access is None or not access.asks_keyworker or store is None:
        return Redirect(visit.base + "/")
    if not access.caseload_unlocked:
        title = visit.t("ui.keyworker_title")
        field = box("passphrase", "password", visit.t("ui.keyworker_passphrase"))
        field.autocomplete = "current-password"
        return visit.page(
            "caseload_unlock.html.j2",
            title,
            problems=problems,
            intro=visit.t("ui.keyworker_intro"),
            fields=[field],
        )
    cases = Caseload(store)
    texts, locale = visit.conv.texts, visit.conv.locale
    rows = [
        (r.plan_id, r.name, step_words(texts, r.step, cases.flow), format_moment(r.updated, locale))
        for r in cases.rows(notes=False)
    ]
    return visit.page("caseload.html.j2", visit.t("ui.caseload_title"), rows=rows)


def unlock(visit: Visit) -> Reply:
    """Open the caseload on this page with the keyworker's passphrase (wrong tries are counted
    across every page, so a new page gives no fresh start)."""
    from planner.store.files import StoreError

    access = visit.family.access
    if access is None:
        return Redirect(visit.base + "/")
    problems = Problems()
    try:
        if not access.unlock_caseload(visit.value("passphrase")[:MAX_FIELD]):
            problems.add(visit.t("ui.keyworker_wrong"), "passphrase")
    except StoreError as error:
        problems.add(visit.t(error.key, **error.params), "passphrase")
    if problems:
        return caseload(visit, problems=problems)
    return Redirect(visit.base + "/caseload")


def open_case(visit: Visit) -> Reply:
    """Open one family's plan on this page, without linking it to the page's address."""
    access, library = visit.family.access, visit.family.library
    if access is None or library is None or not access.caseload_unlocked:
        return Redirect(visit.base + "/")
    from planner.services.caseload import Caseload

    store = visit.session.store
    wanted = visit.value("plan")
    if store is None or wanted not in {r.plan_id for r in Caseload(store).rows(notes=False)}:
        return Redirect(visit.base + "/caseload")
    visit.session.save_now()  # the page's own plan first
    visit.family.take(library.open(wanted, link=False))
    return Redirect(visit.base + "/")
