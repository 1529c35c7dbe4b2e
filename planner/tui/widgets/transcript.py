"""The conversation so far: the planner's words and the family's replies."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from planner.tui.text import with_terms

LIMIT = 30
"""Messages kept on screen; older ones are removed so each update stays quick."""


class Transcript(VerticalScroll):
    """A scrolling list of messages. Glossary words in the planner's messages can be clicked."""

    def add(
        self,
        text: str,
        kind: str,
        locale: str,
        *,
        label: str = "",
        more: tuple[str, str] | None = None,
    ) -> None:
        """Add a message: ``kind`` is assistant, family, error, note or warning.

        ``more`` is a "tell me more" link: the page key and the words to show.
        """
        markup = with_terms(text, locale) if kind == "assistant" else _escape(text)
        if label:
            markup = f"[b]{_escape(label)}:[/b] {markup}"
        if more:
            key, words = more
            markup += f"\n[@click=screen.more('{key}')][u]{_escape(words)}[/u][/]"
        self.mount(Static(markup, classes=f"message {kind}"))
        extra = len(self.children) - LIMIT
        for child in list(self.children)[: max(0, extra)]:
            child.remove()
        self.scroll_end(animate=False)


def _escape(text: str) -> str:
    from planner.tui.text import escape

    return escape(text)
