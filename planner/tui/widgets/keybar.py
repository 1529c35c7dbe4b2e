"""The line of keys at the bottom of the screen, in the family's language."""

from __future__ import annotations

from textual import events
from textual.widgets import Static

from planner.i18n import Texts
from planner.tui.keys import key_hints


class KeyBar(Static):
    """Clickable keys, as many as fit whole in the width there is: in a language with longer
    words the last ones are left out (F1 lists them all) rather than cut in half."""

    def __init__(self, texts: Texts, *, workshop: bool = False) -> None:
        super().__init__(key_hints(texts, workshop), id="keys")
        self.texts = texts
        self.workshop = workshop

    def on_resize(self, event: events.Resize) -> None:
        self.update(key_hints(self.texts, self.workshop, self.content_size.width))
