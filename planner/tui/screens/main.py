"""The conversation screen: the steps, the conversation, the answer area and the plan so far."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from planner.dialogue.conversation import Conversation
from planner.dialogue.schema import InputKind
from planner.tui.widgets.answer import AnswerArea
from planner.tui.widgets.keybar import KeyBar
from planner.tui.widgets.steps import StepList
from planner.tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp

STATUS_WORDS = ("not_started", "in_progress", "done", "needs_check")
ANSWER_WORDS = (
    "carry_on",
    "back",
    "save_answer",
    "long_hint",
    "done",
    "add",
    "edit",
    "remove",
    "optional",
    "choose_hint",
    "choices_hint",
    "finished",
    "list_keys",
)


class MainScreen(Screen[None]):
    """The conversation itself."""

    CSS_PATH = ["../styles/app.tcss"]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    show_plan: reactive[bool] = reactive(False)
    """Whether the "plan so far" panel is shown."""

    def __init__(self, conversation: Conversation) -> None:
        super().__init__()
        self.conv = conversation
        self._shown_node: str | None = None
        self._redraw = asyncio.Lock()  # one redraw at a time: the answer area is swapped

    @property
    def planner(self) -> PlannerApp:
        """The app, typed."""
        from planner.tui.app import PlannerApp

        assert isinstance(self.app, PlannerApp)
        return self.app

    def words(self) -> dict[str, str]:
        """The texts the answer area needs, in the family's language."""
        t = self.conv.t
        found = {key: t(f"ui.{key}") for key in ANSWER_WORDS}
        found["export"] = t("key.export")
        found["ready"] = t("key.ready")
        found["no_answer"] = t("word.no_answer")
        found["none_yet"] = t("plain.list_empty")
        return found

    def compose(self) -> ComposeResult:
        t = self.conv.t
        yield Static(t("ui.title"), id="title")
        with Horizontal(id="body"):
            with Vertical(id="side"):
                yield Static(t("ui.steps"), classes="heading")
                yield StepList(id="steps")
            with Vertical(id="main"):
                yield Transcript(id="transcript")
                yield AnswerArea(self.words(), id="answer")
            yield Static("", id="plan")
        yield KeyBar(self.conv.texts, workshop=getattr(self.app, "workshop", False))

    async def on_mount(self) -> None:
        await self.refresh_view()

    def watch_show_plan(self, show: bool) -> None:
        self.query_one("#plan").display = show
        if show:
            self.update_plan_panel()

    # --- showing ----------------------------------------------------------------------------

    async def refresh_view(self) -> None:
        """Show the current node, the steps and (if open) the plan so far."""
        async with self._redraw:
            await self._refresh_view()

    async def _refresh_view(self) -> None:
        conv = self.conv
        prompt = conv.prompt()
        transcript = self.query_one(Transcript)
        if self._shown_node != conv.node_id:
            self._shown_node = conv.node_id
            more = (prompt.more, conv.t("ui.tell_me_more")) if prompt.more else None
            transcript.add(prompt.text, "assistant", conv.locale, more=more)
            if prompt.current and prompt.input is not InputKind.LIST:
                transcript.add(conv.t("ui.current", answer=prompt.current), "note", conv.locale)
            if prompt.needs_check:
                transcript.add(conv.t("ui.needs_check"), "note", conv.locale)
        await self.query_one(AnswerArea).show(prompt)
        words = {w: conv.t(f"status.{w}") for w in STATUS_WORDS}
        step = prompt.step.id if prompt.step else None
        self.query_one(StepList).show(conv.progress(), step, words)
        title = conv.t("ui.title")
        if conv.plan.child.name:
            title += f" · {conv.plan.child.name}"
        self.query_one("#title", Static).update(title)
        if self.show_plan:
            self.update_plan_panel()

    def update_plan_panel(self) -> None:
        """Redraw the plan so far."""
        from planner.dialogue.summary import draft_summary

        self.query_one("#plan", Static).update("\n".join(draft_summary(self.conv)))

    def say(self, text: str, kind: str = "note") -> None:
        """Add a message of our own to the conversation."""
        self.query_one(Transcript).add(text, kind, self.conv.locale)

    # --- answers ----------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Letters typed for a text question while its box was being drawn are kept, not lost.

        A printable key that reaches the screen during a text question never reached the box
        (the box takes the keys it gets), so it belongs there.
        """
        if event.is_printable and event.character:
            area = self.query_one(AnswerArea)
            if area.take_key(event.character):
                event.stop()
                event.prevent_default()

    @on(AnswerArea.Submitted)
    async def _submitted(self, event: AnswerArea.Submitted) -> None:
        conv = self.conv
        node = conv.node
        keep = node.kind == "ask" and not event.raw.strip() and conv.node_id in conv.state.answered
        result = conv.keep() if keep else conv.answer(event.raw)
        if not result.ok:
            self.query_one(AnswerArea).show_error(result.message)
            return
        if node.kind == "ask" and node.input is not InputKind.LIST:
            shown = conv.display(node) if node.store else event.raw
            self.query_one(Transcript).add(shown, "family", conv.locale, label=conv.t("ui.you"))
        await self.refresh_view()

    @on(AnswerArea.ListAction)
    def _list_action(self, event: AnswerArea.ListAction) -> None:
        count = len(self.conv.items())
        if event.action == "list_done":
            self.post_message(AnswerArea.Submitted("done"))
        elif event.action == "add":
            self.planner.edit_item(None)
        elif event.index is not None and event.index < count:
            if event.action == "edit":
                self.planner.edit_item(event.index)
            else:
                self.planner.remove_item(event.index)
        else:
            message = self.conv.t("error.list.no_such_item", count=count)
            self.query_one(AnswerArea).show_error(message)

    @on(AnswerArea.Action)
    def _action(self, event: AnswerArea.Action) -> None:
        actions: dict[str, Any] = {
            "back": self.planner.action_go_back,
            "export": self.planner.action_export,
            "ready": self.planner.action_ready,
        }
        actions[event.action]()

    @on(StepList.Jump)
    async def _jump(self, event: StepList.Jump) -> None:
        self.conv.jump(event.step_id)
        await self.refresh_view()
