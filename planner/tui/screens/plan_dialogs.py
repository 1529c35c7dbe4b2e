"""The conversation screen's dialogs. Each is given what it shows, builds its own rows, and
returns a value with ``dismiss``; none of them touches the store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from planner.dialogue import progress
from planner.dialogue.conversation import Conversation
from planner.dialogue.timeline_form import (
    DATE_FIELDS,
    DateProblem,
    dated_lines,
    plan_key_dates,
    read_dates,
)
from planner.domain.errors import InputError
from planner.domain.timeline import KeyDate
from planner.i18n import Texts, texts_for
from planner.services.exporting import Choice
from planner.tui.screens.dialogs import Field, FormDialog, Row, RowsDialog, TextDialog


class CheckAnswersDialog(RowsDialog):
    """The answers of the step the family is in, each with Change; returns a node id. Step 1
    starts with the first questions (who is filling it in, the name, the date of birth, the EHC
    plan), which belong to no step, so that they too are two moves away."""

    def __init__(self, conv: Conversation) -> None:
        t = conv.t
        step = conv.current_step()
        first = progress.check_rows(conv, "welcome") if step == conv.flow.steps[0] else []
        rows = [
            Row(
                f"{r.question}\n→ {r.answer}"
                + (f"  ({t('status.needs_check')})" if r.needs_check else ""),
                r.node_id,
                t("ui.change"),
            )
            for r in [*first, *progress.check_rows(conv, step.id)]
        ]
        title = t("ui.check_title", number=step.number, title=t(step.title))
        super().__init__(title, "" if rows else t("ui.check_none"), rows, t("ui.close"))


class ReadinessDialog(RowsDialog):
    """Is the plan ready to share? Each missing part has Go there; returns a node id."""

    def __init__(self, conv: Conversation) -> None:
        t = conv.t
        missing = progress.missing_rows(conv)
        rows = [Row(m.question, m.node_id, t("ui.go_there")) for m in missing]
        intro = t("doc.not_ready") if missing else t("doc.ready")
        super().__init__(t("ui.ready_title"), intro, rows, t("ui.close"))


class PageDialog(TextDialog):
    """A page of explanation in Markdown, its first line the title (tell me more, notes)."""

    def __init__(self, text: str, close: str) -> None:
        title, _, body = text.partition("\n")
        super().__init__(title.lstrip("# "), body.strip(), close, markdown=True)


class LanguageDialog(RowsDialog):
    """Every language, each button in its own language for someone who cannot read this one;
    returns a locale."""

    def __init__(self, conv: Conversation, options: Sequence[tuple[str, str]]) -> None:
        t = conv.t
        rows = [Row(name, code, texts_for(code).get("ui.language_use")) for code, name in options]
        super().__init__(t("ui.language_title"), t("ui.language_intro"), rows, t("ui.close"))


class ExportDialog(RowsDialog):
    """The ways to save the plan as a file; returns the chosen value (``docx``, ``md+notes``)."""

    def __init__(self, conv: Conversation, choices: Sequence[Choice], *, bilingual: bool) -> None:
        t = conv.t
        intro = t("ui.export_intro")
        if bilingual:
            intro = f"{intro} {t('ui.export_bilingual_intro')}"
        super().__init__(t("ui.export_title"), intro, choice_rows(conv, choices), t("ui.close"))


class AfterReviewDialog(RowsDialog):
    """After a review: its summary as a file, or the next version of the plan; returns a
    format or ``next``."""

    def __init__(self, conv: Conversation, choices: Sequence[Choice]) -> None:
        t = conv.t
        rows = choice_rows(conv, choices)
        rows.append(Row(t("ui.review_next_version"), "next", t("ui.review_start")))
        title, intro = t("ui.review_done_title"), t("ui.review_done_intro")
        super().__init__(title, intro, rows, t("ui.close"))


def choice_rows(conv: Conversation, choices: Sequence[Choice]) -> list[Row]:
    """A row with a Save button for each way to save."""
    save = conv.t("ui.save")
    return [Row(conv.t(c.key, **c.params), c.value, save) for c in choices]


class ChooseExampleDialog(RowsDialog):
    """A facilitator chooses an example family to start with; returns its id, or None for a
    blank plan."""

    def __init__(self, texts: Texts, examples: Sequence[tuple[str, str]]) -> None:
        t = texts.get
        rows = [Row(title, example_id, t("ui.workshop_use")) for example_id, title in examples]
        super().__init__(
            t("ui.workshop_title"), t("ui.workshop_intro"), rows, t("ui.workshop_blank")
        )


class TimelineDialog(FormDialog):
    """Ctrl+T: the dates the family knows; ``dates`` holds the key dates that follow."""

    def __init__(self, conv: Conversation, today: date) -> None:
        self.conv = conv
        self.today = today
        self.dates: list[KeyDate] = []
        t = conv.t
        super().__init__(
            t("ui.dates_title"),
            t("ui.dates_intro"),
            [Field(name, t(f"ui.dates_{name}")) for name in DATE_FIELDS],
            ok=t("ui.dates_ok"),
            close=t("ui.close"),
            check=self._read,
        )

    def _read(self, values: dict[str, str]) -> str | None:
        t = self.conv.t
        try:
            found = read_dates(values, self.today)
        except DateProblem as problem:
            return f"{t(f'ui.dates_{problem.field}')}: {t(problem.key, **problem.params)}"
        except InputError as error:
            return t(error.key, **error.params)
        self.dates = plan_key_dates(self.conv.plan, found, self.today)
        return None


def key_dates_text(conv: Conversation, dates: Sequence[KeyDate]) -> str:
    """The key dates as Markdown lines, with the advice to check them."""
    lines = [f"- **{day}**: {what}" for day, what in dated_lines(dates, conv.t, conv.locale)]
    return "\n".join([*lines, "", conv.t("timeline.check")])
