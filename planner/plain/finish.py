"""The end of the conversation in line mode: the draft plan in a few lines, then a menu to save
it as a file (each format), see what is still missing, change an answer, or stop.

``planner plain --resume CODE`` on a finished plan opens the same menu.
"""

from __future__ import annotations

from collections.abc import Callable

from planner.dialogue.summary import draft_summary
from planner.plain.commands import Commands, Quit
from planner.services.session import Session

MENU = ("save", "ready", "change", "quit")
"""The finish menu's entries, in order: each is chosen by its number or its command word."""

DRAFT_MENU = ("done", "save", "quit")
"""What can be done where the draft plan is ready: carry on (Enter), save it, or stop."""


class FinishMenu:
    """What a family can do once the conversation has reached the finish."""

    def __init__(self, session: Session, commands: Commands, read: Callable[[], str]) -> None:
        self.session = session
        self.conv = session.conversation
        self.commands = commands
        self.read = read
        self.write = commands.write

    def t(self, key: str, **params: object) -> str:
        return self.conv.t(key, **params)

    def show(self) -> None:
        """The finish: well done, the draft in a few lines, and whether it is ready."""
        self.write("")
        self.write(self.t(self.conv.node.text))
        for line in draft_summary(self.conv):
            self.write(line)
        self.commands.ready()

    def choose(self, menu: bool = True) -> bool:
        """Read one choice (after showing the menu, if ``menu``) and carry it out. Any command
        works here too (``go 2``, ``change 1`` after the readiness list, ``back``): it may take
        the family back into the conversation, which brings them here again when they have
        answered. Returns whether to show the menu before the next choice: not straight after
        a list the family is reading (what is missing, the steps, the questions of a step)."""
        if menu:
            self._show_menu("plain.finish_menu", "plain.finish", MENU)
        line = self.read().strip()
        chosen = self._chosen(line)
        if chosen == "save":
            self.save()
            return True
        if chosen == "ready":
            self.commands.ready()
            return not self.commands.last_check  # nothing missing: nothing to read
        if chosen == "change":
            self.commands.go([])
        elif chosen == "quit":
            raise Quit
        elif not self.commands.handle(line):
            self.write(self.t("error.choice.unknown", count=len(MENU)))
            return True
        return False

    def offer_draft(self) -> None:
        """Where the plan made in step 2 is ready: its few lines, then carry on (Enter), save it
        as a file to share, or stop. Any command works too; it takes the family elsewhere."""
        for line in draft_summary(self.conv):
            self.write(line)
        while True:
            self._show_menu("plain.draft_menu", "plain.draft", DRAFT_MENU)
            line = self.read().strip()
            chosen = "done" if not line else self._chosen(line, DRAFT_MENU)
            if chosen == "done":
                self.conv.answer("")
                return
            if chosen == "save":
                self.save()
            elif chosen == "quit":
                raise Quit
            elif self.commands.handle(line):
                return
            else:
                self.write(self.t("error.choice.unknown", count=len(DRAFT_MENU)))

    def _show_menu(self, heading: str, prefix: str, menu: tuple[str, ...]) -> None:
        """A menu's question, then its entries numbered (each text is ``<prefix>_<name>``)."""
        self.write("")
        self.write(self.t(heading))
        for number, name in enumerate(menu, start=1):
            self.write(f"  {number}. {self.t(f'{prefix}_{name}')}")

    def _chosen(self, line: str, menu: tuple[str, ...] = MENU) -> str | None:
        if line.isascii() and line.isdigit() and 1 <= int(line) <= len(menu):
            return menu[int(line) - 1]
        words = line.split()
        if len(words) == 1:
            return next((name for name in menu if self.commands.said(words[0], name)), None)
        return None

    def save(self) -> None:
        """Ask which format, then write the plan into the Downloads folder and say where."""
        from planner.services.exporting import choices, plan_file, save_download
        from planner.store.files import StoreError

        options = choices(self.conv.locale, notes=False)
        self.write(self.t("plain.save_which"))
        for number, option in enumerate(options, start=1):
            self.write(f"  {number}. {self.t(option.key, **option.params)}")
        line = self.read().strip()
        if not (line.isascii() and line.isdigit() and 1 <= int(line) <= len(options)):
            self.write(self.t("plain.save_none"))
            return
        try:
            file = plan_file(self.session, options[int(line) - 1].value)
            path = save_download(file.data, file.name)
        except OSError:
            self.write(self.t("ui.export_failed"))
            return
        except StoreError as error:
            self.write(self.t(error.key, **error.params))
            return
        self.write(self.t("ui.exported_terminal", file=str(path)))
