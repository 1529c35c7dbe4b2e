"""The Textual app, driven with Pilot: whole journeys by keyboard, moving around, quitting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planner.services.examples import Example, find_example
from planner.services.library import Library
from planner.services.session import Session, open_session
from planner.services.start import Start
from planner.tui.app import PlannerApp

from .tui_driver import answer_node


def make_app(data_dir: Path | None, resume: str | None = None) -> PlannerApp:
    return PlannerApp(Start(session=open_session(data_dir, resume=resume)))


async def test_a_whole_journey_by_keyboard_alone(tmp_path: Path) -> None:
    example = find_example("kai")
    assert example is not None
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(200):
            if app.conv.finished:
                break
            before = app.conv.node_id
            await answer_node(pilot, app, example)
            assert app.conv.node_id != before, f"stuck at {before}"
        assert app.conv.finished
        assert app.conv.plan.child.name == "Kai"
        assert app.conv.plan.money.head_agreement is not None
        assert len(app.conv.plan.support_items) == len(example.answers["support_items"])


def app_at(node: str, data_dir: Path | None = None, example_id: str = "kai") -> PlannerApp:
    """An app whose conversation has the example's answers up to ``node``."""
    from planner.services.examples import apply_example

    example = find_example(example_id)
    assert example is not None
    session = open_session(data_dir)
    apply_example(session.conversation, example, until=node)
    return PlannerApp(Start(session=session))


async def test_back_with_escape_keeps_every_answer(tmp_path: Path) -> None:
    app = app_at("care_budget_status", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        plan_before = app.conv.plan.model_dump()
        await pilot.press("escape")  # "£3,100 a year" settled the period: it was passed over
        await pilot.pause()
        assert app.conv.node_id == "edu_budget_amount"
        await pilot.press("escape")
        await pilot.pause()
        assert app.conv.node_id == "edu_budget_status"
        assert app.conv.plan.model_dump() == plan_before
        shown = [w for w in app.screen.query("#text, #choice") if w.display]
        assert [w.id for w in shown] == ["choice"]  # the answer is the highlighted option
        await pilot.press("enter")  # Enter keeps "Yes, I know the amount"
        await pilot.pause()
        assert app.conv.node_id == "edu_budget_amount"
        from textual.widgets import Input

        assert app.screen.query_one("#text", Input).value == "£3,100.00"


async def test_change_from_check_your_answers_returns_to_where_you_were(tmp_path: Path) -> None:
    """F3 and Change: two moves to any answer of this step, the first questions included."""
    from textual.widgets import Input

    app = app_at("health_budget_status", tmp_path)

    async def change(row: int, node: str, typed: str) -> None:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press(*(["tab"] * row), "enter")
        await pilot.pause()
        assert app.conv.node_id == node
        app.screen.query_one("#text", Input).value = ""
        await pilot.press(*typed, "enter")
        await pilot.pause()
        assert app.conv.node_id == "health_budget_status"  # back where they were

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        buttons = list(app.screen.query(".row-button"))
        assert len(buttons) >= 9  # the first questions (no step of their own), then step 1's
        await pilot.press("escape")
        await pilot.pause()
        await change(1, "child_name", "Kaito")  # the second row
        assert app.conv.plan.child.name == "Kaito"
        await change(5, "edu_budget_amount", "3200")  # the sixth row
        assert str(app.conv.plan.budget.education.amount) == "3200.00"


async def test_jump_to_a_step_from_the_side(tmp_path: Path) -> None:
    app = app_at("like_about", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        steps = app.screen.query_one("#steps")
        steps.focus()
        await pilot.press("home", "down", "down", "down", "enter")
        await pilot.pause()
        assert app.conv.node_id == "money_intro"
        assert app.conv.plan.child.name == "Kai"


async def test_quit_and_resume_come_back_to_the_same_question(tmp_path: Path) -> None:
    app = app_at("like_about", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"Funny", "tab", "enter")
        await pilot.pause()
        assert app.conv.node_id == "important_to"
        await pilot.press("ctrl+q")
        await pilot.pause()
    code = app.return_value
    assert code == app.conv.plan.id
    again = make_app(tmp_path, resume=code)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.conv.node_id == "important_to"
        assert again.conv.plan.profile.like_about == "Funny"
        assert again.conv.plan.budget.education.amount == app.conv.plan.budget.education.amount


async def test_a_bad_answer_shows_a_message_beside_the_field_and_keeps_the_text() -> None:
    from textual.widgets import Input, Label

    app = app_at("edu_budget_amount")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"1,2,3", "enter")
        await pilot.pause()
        assert app.conv.node_id == "edu_budget_amount"
        error = app.screen.query_one("#answer-error", Label)
        assert "The commas are in the wrong places" in str(error.render())
        assert app.screen.query_one("#text", Input).value == "1,2,3"
        assert app.conv.plan.budget.education.amount is None


async def test_help_lists_every_key_with_f1_and_question_mark() -> None:
    from planner.tui.keys import KEYS
    from planner.tui.screens.dialogs import TextDialog

    app = app_at("ehcp_status")
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, TextDialog)
            for listed in KEYS:
                shown = app.conv.t(f"key.{listed.name}") in app.screen.text
                assert shown is not listed.workshop  # workshop keys only in workshops
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, TextDialog)
        assert app.conv.node_id == "ehcp_status"


async def test_the_glossary_can_be_searched_and_tell_me_more_opens() -> None:
    from textual.widgets import OptionList, Static

    from planner.tui.screens.dialogs import TextDialog
    from planner.tui.screens.glossary import GlossaryScreen

    app = app_at("ehcp_status")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        await pilot.press(*"payroll")
        await pilot.pause()
        terms = app.screen.query_one("#terms", OptionList)
        assert terms.option_count == 2
        meaning = str(app.screen.query_one("#meaning", Static).render())
        assert "payroll" in meaning.lower()
        await pilot.press("escape", "f7")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        assert "EHC plan" in app.screen.text


async def test_themes_switch_at_any_time_and_no_color_is_respected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = app_at("ehcp_status")
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "planner-calm"
        await pilot.press("f6")
        assert app.theme == "planner-contrast"
        await pilot.press("f6")
        assert app.theme == "planner-large"
        assert app.has_class("-large")
        await pilot.press("f6")
        assert app.theme == "planner-calm"
        assert not app.has_class("-large")
    monkeypatch.setenv("NO_COLOR", "1")
    plain = app_at("ehcp_status")
    assert plain.no_color


async def test_the_plan_so_far_can_be_shown_and_hidden() -> None:
    from textual.widgets import Static

    app = app_at("finish")
    async with app.run_test(size=(140, 40)) as pilot:
        panel = app.screen.query_one("#plan", Static)
        assert not panel.display
        await pilot.press("f5")
        await pilot.pause()
        assert panel.display
        assert "Support costs: £5,736.04 a year." in str(panel.render())
        await pilot.press("f5")
        assert not panel.display


async def test_a_list_item_is_added_with_the_editor_and_refused_fields_are_shown() -> None:
    from textual.widgets import Label

    from planner.tui.screens.item_editor import ItemEditor

    app = app_at("risks")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ItemEditor)
        await pilot.press("tab", *"Stays safe", "tab", "enter")  # "what" left empty
        await pilot.pause()
        assert isinstance(app.screen, ItemEditor)
        error = app.screen.query_one("#error-what", Label)
        assert "Please type an answer" in str(error.render())
        assert app.focused is not None
        assert app.focused.id == "input-what"
        await pilot.press(*"Getting lost", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ItemEditor)
        assert [r.what for r in app.conv.plan.risks] == ["Getting lost"]
        await pilot.press("t")
        await pilot.pause()
        assert app.focused is not None
        assert app.focused.id == "close"  # "No, keep it" first
        await pilot.press("shift+tab", "enter")  # "Yes, take it out"
        await pilot.pause()
        assert app.conv.plan.risks == []


async def test_the_plan_can_be_saved_as_a_file_in_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "Downloads"))
    app = app_at("finish", example_id="jess")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("enter")  # the first format: a Word document
        await app.workers.wait_for_complete()
        target = tmp_path / "Downloads" / "support-plan-jess.docx"
        await pilot.pause()
        assert target.read_bytes().startswith(b"PK")
        assert any(str(target) in str(n.message) for n in app._notifications)


async def test_usable_at_80_by_24() -> None:
    app = app_at("ehcp_status")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        answer = app.screen.query_one("#answer")
        choice = app.screen.query_one("#choice")
        assert answer.region.bottom <= 24
        assert choice.region.height >= 6  # all six options visible
        assert app.screen.query_one("#side").region.width <= 30
        await pilot.press("5")
        await pilot.pause()
        assert app.conv.node_id == "ehcp_none_info"


def test_a_second_export_never_overwrites_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.services.exporting import save_download

    monkeypatch.setenv("HOME", str(tmp_path))
    first = save_download(b"one", "support-plan-kai.md")
    second = save_download(b"two", "support-plan-kai.md")
    assert first.name == "support-plan-kai.md"
    assert second.name == "support-plan-kai (2).md"
    assert first.read_bytes() == b"one"


async def test_letters_typed_while_the_next_question_is_drawn_are_kept() -> None:
    from planner.tui.widgets.answer import AnswerArea

    app = app_at("child_name")
    async with app.run_test(size=(100, 30)) as pilot:
        area = app.screen.query_one(AnswerArea)
        labels = ("answer-error", "answer-hint")
        await area.remove_children([w for w in area.children if w.id not in labels])  # no box
        assert area.take_key("R")
        await area.show(app.conv.prompt())  # the new box appears
        await pilot.press(*"osa", "enter")
        await pilot.pause()
        assert app.conv.plan.child.name == "Rosa"


async def test_letters_typed_while_a_box_is_refilled_stay_in_order() -> None:
    """A browser page sends keys as fast as they are typed: letters that arrive while the
    answer box is still being put on screen come first, in the order typed."""
    from planner.tui.widgets.answer import AnswerArea

    app = app_at("child_name")
    async with app.run_test(size=(100, 30)) as pilot:
        area = app.screen.query_one(AnswerArea)
        area.swapping = True  # as while show() waits for a new box to be mounted
        for letter in "Ros":
            assert area.take_key(letter)
        await area.show(app.conv.prompt())
        await pilot.press("a", "enter")
        await pilot.pause()
        assert app.conv.plan.child.name == "Rosa"


async def test_each_question_shows_every_option_in_a_list_as_tall_as_they_are() -> None:
    """A question's options take the place of the last question's: the list is as tall as
    they are, whether there are as many as before (the screen is not laid out again then) or
    more, and each is drawn."""
    from planner.tui.widgets.controls import NumberedOptions

    example = find_example("kai")
    assert example is not None
    app = app_at("paperwork")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        counts = []
        for _ in range(4):  # the paperwork, what school thinks and what the child wishes
            options = app.screen.query_one(NumberedOptions)  # (as many), then the ways
            labels = [c.label for c in app.conv.choices(app.conv.node)]
            counts.append(len(labels))
            shown = "\n".join(line.text for line in app.screen._compositor.render_strips())
            assert options.region.height == len(labels) + 2, app.conv.node_id  # its border
            assert all(f"{n}. {label}" in shown for n, label in enumerate(labels, 1))
            await answer_node(pilot, app, example)
            await pilot.pause()
        assert counts[0] == counts[1] == counts[2] != counts[3], counts


async def test_options_in_place_of_fewer_get_a_taller_list() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets.option_list import Option

    from planner.tui.widgets.controls import NumberedOptions

    class One(App[None]):
        CSS = "NumberedOptions { height: auto; border: round $panel; }"

        def compose(self) -> ComposeResult:
            yield NumberedOptions()

    app = One()
    async with app.run_test(size=(60, 20)) as pilot:
        options = app.query_one(NumberedOptions)
        for count in (3, 3, 5, 2):
            options.put_options(Option(f"{n}. way {n}") for n in range(1, count + 1))
            await pilot.pause()
            assert options.region.height == count + 2
            shown = [line.text for line in app.screen._compositor.render_strips()]
            assert [line.strip("│ ") for line in shown[1 : count + 1]] == [
                f"{n}. way {n}" for n in range(1, count + 1)
            ]


async def test_a_new_plan_shows_the_welcome_first_then_opens_the_plan(tmp_path: Path) -> None:
    from planner.tui.screens.first import FirstScreen
    from planner.tui.screens.main import MainScreen

    opened = []

    class Watched(Library):
        def new(self, example: Example | None = None, *, at: str = "start") -> Session:
            opened.append(True)
            return super().new(example, at=at)

    app = PlannerApp(Start(library=Watched(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, FirstScreen) or opened
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.conv.node_id == "welcome"
        await pilot.press("enter")
        await pilot.pause()
        assert app.conv.node_id == "who"


@pytest.mark.parametrize("size", [(120, 40), (100, 30), (80, 24), (50, 20)])
async def test_the_welcome_drawn_before_the_plan_opens_is_the_plan_screens_welcome(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """The first screen stands in for the conversation screen while the core loads: the same
    words in the same places, on a wide terminal, a narrow one and a phone (only its glossary
    words are not yet links)."""
    from planner.tui.screens.first import FirstScreen

    drawn: list[list[str]] = []
    for first in (False, True):
        app = make_app(tmp_path)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            if first:
                await app.push_screen(FirstScreen.at_start())
                await pilot.pause()
            drawn.append([line.text for line in app.screen._compositor.render_strips()])
    assert drawn[1] == drawn[0]


async def test_carry_on_pressed_before_the_plan_has_opened_is_kept(tmp_path: Path) -> None:
    import threading

    from planner.tui.screens.first import FirstScreen

    gate = threading.Event()

    class Slow(Library):
        def new(self, example: Example | None = None, *, at: str = "start") -> Session:
            gate.wait(10)
            return super().new(example, at=at)

    app = PlannerApp(Start(library=Slow(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstScreen)
        await pilot.press("enter")  # "Carry on", while the plan is still opening
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.conv.node_id == "who"


async def test_saved_plans_are_offered_at_the_start(tmp_path: Path) -> None:
    from planner.services.library import Library
    from planner.tui.screens.plans import PlansScreen

    first = app_at("like_about", tmp_path)
    saved_code = first.session.code
    first.session.save(first.conv.state)

    app = PlannerApp(Start(library=Library(tmp_path), saved=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        assert [r.name for r in app.screen.shown] == ["Kai"]
        await pilot.press("enter")  # carry on with Kai's plan
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.conv.plan.id == saved_code
        assert app.conv.node_id == "like_about"

    fresh = PlannerApp(Start(library=Library(tmp_path), saved=True))
    async with fresh.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")  # start a new plan
        await fresh.workers.wait_for_complete()
        await pilot.pause()
        assert fresh.conv.plan.id != saved_code
        assert fresh.conv.node_id == "welcome"


async def test_a_family_coming_back_sees_at_once_that_their_plans_are_opening(
    tmp_path: Path,
) -> None:
    """The first frame, drawn before the store loads, is the saved plans' title and word that
    they are opening (no welcome, no "Carry on" to press by mistake); the list comes next."""
    from planner.tui.screens.plans import PlansScreen

    app_at("like_about", tmp_path).session.save_now()
    app = PlannerApp(Start(library=Library(tmp_path), saved=True))
    frames: list[tuple[str, str]] = []
    display = app._display

    def seen(screen: Any, update: Any) -> None:
        lines = screen._compositor.render_strips()
        frames.append((type(screen).__name__, "\n".join(line.text for line in lines)))
        display(screen, update)

    app._display = seen  # type: ignore[method-assign,assignment]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        assert [r.name for r in app.screen.shown] == ["Kai"]
    screen, text = frames[0]
    assert screen == "FirstScreen"
    assert "Welcome back: your saved plans" in text
    assert "Opening the plans saved on this computer…" in text
    assert "Carry on" not in text


async def test_a_long_answer_box_drawn_too_early_is_redrawn_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual 8.2.x can draw a TextArea before its styles are ready (textual#6528)."""
    from textual.widgets import TextArea

    real = TextArea.render_lines
    failures = [1]

    def too_early(self: TextArea, crop: object) -> object:
        if failures:
            failures.pop()
            raise KeyError("No 'text-area--gutter' key in COMPONENT_CLASSES")
        return real(self, crop)  # type: ignore[arg-type]

    monkeypatch.setattr(TextArea, "render_lines", too_early)
    app = app_at("like_about")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not failures  # the broken first draw happened, and the app carried on
        area = app.screen.query_one("#long", TextArea)
        assert area.region.height > 0
        await pilot.press(*"Loves trains", "ctrl+s")
        assert "Loves trains" in area.text


async def test_while_a_dialog_is_open_only_save_stop_and_open_reach_past_it(tmp_path: Path) -> None:
    """The decision pinned here: a dialog keeps every key but save (Ctrl+S), save and stop
    (Ctrl+Q) and open plans (Ctrl+O); no second dialog opens on top of the first."""
    from planner.store import open_store
    from planner.tui.screens.dialogs import RowsDialog

    app = app_at("ehcp_status", tmp_path)
    code = app.session.code
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RowsDialog)
        for key in ("f2", "f4", "f7", "f8", "f9", "ctrl+r", "ctrl+t", "ctrl+l", "escape"):
            await pilot.press(key)
            await pilot.pause()
            if key != "escape":
                assert app.screen is dialog, key
        assert not isinstance(app.screen, RowsDialog)  # Esc closed it
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RowsDialog)
        assert any(code in str(n.message) for n in app._notifications)
        assert open_store(tmp_path).load(code).node == "ehcp_status"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_value == code


async def test_a_click_on_the_conversation_leaves_the_keys_with_the_answer(tmp_path: Path) -> None:
    """After a click on the conversation (it takes the focus), Enter still carries on and a
    number still chooses: keys that reach no control are the answer's."""
    from planner.tui.widgets.transcript import Transcript

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one(Transcript).focus()
        await pilot.pause()
        assert isinstance(app.focused, Transcript)
        await pilot.press("enter")  # the welcome's "Carry on"
        await pilot.pause()
        assert app.conv.node_id == "who"
        app.screen.query_one(Transcript).focus()
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert app.conv.node_id == "child_name"
        assert app.conv.plan.filled_in_by is not None
        assert app.conv.plan.filled_in_by.value == "parent_carer"


async def test_the_draft_plan_is_offered_at_the_end_of_step_2() -> None:
    from textual.widgets import Button

    from planner.tui.screens.plan_dialogs import ExportDialog

    app = app_at("draft_ready", example_id="leo")
    async with app.run_test(size=(120, 40)) as pilot:
        shown = [b for b in app.screen.query(Button) if b.display and b.parent and b.parent.display]
        assert [str(b.label) for b in shown][:2] == ["Carry on", "Save the draft"]
        await pilot.click("#draft-export")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#draft-carry_on")
        await pilot.pause()
        assert app.conv.node_id == "agree_intro"


async def test_a_button_hidden_with_the_focus_does_not_look_focused_when_shown_again() -> None:
    """Save, focused with Tab, then Escape back to the list before: when the long question
    comes again, the box has the focus and Save looks as it did before it was focused."""
    from textual.widgets import Button, TextArea

    app = app_at("backup_plan")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        save = app.screen.query_one("#long-save_long", Button)

        def look() -> tuple[str, str]:
            return str(save.styles.text_style), str(save.styles.background_tint)

        unfocused = look()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is save
        assert look() != unfocused  # a focused button looks different
        await pilot.press("escape")  # back to the list of risks: Save is hidden, focused
        await pilot.pause()
        assert app.conv.node_id == "risks"
        await pilot.press("d")  # the list is done: the long question again
        await pilot.pause()
        assert app.conv.node_id == "backup_plan"
        assert isinstance(app.focused, TextArea)
        assert look() == unfocused
