"""A TextArea that cannot crash the app while it is first drawn.

Textual 8.2.x can draw a TextArea before its component styles are ready, and then raises
``KeyError: No 'text-area--gutter' key in COMPONENT_CLASSES`` (Textualize/textual#6528, seen
here under load). Until a release fixes it, that one frame is drawn blank and redrawn at once.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea


class LongText(TextArea):
    """A TextArea for longer answers and notes."""

    def render_lines(self, crop: Region) -> list[Strip]:
        try:
            return super().render_lines(crop)
        except KeyError:
            self.call_after_refresh(self.refresh)
            return [Strip.blank(crop.width) for _ in range(crop.height)]
