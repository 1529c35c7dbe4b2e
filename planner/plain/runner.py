"""``planner plain``: the conversation one line at a time, for screen readers and scripts.

Prompts go to standard output and answers come from standard input, one a line. It works over
a pipe with no terminal. At the end of the input, on ``quit`` and on Ctrl+C it saves, says how
to carry on, and exits 0; an item part way through is kept as a draft and offered again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from planner.dialogue.prompt import Prompt
from planner.dialogue.schema import InputKind
from planner.plain.commands import Commands, Quit
from planner.plain.finish import FinishMenu
from planner.plain.lists import ListEditor
from planner.services.session import Session

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
"""How a terminal in bracketed-paste mode marks pasted text (see :func:`pasting`)."""


class EndOfInput(EOFError):
    """Standard input has ended (Ctrl+D, or the end of a pipe)."""


@contextmanager
def pasting(write: Callable[[str], None], terminal: bool) -> Iterator[None]:
    """Ask a terminal to mark pasted text, so a paste of several lines stays one answer; put
    the terminal back as it was afterwards. Nothing is sent over a pipe."""
    if terminal:
        write("\x1b[?2004h")
    try:
        yield
    finally:
        if terminal:
            write("\x1b[?2004l")


class PlainRunner:
    """Runs one plan's conversation over lines of text."""

    def __init__(
        self, session: Session, lines: Iterator[str], write: Callable[[str], None]
    ) -> None:
        self.session = session
        self.conv = session.conversation
        self.conv.typed = True  # its texts say "type language", not "press Ctrl+L"
        self.lines = lines
        self.write = write
        self.shown_step: str | None = None
        self.started_lists: set[str] = set()
        session.on_problem = lambda error: write(self.t(error.key, **error.params))
        self.commands = Commands(self.conv, write)
        self.lists = ListEditor(self.commands, self.read)

    def t(self, key: str, **params: object) -> str:
        """A text in the family's language."""
        return self.conv.t(key, **params)

    def read(self) -> str:
        """The next answer typed, or :class:`EndOfInput`. A paste of several lines (a letter,
        an email with blank lines) is one answer, with its lines kept."""
        line = self._line()
        if PASTE_START not in line:
            return line
        pasted = [line.replace(PASTE_START, "")]
        while PASTE_END not in pasted[-1]:
            try:
                pasted.append(self._line())
            except EndOfInput:
                break
        pasted[-1] = pasted[-1].replace(PASTE_END, "")
        return "\n".join(pasted).strip("\n")

    def _line(self) -> str:
        try:
            line = next(self.lines)
        except StopIteration:
            raise EndOfInput from None
        return line.rstrip("\r\n")

    def run(self) -> int:
        """Go through the conversation, then offer the finish menu, until the family stops or
        the input ends. Returns 0."""
        self.write(self.t("plain.how_to"))
        finish = FinishMenu(self.session, self.commands, self.read)
        at_finish, menu = False, True
        try:
            while True:
                if self.conv.finished:
                    if not at_finish:
                        finish.show()
                    at_finish = True
                    menu = finish.choose(menu)
                    continue
                at_finish, menu = False, True
                node = self.conv.node
                if node.kind == "say":  # read, not answered: the question follows at once
                    self.show_prompt()
                    self.commands.said_more = node.more
                    if node.draft:  # the plan made: offered as a file before carrying on
                        finish.offer_draft()
                    else:
                        self.conv.answer("")
                    continue
                if node.input is InputKind.LIST and self.lists.offer_draft():
                    continue  # a command instead of an answer: the draft is offered again
                self.show_prompt()
                if node.item is not None and self.conv.flow.items[node.item].partial:
                    self.lists.walk()
                    continue
                if node.input is InputKind.LIST and self._first_item_at_once(node.required):
                    continue
                line = self.read()
                if not self.commands.handle(line):
                    self.respond(line)
                    self.commands.said_more = None
        except (EndOfInput, Quit, KeyboardInterrupt):  # Ctrl+D, quit, Ctrl+C: saved, with the code
            return self.stop()

    def _first_item_at_once(self, required: bool) -> bool:
        """At an empty list, start the first item straight away (no "add" to type), once:
        after a cancel the list's menu is shown. A list that may stay empty (the helpers)
        takes the first item's words, or Enter for none."""
        node_id = self.conv.node_id
        empty = not self.conv.items.all() and self.conv.state.item_draft is None
        if not empty or node_id in self.started_lists:
            return False
        self.started_lists.add(node_id)
        if required:
            self.write(self.t("plain.list_first"))
            self.lists.edit(None)
            return True
        self.write(self.t("plain.list_first_optional"))
        line = self.read()
        if not line.strip() or self.lists.is_command(line):
            self.lists.command(line)  # Enter: nobody to add; or the list's own words
        elif not self.commands.handle(line):
            self.lists.start_with(line.strip())
        return True

    def stop(self) -> int:
        """Save, say how to carry on, and finish."""
        self.session.save_now()
        self.write("")
        if self.session.store is not None and not self.session.problems:
            self.write(self.t("plain.saved"))
            self.write(self.t("plain.resume", code=self.conv.plan.id))
        self.write(self.t("plain.goodbye"))
        return 0

    def respond(self, line: str) -> None:
        """Treat a line as the answer to the current node."""
        if self.conv.node.input is InputKind.LIST:
            self.lists.command(line)
            return
        result = self.conv.submit(line)
        if not result.ok:
            self.write(result.message)
        for notice in result.notices:
            self.write(notice.text)

    def _show_answer_help(self, prompt: Prompt) -> None:
        """Under a question: its options, how else it can be answered, and the answer so far."""
        self.commands.show_choices(self.conv.node)
        if self.conv.node.amount is not None:
            self.write(self.t("plain.amount_here"))
        if prompt.kind == "ask" and not prompt.required:
            self.write(self.t("plain.optional"))
        if prompt.current:
            self.write(self.t("plain.current", answer=prompt.current))
        if prompt.needs_check:
            self.write(self.t("plain.needs_check"))

    def show_prompt(self) -> None:
        """Print the current node: its step, its words, its options and any earlier answer."""
        prompt = self.conv.prompt()
        self.write("")
        if self.commands.language_changed:
            self.commands.language_changed = False
            self.shown_step = None
        if prompt.step is not None and prompt.step.id != self.shown_step:
            self.shown_step = prompt.step.id
            self.write(
                self.t("plain.step_heading", number=prompt.step.number, title=prompt.step_title)
            )
            self.write("")
        self.write("\n".join([*(notice.text for notice in prompt.notices), prompt.text]))
        partial = (
            prompt.input is InputKind.LIST
            and self.conv.flow.items[self.conv.node.item or ""].partial
        )
        if partial:
            return
        if prompt.input is InputKind.LIST:
            self.lists.show_items(prompt.items)
            if prompt.needs_check:
                self.write(self.t("plain.needs_check"))
            self.write(self.t("plain.list_menu"))
        else:
            self._show_answer_help(prompt)
        if (prompt.more or self.commands.said_more) and prompt.kind != "say":
            self.write(self.t("plain.more_hint"))
