"""The baseline: a minimal Textual app that shows one line of text."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    """One line, nothing else."""

    def compose(self) -> ComposeResult:
        yield Static("READY minimal")


if __name__ == "__main__":
    Minimal().run()
