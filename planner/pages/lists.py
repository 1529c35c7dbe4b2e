"""A list question (outcomes, support, helpers, risks, tasks), in the "add another" pattern:
the items so far, each with Change and Remove; a page to add or change one; a page to confirm
taking one out.

With no JavaScript a form cannot show a field the moment an earlier answer calls for it
("how much do you pay them?" once "employed" is chosen). So the form shows the fields that
apply to what it holds; when what was sent brings more fields into play, the form comes back
with them added and the family's answers kept, and says why. The core decides which fields
apply (:meth:`planner.dialogue.items.ItemList.shown`), as it does for the terminal app.
"""

from __future__ import annotations

from planner.dialogue.prompt import Prompt
from planner.pages.fields import FormField, box, control_of, form_field, sent_value
from planner.pages.html import Problems, Redirect, Reply, split_heading
from planner.pages.parts import caption, more_html, out_of_date
from planner.pages.visit import Visit


def _partial(visit: Visit) -> bool:
    item = visit.conv.node.item
    return item is not None and visit.conv.flow.items[item].partial


def show_list(visit: Visit, prompt: Prompt, *, problems: Problems | None = None) -> Reply:
    """The list question's page: its items, a way to add one, and "Continue"."""
    heading, hint = split_heading(prompt.text)
    return visit.page(
        "list.html.j2",
        heading,
        problems=problems,
        heading=heading,
        hint=hint,
        caption=caption(visit, prompt),
        notices=prompt.notices,
        more=more_html(visit, prompt.more),
        items=list(enumerate(prompt.items)),
        partial=_partial(visit),
        needs_check=prompt.needs_check,
        can_go_back=bool(visit.conv.state.history),
    )


def _index(visit: Visit, raw: str) -> int | None:
    """An item's number as sent (blank for a new item); raises ``ValueError`` for a number
    that names no item."""
    if not raw:
        return None
    index = int(raw)
    if not 0 <= index < len(visit.conv.items.all()):
        raise ValueError(raw)
    return index


def _fields(visit: Visit, raw: dict[str, str], index: int | None) -> list[FormField]:
    conv = visit.conv
    found = []
    for item_field in conv.items.shown(raw, index):
        label, hint = split_heading(conv.t(item_field.text))
        shown = form_field(
            conv, item_field, item_field.name, label, raw.get(item_field.name, ""), hint=hint
        )
        shown.more = more_html(visit, item_field.more)
        found.append(shown)
    return found


def item_form(
    visit: Visit,
    raw: dict[str, str] | None = None,
    index: int | None = None,
    *,
    problems: Problems | None = None,
    more_asked: bool = False,
) -> Reply:
    """The page to add an item, or to change one."""
    conv = visit.conv
    if conv.node.item is None:
        return Redirect(visit.base + "/")
    if raw is None:
        try:
            index = _index(visit, visit.query.get("n", ""))
        except ValueError:
            return Redirect(visit.base + "/")
        if index is None and _partial(visit):
            return Redirect(visit.base + "/")
        raw = conv.items.form_values(index)
    kind = conv.t(conv.flow.items[conv.node.item].title)
    title = visit.t("page.item_change" if index is not None else "page.item_add", what=kind)
    return visit.page(
        "item.html.j2",
        title,
        problems=problems,
        fields=_fields(visit, raw, index),
        index="" if index is None else str(index),
        more_asked=more_asked,
    )


def save_item(visit: Visit) -> Reply:
    """Add or change an item from its form."""
    conv = visit.conv
    if (stale := out_of_date(visit)) is not None:
        return stale
    if conv.node.item is None:
        return Redirect(visit.base + "/")
    try:
        index = _index(visit, visit.value("n"))
    except ValueError:
        return Redirect(visit.base + "/")
    controls = {f.name: control_of(f) for f in conv.items.every_field()}
    sent = set(visit.values("shown"))
    raw = {
        name: sent_value(control, visit.values(name)) if name in sent else ""
        for name, control in controls.items()
    }
    now_shown = [f.name for f in conv.items.shown(raw, index)]
    if any(name not in sent and not raw[name].strip() for name in now_shown):
        return item_form(visit, raw, index, more_asked=True)
    result = conv.items.save(raw, index)
    if not result.ok:
        problems = Problems()
        problems.add(result.message, result.field or (now_shown[0] if now_shown else "answer"))
        return item_form(visit, raw, index, problems=problems)
    visit.family.said = list(result.notices)
    return Redirect(visit.base + "/")


def confirm_remove(visit: Visit, *, problems: Problems | None = None) -> Reply:
    """Ask before taking an item out."""
    try:
        index = _index(visit, visit.query.get("n", "") or visit.value("n"))
    except ValueError:
        index = None
    if index is None or _partial(visit):
        return Redirect(visit.base + "/")
    what = visit.conv.items.lines()[index]
    title = visit.t("page.remove_title", what=what)
    answer = [("yes", visit.t("page.yes_remove")), ("no", visit.t("page.no_keep"))]
    field = box("answer", "radios", title, options=answer)
    return visit.page("remove.html.j2", title, problems=problems, field_=field, index=str(index))


def remove(visit: Visit) -> Reply:
    """Take an item out, once the family has said yes."""
    if (stale := out_of_date(visit)) is not None:
        return stale
    answer = visit.value("answer")
    if answer not in ("yes", "no"):
        problems = Problems()
        problems.add(visit.t("page.remove_choose"), "answer")
        return confirm_remove(visit, problems=problems)
    if answer == "yes":
        try:
            index = _index(visit, visit.value("n"))
        except ValueError:
            index = None
        if index is not None:
            result = visit.conv.items.remove(index)
            visit.family.said = list(result.notices)
    return Redirect(visit.base + "/")
