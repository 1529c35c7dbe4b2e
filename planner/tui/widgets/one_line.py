"""An answer box of one line that keeps the whole of a paste.

Textual 8.2.8's ``Input`` keeps only the first line of pasted text and drops the rest, so a
family pasting a few lines into a one-line answer (an outcome, a name copied from a letter)
would lose words without knowing. Here the lines are joined with spaces instead.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OneLine(Input):
    """An ``Input`` that joins the lines of a paste instead of dropping all but the first."""

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Textual would also run Input's own handler after this one
        if event.text:
            line = " ".join(part.strip() for part in event.text.splitlines() if part.strip())
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(line)
            else:
                self.replace(line, *selection)
        event.stop()
