"""The conversation screen: the steps, the conversation, the answer area and the plan so far.

It owns the keys of a plan (see ``planner.tui.keys``): each action is a few lines that show a
dialog and act on the value it returns (those that make files and keep reviews are in
``plan_files.py``). It gets its session through its constructor, and tells the app about a new
language with a message; it never reaches into the app. After an answer the question is drawn
first, and the steps, the title and the plan so far in the frame after it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from planner.dialogue import progress
from planner.dialogue.schema import InputKind
from planner.services.session import Session
from planner.tui import keys, startup
from planner.tui.screens.plan_files import FilesAndReviews
from planner.tui.widgets.answer import AnswerArea, answer_words
from planner.tui.widgets.controls import ListAction
from planner.tui.widgets.keybar import KeyBar
from planner.tui.widgets.steps import StepList
from planner.tui.widgets.transcript import Transcript

STATUS_WORDS = ("not_started", "in_progress", "done", "needs_check")


class MainScreen(FilesAndReviews, Screen[None]):
    """The conversation itself."""

    CSS_PATH = ["../styles/app.tcss"]
    HORIZONTAL_BREAKPOINTS = [(0, "-phone"), (60, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("plan")

    show_plan: reactive[bool] = reactive(False)
    """Whether the "plan so far" panel is shown."""
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """A focus moved draws its two controls again, not the whole screen as Textual's does."""

    class Reopen(Message):
        """The family chose another language: draw the conversation again in its words."""

    def __init__(
        self, session: Session, *, workshop: bool = False, keyworker: bool = False
    ) -> None:
        super().__init__()
        self.session, self.conv = session, session.conversation
        self.workshop, self.keyworker = workshop, keyworker
        self._shown_node: str | None = None
        self._redraw = asyncio.Lock()  # one redraw at a time: the answer area is swapped

    def t(self, key: str, **params: object) -> str:
        """A text in the family's language (with the child's name as ``{name}``)."""
        return self.conv.t(key, **params)

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("ui.title"), id="title", markup=False)
        yield KeyBar(self.conv.texts, workshop=self.workshop)
        with Vertical(id="side"):
            yield Static(t("ui.steps"), classes="heading")
            yield StepList(id="steps")
        yield Transcript(id="transcript")
        yield AnswerArea(answer_words(self.t), id="answer")
        yield Static("", id="plan", markup=False)

    async def on_mount(self) -> None:
        await self.refresh_view()
        if startup.warmed(self.app).is_set():  # opened after the app's warm-up: its own now
            startup.run_steps(self.app, self.warm_steps(), lambda: None)

    def warm_steps(self) -> Iterator[Callable[[], object]]:
        """What to make while the family reads (see ``startup.warm_up``): the answer's kinds
        of input, in the terminal. Not in a browser page: a room of pages shares the laptop's
        CPU while it opens, and work after a page's first frame slows the pages still opening."""
        return iter(()) if self.app.is_web else self.query_one(AnswerArea).prepare()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A facilitator's keys are there only in a workshop."""
        return self.workshop or action not in keys.WORKSHOP_ACTIONS

    def watch_show_plan(self, show: bool) -> None:
        self.query_one("#plan").display = show
        if show:
            self.update_plan_panel()

    async def refresh_view(self, *, side_later: bool = False) -> None:
        """Show the current node, the steps and (if open) the plan so far; after an answer
        (``side_later``) the steps, title and plan follow in the frame after the question's,
        so the question the family is waiting for is drawn first."""
        async with self._redraw:
            await self._refresh_view()
        if side_later:
            self.call_after_refresh(self._show_progress)
        else:
            self._show_progress()
        self.call_after_refresh(startup.tidy)  # once it is drawn: the family reads it now

    async def _refresh_view(self) -> None:
        conv = self.conv
        prompt = conv.prompt()
        transcript = self.query_one(Transcript)
        if self._shown_node != conv.node_id:
            self._shown_node = conv.node_id
            more = (prompt.more, conv.t("ui.tell_me_more")) if prompt.more else None
            for notice in prompt.notices:
                transcript.add(notice.text, "warning" if notice.serious else "note", conv.locale)
            transcript.add(prompt.text, "assistant", conv.locale, more=more)
            if prompt.current and prompt.input is not InputKind.LIST:
                transcript.add(conv.t("ui.current", answer=prompt.current), "note", conv.locale)
            if prompt.needs_check:
                transcript.add(conv.t("ui.needs_check"), "note", conv.locale)
        await self.query_one(AnswerArea).show(prompt)

    def _show_progress(self) -> None:
        """The steps' states, the title (with the child's name) and the plan so far."""
        conv = self.conv
        words = {w: conv.t(f"status.{w}") for w in STATUS_WORDS}
        numbered = conv.flow.step_of(conv.node_id)
        step = numbered.id if numbered else None
        self.query_one(StepList).show(progress.steps(conv), step, words)
        title = conv.t("ui.title")
        if conv.plan.child.name:
            title += f" · {conv.plan.child.name}"
        shown = self.query_one("#title", Static)
        if str(shown.content) != title:  # most answers leave it: no line to draw again
            shown.update(title, layout=False)
        if self.show_plan:
            self.update_plan_panel()

    def update_plan_panel(self) -> None:
        """Redraw the plan so far."""
        from planner.dialogue.summary import draft_summary

        self.query_one("#plan", Static).update("\n".join(draft_summary(self.conv)))

    def say(self, text: str, kind: str = "note") -> None:
        """Add a message of our own to the conversation."""
        self.query_one(Transcript).add(text, kind, self.conv.locale)

    def _then_refresh(self, value: object) -> None:
        """After a dialog that changed something, draw the conversation again."""
        if value:
            self.call_later(self.refresh_view)

    def _go_to(self, node_id: str | None) -> None:
        """Go to a question chosen in a dialog, to change it."""
        if node_id:
            self.conv.change(node_id)
            self.call_later(self.refresh_view)

    def on_key(self, event: events.Key) -> None:
        """Keys that reached no control are the answer's, not lost: letters for a text box
        being drawn, and Enter or a number pressed while nothing had the focus (a browser page
        sends keys the moment it connects) or after a click on the conversation.
        """
        area = self.query_one(AnswerArea)
        if event.is_printable and event.character and area.take_key(event.character):
            event.stop()
            event.prevent_default()
        elif (event.key == "enter" or event.is_printable) and (
            self.focused is None or isinstance(self.focused, Transcript)
        ):
            event.stop()
            area.take_press(event.key)

    @on(AnswerArea.Submitted)
    async def _submitted(self, event: AnswerArea.Submitted) -> None:
        conv = self.conv
        node = conv.node
        result = conv.submit(event.raw)
        if not result.ok:
            self.query_one(AnswerArea).show_error(result.message)
            return
        transcript = self.query_one(Transcript)
        if node.kind == "ask" and node.input is not InputKind.LIST:
            shown = conv.display(node) if node.store else event.raw
            transcript.add(shown, "family", conv.locale, label=conv.t("ui.you"))
        for notice in result.notices:
            transcript.add(notice.text, "warning" if notice.serious else "note", conv.locale)
        await self.refresh_view(side_later=True)

    @on(ListAction)
    async def _list_action(self, event: ListAction) -> None:
        count = len(self.conv.items.all())
        if event.action == "list_done":
            result = self.conv.finish_list()
            if not result.ok:
                self.query_one(AnswerArea).show_error(result.message)
                return
            await self.refresh_view()
        elif event.action == "add":
            self.edit_item(None)
        elif event.index is not None and event.index < count:
            if event.action == "edit":
                self.edit_item(event.index)
            else:
                self.remove_item(event.index)
        else:
            message = self.t("error.list.no_such_item", count=count)
            self.query_one(AnswerArea).show_error(message)

    @on(AnswerArea.Action)
    def _action(self, event: AnswerArea.Action) -> None:
        actions: dict[str, Any] = {
            "back": self.action_go_back,
            "export": self.action_export,
            "ready": self.action_ready,
        }
        actions[event.action]()

    @on(StepList.Jump)
    async def _jump(self, event: StepList.Jump) -> None:
        self.conv.jump(event.step_id)
        await self.refresh_view()

    def edit_item(self, index: int | None) -> None:
        """Add (None) or change an item of the current list."""
        from planner.tui.screens.item_editor import ItemEditor

        words = {word: self.t(f"ui.{word}") for word in ("save", "cancel")}
        words["restored"] = self.t("ui.item_restored")
        self.app.push_screen(ItemEditor(self.conv, index, words), self._then_refresh)

    def remove_item(self, index: int) -> None:
        """Take an item out, after the family confirms."""
        from planner.tui.screens.dialogs import ConfirmDialog

        what = self.conv.items.lines()[index]

        def confirmed(answer: str | None) -> None:
            if answer == "yes":
                result = self.conv.items.remove(index)
                for notice in result.notices:  # what the change put in doubt
                    self.notify(notice.text, timeout=12)
                self._then_refresh(result.ok)

        t = self.t
        dialog = ConfirmDialog(
            t("ui.confirm_remove", what=what), t("ui.yes_remove"), t("ui.no_keep")
        )
        self.app.push_screen(dialog, confirmed)

    # --- the plan's keys --------------------------------------------------------------------

    def action_go_back(self) -> None:
        """Go back to the last question (answers are kept)."""
        if self.conv.back():
            self.call_later(self.refresh_view)
        else:
            self.say(self.t("ui.at_start"))

    def action_check(self) -> None:
        """Check your answers for this step, with Change beside each."""
        from planner.tui.screens.plan_dialogs import CheckAnswersDialog

        self.app.push_screen(CheckAnswersDialog(self.conv), self._go_to)

    def action_ready(self) -> None:
        """Is the plan ready to share? Each missing part has a Go there button."""
        from planner.tui.screens.plan_dialogs import ReadinessDialog

        self.app.push_screen(ReadinessDialog(self.conv), self._go_to)

    def action_toggle_plan(self) -> None:
        """Show or hide the plan so far."""
        self.show_plan = not self.show_plan

    def action_more(self, page: str = "") -> None:
        """The longer explanation of this question (or of the page named)."""
        from planner.tui.screens.plan_dialogs import PageDialog

        text = self.conv.more_text(page or None)
        if text is None:
            self.notify(self.t("plain.help_none"))
            return
        self.app.push_screen(PageDialog(text, self.t("ui.close")))

    def action_define(self, index: int) -> None:
        """Open the glossary at one word (by its place in the glossary)."""
        from planner.content.knowledge import glossary

        terms = glossary(self.conv.locale)
        if 0 <= index < len(terms):
            self.action_glossary(terms[index].term)

    def action_glossary(self, start: str = "") -> None:
        """Words and what they mean, with search."""
        from planner.tui.screens.glossary import GlossaryScreen

        t = self.t
        words = {"title": t("ui.glossary_title"), "search": t("ui.glossary_search")}
        words["close"] = t("ui.close")
        self.app.push_screen(GlossaryScreen(self.conv.locale, words, start))

    def action_ask(self) -> None:
        """Ask a question in your own words."""
        from planner.tui.screens.ask import AskScreen

        self.app.push_screen(AskScreen(self.conv))

    def action_facilitator(self) -> None:
        """F10 in a workshop: the facilitator's notes for this step."""
        from planner.tui.screens.plan_dialogs import PageDialog

        conv = self.conv
        step = conv.flow.step_of(conv.node_id)
        name = step.id if step else ("finish" if conv.finished else "welcome")
        text = conv.texts.facilitator(name) or conv.texts.facilitator("welcome") or ""
        self.app.push_screen(PageDialog(text, self.t("ui.close")))

    def action_language(self) -> None:
        """Ctrl+L: speak another language from now on; every answer is kept."""
        from planner.i18n import language_options
        from planner.tui.screens.plan_dialogs import LanguageDialog

        dialog = LanguageDialog(self.conv, language_options(self.conv.locale))
        self.app.push_screen(dialog, self._language_chosen)

    def _language_chosen(self, locale: str | None) -> None:
        if locale and locale != self.conv.locale:
            self.conv.set_locale(locale)
            self.post_message(self.Reopen())
