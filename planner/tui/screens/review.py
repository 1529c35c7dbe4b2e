"""A review of the plan (step 7 in use): each outcome on a five-point scale with a note, what
is working and not, money spent so far, and what should change.

Every box is checked at once when the review is kept; each problem is shown under its box and
nothing typed is lost.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from planner.dialogue.review_form import BOXES, LONG_BOXES, read_review
from planner.domain.models import Plan, PlanReview
from planner.domain.vocab import Progress
from planner.i18n import Texts
from planner.tui.screens.dialogs import DIALOG_CSS
from planner.tui.widgets.long_text import LongText


class ReviewScreen(ModalScreen[PlanReview | None]):
    """The review form; returns the review, or None if closed."""

    DEFAULT_CSS = (
        DIALOG_CSS
        + """
    #review { height: 90%; }
    #review-form { height: 1fr; }
    .review-long { height: 5; }
    .outcome-row { height: auto; }
    .outcome-row Select { width: 30; }
    .outcome-row Input { width: 1fr; }
    """
    )
    SCOPED_CSS = False
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="review.close")]

    def __init__(self, plan: Plan, texts: Texts, today: date) -> None:
        super().__init__()
        self.plan = plan
        self.texts = texts
        self.today = today

    def compose(self) -> ComposeResult:
        t = self.texts.get
        scale = [(t(f"opt.progress.{p.value}"), p.value) for p in Progress]
        with Vertical(classes="dialog wide", id="review"):
            yield Static(t("ui.review_title"), classes="dialog-title", markup=False)
            with VerticalScroll(id="review-form"):
                yield Static(t("ui.review_intro"), classes="dialog-text", markup=False)
                yield from self._box("held", self.today.strftime("%d/%m/%Y"))
                yield Static(t("ui.review_outcomes"), classes="dialog-title", markup=False)
                if not self.plan.outcomes:
                    yield Static(t("ui.review_no_outcomes"), markup=False)
                for outcome in self.plan.outcomes:
                    yield Label(outcome.what, markup=False)
                    with Horizontal(classes="outcome-row"):
                        yield Select(scale, prompt=t("ui.review_choose"), id=f"scale-{outcome.id}")
                        yield Input(
                            placeholder=t("ui.review_note"), id=f"note-{outcome.id}", max_length=200
                        )
                    yield Static(
                        "", id=f"error-note-{outcome.id}", classes="field-error", markup=False
                    )
                for name in BOXES[1:]:
                    yield from self._box(name, "")
            with Horizontal(classes="buttons"):
                yield Button(t("ui.review_keep"), id="keep", variant="primary")
                yield Button(t("ui.close"), id="close")

    def _box(self, name: str, value: str) -> ComposeResult:
        with Vertical(classes="field"):
            yield Label(self.texts.get(f"ui.review_{name}"), markup=False)
            if name in LONG_BOXES:
                yield LongText(value, id=f"box-{name}", classes="review-long", soft_wrap=True)
            else:
                yield Input(value, id=f"box-{name}", max_length=200)
            yield Static("", id=f"error-{name}", classes="field-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#box-held", Input).focus()

    def _value(self, name: str) -> str:
        box = self.query_one(f"#box-{name}")
        return box.text if isinstance(box, LongText) else str(getattr(box, "value", ""))

    @on(Button.Pressed, "#keep")
    def _keep(self, event: Button.Pressed) -> None:
        event.stop()
        boxes = {name: self._value(name) for name in BOXES}
        progress, notes = {}, {}
        for outcome in self.plan.outcomes:
            chosen = self.query_one(f"#scale-{outcome.id}", Select).value
            progress[outcome.id] = chosen if isinstance(chosen, str) else ""
            notes[outcome.id] = self.query_one(f"#note-{outcome.id}", Input).value
        review, problems = read_review(
            self.plan, boxes, progress, notes, self.today, locale=self.texts.locale
        )
        for place in self.query(".field-error"):
            name = (place.id or "").removeprefix("error-")
            error = problems.get(name)
            place.update(self.texts.get(error.key, **error.params) if error else "")  # type: ignore[attr-defined]
        if review is not None:
            self.dismiss(review)
        else:
            first = next(iter(problems))
            self.query_one(f"#error-{first}").scroll_visible()

    @on(Button.Pressed, "#close")
    def _close(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
