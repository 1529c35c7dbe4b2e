"""Drive the Textual app with the keyboard alone, giving an example family's answers."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Select, SelectionList

from planner.dialogue.conversation import Conversation
from planner.dialogue.schema import InputKind, ItemField, Question
from planner.services.examples import Example
from planner.tui.app import PlannerApp
from planner.tui.screens.item_editor import ItemEditor


def choice_index(conv: Conversation, question: Question, raw: str) -> int:
    """Where an answer (a number, a value or a label) is in the question's options."""
    choices = conv.choices(question)
    if raw.isdigit():
        return int(raw) - 1
    lowered = raw.strip().lower()
    for index, choice in enumerate(choices):
        if lowered in (choice.value, choice.label.lower()):
            return index
    raise AssertionError(f"no option {raw!r}")


SHORT = 14
"""Free text is typed only this far: Pilot spends about 60 ms on each key, whatever the app."""


async def type_text(pilot: Pilot[Any], text: str, *, whole: bool = False) -> None:
    """Type text one key at a time, as a person would."""
    if text:
        await pilot.press(*(text if whole else text[:SHORT].rstrip()))


async def choose(pilot: Pilot[Any], index: int) -> None:
    """Pick an option in a numbered list: its number key, or arrows past nine."""
    if index < 9:
        await pilot.press(str(index + 1))
    else:
        await pilot.press("home", *(["down"] * index), "enter")


async def tick(pilot: Pilot[Any], indexes: list[int]) -> None:
    """Tick options in a list of check boxes (the list has focus, nothing ticked)."""
    position = 0
    await pilot.press("home")
    for index in sorted(indexes):
        await pilot.press(*(["down"] * (index - position)), "space")
        position = index


async def keep_answer(pilot: Pilot[Any], app: PlannerApp) -> None:
    """Keep the answer already there (an example family's), with keys only, and move on."""
    node = app.conv.node
    keys: tuple[str, ...] = ("enter",)
    if node.input is InputKind.LIST:
        keys = ("d",)
    elif node.input in (InputKind.LONG_TEXT, InputKind.CHOICES):
        keys = ("tab", "enter")
    await pilot.press(*keys)
    await pilot.pause()


def scripted(conv: Conversation, example: Example) -> str | list[dict[str, str]] | None:
    """The example's answer here. An amount the family types at "do you know how much?" in
    line mode is given in the app as "known", then typed at the amount question."""
    node = conv.node
    raw = example.answers.get(conv.node_id)
    if node.amount is not None and isinstance(raw, str):
        try:
            choice_index(conv, node, raw)
        except AssertionError:
            return "known"
    if raw is None:
        typed_before = (i for i, n in conv.flow.nodes.items() if n.amount == conv.node_id)
        raw = next((example.answers.get(i) for i in typed_before), None)
    return raw


async def answer_node(pilot: Pilot[Any], app: PlannerApp, example: Example) -> None:
    """Give the current node's answer with keys only."""
    conv = app.conv
    node = conv.node
    raw = scripted(conv, example)
    if node.kind == "say":
        await pilot.press("enter")
    elif node.input is InputKind.LIST:
        await fill_list(pilot, app, raw if isinstance(raw, list) else [])
    elif node.input in (InputKind.CHOICE, InputKind.YES_NO_UNSURE):
        assert isinstance(raw, str), conv.node_id
        await choose(pilot, choice_index(conv, node, raw))
    elif node.input is InputKind.CHOICES:
        picks = [int(p) - 1 for p in str(raw or "").replace(",", " ").split()]
        await tick(pilot, picks)
        await pilot.press("tab", "enter")
    elif node.input is InputKind.LONG_TEXT:
        await type_text(pilot, str(raw or ""))
        await pilot.press("tab", "enter")
    else:
        await type_text(pilot, str(raw or ""), whole=node.input is not InputKind.SHORT_TEXT)
        await pilot.press("enter")
    await pilot.pause()


async def fill_list(pilot: Pilot[Any], app: PlannerApp, items: list[dict[str, str]]) -> None:
    """Add each item with the editor (skipping lists that already hold them), then finish."""
    conv = app.conv
    if conv.flow.items[conv.node.item or ""].partial:  # change each item there: "c" on it
        for index, item in enumerate(items):
            await pilot.press("home", *(["down"] * index), "c")
            await pilot.pause()
            await fill_editor(pilot, app, item)
    elif not conv.items.all():
        for item in items:
            await pilot.press("a")
            await pilot.pause()
            await fill_editor(pilot, app, item)
    await pilot.press("d")


async def fill_editor(pilot: Pilot[Any], app: PlannerApp, item: dict[str, str]) -> None:
    """Fill the item editor field by field with Tab between them, then save."""
    editor = app.screen
    assert isinstance(editor, ItemEditor)
    conv = app.conv
    for item_field in editor.fields:
        if not editor.query_one(f"#field-{item_field.name}").display:
            continue  # not asked: it does not apply, or follows from the answers (a helper's)
        raw = item.get(item_field.name, "")
        await fill_field(pilot, editor, conv, item_field, raw)
        await pilot.press("tab")
        await pilot.pause()
    focused = app.focused
    assert focused is not None
    assert focused.id == "save", focused
    await pilot.press("enter")
    await pilot.pause()
    if isinstance(app.screen, ItemEditor):
        errors = [str(label.render()) for label in app.screen.query(".field-error")]
        raise AssertionError(f"the editor refused the item: {app.screen.raw()} {errors}")


async def fill_field(
    pilot: Pilot[Any], editor: ItemEditor, conv: Conversation, item_field: ItemField, raw: str
) -> None:
    """Answer one field of the editor, which has focus."""
    widget = editor.focused
    if isinstance(widget, Input):
        await type_text(pilot, raw, whole=item_field.input is not InputKind.SHORT_TEXT)
    elif isinstance(widget, Select):
        if raw:
            index = choice_index(conv, item_field, raw)
            await pilot.press("enter", "home", *(["down"] * (index + 1)), "enter")
    elif isinstance(widget, SelectionList):
        picks = [int(p) - 1 for p in raw.replace(",", " ").split()]
        await tick(pilot, picks)
    else:
        raise AssertionError(f"unexpected focus {widget!r} for {item_field.name}")
