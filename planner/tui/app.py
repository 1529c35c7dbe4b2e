"""The Support Planner app: wires the screens, the keys and the themes. No domain logic here."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.theme import Theme

from planner.i18n import texts_for

if TYPE_CHECKING:
    from planner.dialogue.conversation import Conversation
    from planner.session import Session
    from planner.store.files import SavedPlan
    from planner.tui.screens.main import MainScreen

THEMES = (
    Theme(
        name="planner-calm",
        primary="#7FB7BE",
        secondary="#A5C8E4",
        accent="#F2C57C",
        foreground="#E8ECEF",
        background="#15232B",
        surface="#1C2E38",
        panel="#243B47",
        success="#9BD1A3",
        warning="#F2C57C",
        error="#F4A6A6",
        dark=True,
    ),
    Theme(
        name="planner-contrast",
        primary="#FFFF00",
        secondary="#FFFFFF",
        accent="#00FFFF",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#1A1A1A",
        success="#00FF00",
        warning="#FFFF00",
        error="#FF6666",
        dark=True,
    ),
    Theme(
        name="planner-large",
        primary="#FFD866",
        secondary="#FFFFFF",
        accent="#66D9EF",
        foreground="#FFFFFF",
        background="#000000",
        surface="#101010",
        panel="#202020",
        success="#A6E22E",
        warning="#FFD866",
        error="#FF6188",
        dark=True,
    ),
)
THEME_WORDS = {
    "planner-calm": "ui.theme_calm",
    "planner-contrast": "ui.theme_contrast",
    "planner-large": "ui.theme_large",
}


def save_download(data: bytes, name: str) -> Path:
    """Write a file into the Downloads folder, next to (never over) an earlier one.

    In a terminal we write the file ourselves: Textual 8.2.8's terminal delivery opens binary
    files with a text encoding and fails.
    """
    from platformdirs import user_downloads_path

    from planner.store.files import atomic_write

    folder = user_downloads_path()
    stem, _, suffix = name.rpartition(".")
    path = folder / name
    number = 2
    while path.exists():
        path = folder / f"{stem} ({number}).{suffix}"
        number += 1
    atomic_write(path, data)
    return path


def key_hints(texts: Any) -> str:
    """One line of keys, each clickable. (Textual's Footer costs ~100 ms to start.)"""
    hints = []
    for key, action, name, _ in KEYS:
        if key == "question_mark":
            continue
        shown = {"escape": "Esc"}.get(key, key.upper() if key.startswith("f") else key)
        shown = shown.replace("ctrl+", "^")
        hints.append(f"[@click=app.{action}][b]{shown}[/b] {texts.get(f'keyname.{name}')}[/]")
    return "  ".join(hints)


KEYS: tuple[tuple[str, str, str, bool], ...] = (
    ("f1", "help", "help", False),
    ("question_mark", "help", "help", False),
    ("escape", "go_back", "back", False),
    ("f2", "glossary", "glossary", False),
    ("f3", "check", "check", False),
    ("f4", "ask", "ask", False),
    ("f5", "toggle_plan", "plan", False),
    ("f6", "next_theme", "theme", False),
    ("f7", "more", "more", False),
    ("f8", "export", "export", False),
    ("f9", "ready", "ready", False),
    ("ctrl+s", "save", "save", True),
    ("ctrl+q", "quit_planner", "quit", True),
)
"""Every key: (key, action, name, priority). Each becomes a binding with the id
``planner.<name>`` and a description in the family's language (``key.<name>``)."""


class PlannerApp(App[str]):
    """A calm conversation that builds a support plan. Returns the plan's code on quitting."""

    TITLE = "Support Planner"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        session: Session | None = None,
        *,
        opener: Callable[[], Session] | None = None,
        theme: str = "planner-calm",
        saved: list[SavedPlan] | None = None,
        resume: Callable[[str], Session] | None = None,
    ) -> None:
        """Run with an open ``session``, or with an ``opener`` for a new plan: then the welcome
        is drawn first and the core is loaded straight after."""
        super().__init__()
        assert session is not None or opener is not None
        self._session = session
        self.opener = opener
        self.saved = saved or []
        self.resume = resume
        """Plans already saved, offered to carry on with (opened with ``resume``)."""
        self.start_theme = theme
        self.early_carry_on = False
        # Set before the stylesheet is read: setting it later parses all the CSS again.
        self.register_theme(next(t for t in THEMES if t.name == theme))
        self.theme = theme
        texts = texts_for(session.conversation.locale if session else "en_GB")
        # Bound here, not in BINDINGS, so descriptions are in the family's language.
        self._bindings.key_to_bindings.pop("ctrl+q", None)  # ours saves first
        for key, action, name, priority in KEYS:
            self._bindings._add_binding(
                Binding(
                    key,
                    action,
                    texts.get(f"keyname.{name}"),
                    show=key != "question_mark",
                    priority=priority,
                    tooltip=texts.get(f"key.{name}"),
                    id=f"planner.{name}",
                )
            )

    @property
    def session(self) -> Session:
        """The open plan's session."""
        assert self._session is not None, "the plan is still being opened"
        return self._session

    @property
    def conv(self) -> Conversation:
        """The open plan's conversation."""
        return self.session.conversation

    def on_mount(self) -> None:
        if self._session is not None:
            self._show_main()
            return
        from planner.paths import DEFAULT_FLOW, data_path
        from planner.tui.screens.first import FirstScreen, flow_outline

        outline = flow_outline(str(data_path("flows", f"{DEFAULT_FLOW}.yaml")))
        self.push_screen(FirstScreen(texts_for(), outline, key_hints(texts_for())))

    def on_ready(self) -> None:
        """The first frame is out: offer saved plans, or load the core off the event loop."""
        if self._session is not None:
            return
        if self.saved and self.resume is not None:
            self._offer_saved()
        else:
            self.run_worker(self._open, thread=True, name="open-plan")

    def _offer_saved(self) -> None:
        """Welcome back: carry on with a saved plan, or start a new one."""
        from planner.tui.screens.dialogs import Row, RowsDialog

        texts = texts_for()
        rows = [
            Row(
                texts.get(
                    "ui.start_line",
                    name=p.child_name or texts.get("word.no_name"),
                    changed=p.updated.strftime("%d/%m/%Y %H:%M"),
                ),
                p.plan_id,
                texts.get("ui.open"),
            )
            for p in self.saved
        ]
        dialog = RowsDialog(
            texts.get("ui.start_title"),
            texts.get("ui.start_intro"),
            rows,
            texts.get("ui.start_new"),
        )
        self.push_screen(dialog, self._chosen)

    def _chosen(self, code: str | None) -> None:
        if code is None or self.resume is None:
            self.run_worker(self._open, thread=True, name="open-plan")
            return
        resume = self.resume
        self.run_worker(lambda: self.call_from_thread(self._opened, resume(code)), thread=True)

    def _open(self) -> None:
        """Load the core and open the plan, off the event loop (the welcome is already shown)."""
        assert self.opener is not None
        session = self.opener()
        self.call_from_thread(self._opened, session)

    def _opened(self, session: Session) -> None:
        self._session = session
        if self.early_carry_on:
            self.conv.answer("")
        self.pop_screen()
        self._show_main()

    def _show_main(self) -> None:
        from planner.tui.screens.main import MainScreen

        self.session.on_problem = lambda error: self.notify(
            self.conv.t("ui.save_error"), severity="error", timeout=10
        )
        self.push_screen(MainScreen(self.conv))

    def watch_theme(self, theme: str) -> None:
        self.set_class(theme == "planner-large", "-large")

    @property
    def main(self) -> MainScreen:
        """The conversation screen."""
        from planner.tui.screens.main import MainScreen

        screen = self.screen_stack[1] if len(self.screen_stack) > 1 else self.screen
        assert isinstance(screen, MainScreen)
        return screen

    def t(self, key: str, **params: object) -> str:
        """A text in the family's language."""
        return self.conv.t(key, **params)

    # --- moving around ----------------------------------------------------------------------

    def action_go_back(self) -> None:
        """Go back to the last question."""
        if self.conv.back():
            self.call_later(self.main.refresh_view)
        else:
            self.main.say(self.t("ui.at_start"))

    def action_check(self) -> None:
        """Check your answers for this step, with Change beside each."""
        from planner.tui.screens.dialogs import Row, RowsDialog

        conv = self.conv
        step = conv.flow.step_of(conv.node_id) or conv.flow.steps[0]
        rows = [
            Row(
                f"{r.question}\n→ {r.answer}"
                + (f"  ({self.t('status.needs_check')})" if r.needs_check else ""),
                r.node_id,
                self.t("ui.change"),
            )
            for r in conv.summary(step.id)
        ]
        title = self.t("ui.check_title", number=step.number, title=self.t(step.title))
        intro = "" if rows else self.t("ui.check_none")
        self.push_screen(RowsDialog(title, intro, rows, self.t("ui.close")), self._change_to)

    def _change_to(self, node_id: str | None) -> None:
        if node_id:
            self.conv.change(node_id)
            self.call_later(self.main.refresh_view)

    def action_ready(self) -> None:
        """Is the plan ready to share? Each missing part has a Go there button."""
        from planner.domain.readiness import readiness
        from planner.tui.screens.dialogs import Row, RowsDialog

        missing = readiness(self.conv.plan)
        intro = self.t("doc.not_ready") if missing else self.t("doc.ready")
        rows = [Row(self.t(m.key), m.node, self.t("ui.go_there")) for m in missing]
        self.push_screen(
            RowsDialog(self.t("ui.ready_title"), intro, rows, self.t("ui.close")), self._change_to
        )

    # --- information ------------------------------------------------------------------------

    def action_help(self) -> None:
        """List every key."""
        from planner.tui.screens.dialogs import TextDialog

        lines = [self.t("ui.help_intro"), ""]
        for key, _, name, _ in KEYS:
            shown = "?" if key == "question_mark" else key.upper()
            lines.append(f"{shown:>8}  {self.t(f'key.{name}')}")
        lines.append(f"{'1-9':>8}  {self.t('ui.choose_hint')}")
        lines.append(f"{'TAB':>8}  {self.t('key.answer')}")
        self.push_screen(TextDialog(self.t("ui.help_title"), "\n".join(lines), self.t("ui.close")))

    def action_more(self, key: str = "") -> None:
        """Show the longer explanation for this question (or the page named)."""
        from planner.tui.screens.dialogs import TextDialog

        page = key or self.conv.node.more
        text = self.conv.texts.more(page) if page else None
        if text is None:
            self.notify(self.t("plain.help_none"))
            return
        title, _, body = text.partition("\n")
        self.push_screen(
            TextDialog(title.lstrip("# "), body.strip(), self.t("ui.close"), markdown=True)
        )

    def action_define(self, index: int) -> None:
        """Open the glossary at one word (by its place in the glossary)."""
        from planner.content.knowledge import glossary

        terms = glossary(self.conv.locale)
        if 0 <= index < len(terms):
            self.action_glossary(terms[index].term)

    def action_glossary(self, start: str = "") -> None:
        """Words and what they mean, with search."""
        from planner.tui.screens.glossary import GlossaryScreen

        words = {
            "title": self.t("ui.glossary_title"),
            "search": self.t("ui.glossary_search"),
            "close": self.t("ui.close"),
        }
        self.push_screen(GlossaryScreen(self.conv.locale, words, start))

    def action_ask(self) -> None:
        """Ask a question in your own words."""
        from planner.tui.screens.ask import AskScreen

        words = {
            "title": self.t("ui.ask_title"),
            "placeholder": self.t("ui.ask_placeholder"),
            "none": self.t("ui.ask_none"),
            "close": self.t("ui.close"),
        }
        self.push_screen(AskScreen(self.conv.locale, words))

    def action_toggle_plan(self) -> None:
        """Show or hide the plan so far."""
        self.main.show_plan = not self.main.show_plan

    def action_next_theme(self) -> None:
        """Change the colours: calm, high contrast, large."""
        for theme in THEMES:  # registered on first use, to keep start-up quick
            if theme.name not in self.available_themes:
                self.register_theme(theme)
        names = [t.name for t in THEMES]
        following = (
            names[(names.index(self.theme) + 1) % len(names)] if self.theme in names else names[0]
        )
        self.theme = following
        self.notify(self.t("ui.theme", theme=self.t(THEME_WORDS[following])))

    # --- lists ------------------------------------------------------------------------------

    def edit_item(self, index: int | None) -> None:
        """Add (None) or change an item of the current list."""
        from planner.tui.screens.item_editor import ItemEditor

        words = {"save": self.t("ui.save"), "cancel": self.t("ui.cancel")}
        self.push_screen(ItemEditor(self.conv, index, words), self._item_saved)

    def _item_saved(self, saved: bool | None) -> None:
        if saved:
            self.call_later(self.main.refresh_view)

    def remove_item(self, index: int) -> None:
        """Take an item out, after the family confirms."""
        from planner.tui.screens.dialogs import ConfirmDialog

        what = self.conv.item_lines(self.conv.node)[index]

        def confirmed(answer: str | None) -> None:
            if answer == "yes":
                self.conv.remove_item(index)
                self.call_later(self.main.refresh_view)

        dialog = ConfirmDialog(
            self.t("ui.confirm_remove", what=what), self.t("ui.yes_remove"), self.t("ui.no_keep")
        )
        self.push_screen(dialog, confirmed)

    # --- saving and files -------------------------------------------------------------------

    def action_export(self) -> None:
        """Save the plan as a file: a download in the browser, the Downloads folder here."""
        from planner.tui.screens.dialogs import Row, RowsDialog

        rows = [
            Row(self.t(f"ui.export_{fmt}"), fmt, self.t("ui.save"))
            for fmt in ("docx", "html", "md", "json")
        ]
        dialog = RowsDialog(
            self.t("ui.export_title"), self.t("ui.export_intro"), rows, self.t("ui.close")
        )
        self.push_screen(dialog, self._export)

    def _export(self, fmt: str | None) -> None:
        if fmt:
            self.run_worker(lambda: self._render(fmt), thread=True, exclusive=True, group="export")

    def _render(self, fmt: str) -> None:
        from planner.render.export import Format, file_name, render

        chosen = Format(fmt)
        name = file_name(self.conv.plan, chosen)
        try:
            data = render(self.conv.plan, chosen, self.conv.locale)
            if not self.is_web:
                path = save_download(data, name)
                self.call_from_thread(self.notify, self.t("ui.exported_terminal", file=str(path)))
                return
        except OSError:
            self.call_from_thread(self.notify, self.t("ui.export_failed"), severity="error")
            return
        self.call_from_thread(self._deliver, data, name, chosen.media_type)

    def _deliver(self, data: bytes, name: str, media_type: str) -> None:
        """Start a download in the browser."""
        self.deliver_binary(io.BytesIO(data), save_filename=name, mime_type=media_type)
        self.notify(self.t("ui.exported_browser", file=name), timeout=8)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        """Say plainly that the download did not work."""
        self.notify(self.t("ui.export_failed"), severity="error", timeout=10)

    def action_save(self) -> None:
        """Save now and show the code to carry on later."""
        self.session.save(self.conv.state)
        self.notify(self.t("ui.saved", code=self.session.code), timeout=10)

    def action_quit_planner(self) -> None:
        """Save and stop. Nothing is lost."""
        self.session.save(self.conv.state)
        self.exit(self.session.code)
