"""The conversation so far: the planner's words and the family's replies.

One widget draws the whole conversation line by line, showing its newest lines. A message is
wrapped once, when it is added (and again only if the width or the styles change), so a new
answer costs drawing this one widget again: no widget is mounted, nothing is laid out and
nothing scrolls. A scrolling list of one widget per message made the whole conversation move
on every answer, which was about a third of the time from an answer to the next question drawn.

Earlier lines are a scroll away: the mouse wheel, or (with the conversation focused) the arrow
keys, Page Up and Page Down, Home and End. A new message brings the newest lines back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter
from textual.geometry import Region, Size, Spacing
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widget import Widget

from planner.tui.text import link, with_terms

LIMIT = 300
"""Messages kept; older ones are let go, fifty at a time (each letting go moves every line)."""

KINDS = ("assistant", "family", "note", "warning")


@dataclass
class _KindStyle:
    """How one kind of message is drawn at one width: the words' style and room, and what
    goes either side of them (the margin, the bar, the padding)."""

    style: Style
    inner: int
    left: list[Segment]
    right: Segment
    edges: int
    width: int
    base: RichStyle
    above: list[Strip] = field(default_factory=list)
    below: list[Strip] = field(default_factory=list)

    def line(self, words: Strip) -> Strip:
        """One line of words with the margin, the bar and the padding, ``width`` cells wide."""
        used = self.edges + words.cell_length
        if used > self.width:  # words never overflow their room; if they did, they are cut
            return Strip([*self.left, *words, self.right]).crop_extend(0, self.width, self.base)
        fill = [Segment(" " * (self.width - used), self.base)] if used < self.width else []
        return Strip([*self.left, *words, self.right, *fill], self.width)


@dataclass
class _Message:
    content: Content
    kind: str
    lines: list[Strip] = field(default_factory=list)
    """The message drawn ``width`` cells wide (empty until drawn)."""
    width: int = 0


class Transcript(Widget, can_focus=True):
    """The conversation, newest at the bottom. Glossary words in the planner's messages and
    "tell me more" can be clicked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"transcript--{kind}" for kind in KINDS} | {
        "transcript--scrollbar",
        "transcript--scrollbar-thumb",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_lines(1)", show=False),
        Binding("down", "scroll_lines(-1)", show=False),
        Binding("pageup", "scroll_page(1)", show=False),
        Binding("pagedown", "scroll_page(-1)", show=False),
        Binding("home", "scroll_lines(1000000)", show=False),
        Binding("end", "scroll_lines(-1000000)", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._messages: list[_Message] = []
        self._width = 0
        self._flat: list[Strip] | None = None
        """Every message's lines at ``_width``, oldest first (None: to be drawn again)."""
        self._back = 0
        """Lines scrolled back from the newest."""
        self._version = 0
        """Counts the changes to the lines (a new message, width or style)."""
        self._laid = 0
        """How many messages ``_flat`` holds the lines of."""
        self._rows: dict[tuple[int, int], tuple[Strip, Strip]] = {}
        """Each line shown so far (by its place and scroll bar cell): the line with its cell,
        and the row drawn from it."""
        self._row_look: tuple[tuple[LineFilter, ...], tuple[Color, Color], Spacing] | None = None
        """The filters, background colours and padding the rows were made with."""
        self._kind_styles: dict[tuple[str, int], _KindStyle] = {}
        """How each kind of message is drawn, by kind and width (made once per style)."""
        self._cells: tuple[Strip, Strip, Strip] | None = None
        self._padding: tuple[Strip, Strip, Color] | None = None
        """The scroll bar's cells: none, its track and its thumb (made once per style)."""
        self._shown: list[Strip] = []
        self._drawn: list[Strip] = []
        self._window_key: tuple[object, ...] = ()

    def add(
        self,
        text: str,
        kind: str,
        locale: str,
        *,
        label: str = "",
        more: tuple[str, str] | None = None,
    ) -> None:
        """Add a message: ``kind`` is assistant, family, note or warning.

        ``more`` is a "tell me more" link: the page key and the words to show.
        """
        parts: list[str | tuple[str, str | Style]] = []
        if label:
            parts += [(f"{label}:", Style(bold=True)), " "]
        parts += with_terms(text, locale) if kind == "assistant" else [text]
        if more:
            key, words = more
            parts += ["\n", (words, link(f"screen.more('{key}')"))]
        self._messages.append(_Message(Content.assemble(*parts), kind))
        if len(self._messages) > LIMIT:
            del self._messages[: len(self._messages) - LIMIT + 50]
            self._flat = None
        self._back = 0
        self._changed()

    def messages(self) -> list[tuple[str, str]]:
        """Each message's kind and its words as shown (without markup), oldest first."""
        return [(m.kind, m.content.plain) for m in self._messages]

    # --- drawing ----------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if not hasattr(self, "_messages"):  # styled before ``__init__`` has run
            return
        for message in self._messages:
            message.lines = []  # a theme or the projector's larger text: draw them again
        self._flat, self._cells, self._padding = None, None, None
        self._kind_styles.clear()
        self._changed()

    def _changed(self) -> None:
        """The lines are to be put together again, and drawn."""
        self._version += 1
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._back = min(self._back, self._most_back())

    def _lines(self, message: _Message, width: int) -> list[Strip]:
        """The message's lines: its margin, its bar on the left (if its kind has one), its
        padding and its words wrapped to fit."""
        if message.lines and width == message.width:
            return message.lines
        kind = self._kind_style(message.kind, width)
        words = Visual.to_strips(self, message.content, kind.inner, None, kind.style)
        lines = kind.above + [kind.line(strip) for strip in words] + kind.below
        message.lines, message.width = lines, width
        return lines

    def _kind_style(self, kind: str, width: int) -> _KindStyle:
        """How a message of ``kind`` is drawn ``width`` cells wide, worked out once per style
        (reading the styles cost each message about as much as wrapping its words)."""
        drawn = self._kind_styles.get((kind, width))
        if drawn is None:
            name = f"transcript--{kind}"
            styles = self.get_component_styles(name)
            style = self.get_visual_style(name)
            base = self.rich_style
            margin, padding = styles.margin, styles.padding
            edge, edge_color = styles.border_left
            left = [Segment(" " * margin.left, base)] if margin.left else []
            if edge:
                left.append(
                    Segment("█", RichStyle(color=edge_color.rich_color, bgcolor=base.bgcolor))
                )
            left.append(Segment(" " * padding.left, style.rich_style))
            edges = margin.left + (1 if edge else 0) + padding.left + padding.right
            inner = max(width - edges - margin.right, 1)
            right = Segment(" " * padding.right, style.rich_style)
            drawn = _KindStyle(style, inner, left, right, edges, width, base)
            blank, words_blank = Strip.blank(width, base), Strip.blank(inner, style.rich_style)
            drawn.above = [blank] * margin.top + [drawn.line(words_blank)] * padding.top
            drawn.below = [drawn.line(words_blank)] * padding.bottom + [blank] * margin.bottom
            self._kind_styles[(kind, width)] = drawn
        return drawn

    def _all_lines(self) -> list[Strip]:
        """Every message's lines, oldest first: a new message adds its own lines to the end."""
        width = max(self.content_size.width - 1, 1)  # the last column is the scroll bar's
        if self._flat is None or width != self._width:
            self._flat, self._laid, self._width = [], 0, width
            self._rows.clear()  # each line's place has moved: its row is made again
        if self._laid < len(self._messages):
            for message in self._messages[self._laid :]:
                self._flat.extend(self._lines(message, width))
            self._laid = len(self._messages)
        return self._flat

    def _most_back(self) -> int:
        return max(0, len(self._all_lines()) - self.content_size.height)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows drawn, with the widget's padding, ready for the screen.

        Each row is made once for its line and the scroll bar's cell beside it, and kept: a new
        message makes only its own rows and the few the scroll bar's thumb moved along, where
        Textual's own pass would style every row shown again on every change. (The conversation
        has padding and a background; no border, tint or opacity to draw.)
        """
        rows = self._window()[1][crop.y : crop.bottom]
        x1, x2 = crop.column_span
        if (x1, x2) != (0, self.size.width):
            rows = [row.crop(x1, x2) for row in rows]
        return rows

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the conversation as shown now, with its cell of the scroll bar."""
        shown = self._window()[0]
        return shown[y] if y < len(shown) else Strip.blank(self._width + 1, self.rich_style)

    def _window(self) -> tuple[list[Strip], list[Strip]]:
        """The lines shown now, each with its cell of the scroll bar, and the rows drawn from
        them (put together once per change)."""
        lines = self._all_lines()
        height = self.content_size.height
        first = max(0, len(lines) - height - self._back)
        look = (tuple(self.get_line_filters()), self.background_colors, self.styles.padding)
        key = (self._version, first, height, self.size, look)
        if key == self._window_key:
            return self._shown, self._drawn
        if look != self._row_look:  # the terminal's colours, the theme or the padding changed
            self._rows.clear()
            self._row_look, self._padding = look, None
        if len(self._rows) > 4 * max(height, 1):  # rows out of sight: made again if need be
            self._rows = {k: v for k, v in self._rows.items() if first <= k[0] < first + height}
        base = self.rich_style
        cells = self._bar_cells()
        selection = self.text_selection
        shown: list[Strip] = []
        drawn: list[Strip] = []
        for y, cell in enumerate(self._scrollbar(len(lines), first, height)):
            index = first + y
            if index >= len(lines):  # under the last line: a blank row, the same for every
                index = -1  # place (a line that comes there later is not this row)
            made = self._rows.get((index, cell)) if selection is None else None
            if made is None:
                if index >= 0:
                    line = lines[index].apply_offsets(0, index)
                    if selection is not None:
                        line = self._selected(line, index, selection)
                else:
                    line = Strip.blank(self._width, base)
                line = Strip.join([line, cells[cell]])
                made = line, self._row(line)
                if selection is None:
                    self._rows[(index, cell)] = made
            shown.append(made[0])
            drawn.append(made[1])
        padding = self.styles.padding
        if padding.top or padding.bottom:
            blank = self._row(Strip.blank(self.content_size.width, base))
            drawn = [blank] * padding.top + drawn + [blank] * padding.bottom
        self._shown, self._drawn, self._window_key = shown, drawn, key
        return shown, drawn

    def _row(self, line: Strip) -> Strip:
        """A line as the screen draws it: the widget's padding either side, and the app's
        filters (the terminal's own colours, or none) applied."""
        left, right, background = self._edges()
        row = Strip.join([left, line, right])
        assert self._row_look is not None
        for line_filter in self._row_look[0]:
            row = row.apply_filter(line_filter, background)
        return row

    def _edges(self) -> tuple[Strip, Strip, Color]:
        """The padding drawn either side of each line, and the background under the words."""
        if self._padding is None:
            assert self._row_look is not None
            _, (base_background, background), padding = self._row_look
            inner = RichStyle(bgcolor=(base_background + background).rich_color)
            self._padding = (
                Strip.blank(padding.left, inner),
                Strip.blank(padding.right, inner),
                background,
            )
        return self._padding

    def _selected(self, line: Strip, index: int, selection: Selection) -> Strip:
        """The line with the part the family has selected with the mouse shown as selected."""
        span = selection.get_span(index)
        if span is None:
            return line
        start, end = span
        end = line.cell_length if end == -1 else end
        selected = self.screen.get_component_rich_style("screen--selection")
        style = RichStyle(bgcolor=selected.bgcolor)  # its background only: the words keep theirs
        part = line.crop(start, end)
        chosen = Strip(Segment.apply_style(part, post_style=style), part.cell_length)
        return Strip.join([line.crop(0, start), chosen, line.crop(end)])

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The words selected with the mouse (to copy), without the bars and margins."""
        text = "\n".join(line.text.replace("█", " ") for line in self._all_lines())
        said = selection.extract(text).splitlines()
        return "\n".join(line.strip() for line in said), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._window_key = ()
        self.refresh()

    def _scrollbar(self, total: int, first: int, height: int) -> list[int]:
        """A thin scroll bar, one cell a line (0 none, 1 its track, 2 its thumb), shown only
        when there are more lines than fit."""
        if total <= height:
            return [0] * height
        size = max(1, height * height // total)
        start = min(height - size, round(first * height / total))
        return [2 if start <= y < start + size else 1 for y in range(height)]

    def _bar_cells(self) -> tuple[Strip, Strip, Strip]:
        """The scroll bar's cells: none, its track and its thumb (made once per style)."""
        if self._cells is None:
            track = self.get_component_rich_style("transcript--scrollbar")
            thumb = self.get_component_rich_style("transcript--scrollbar-thumb")
            self._cells = (
                Strip.blank(1, self.rich_style),
                Strip([Segment("│", track)], 1),
                Strip([Segment("┃", thumb)], 1),
            )
        return self._cells

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height

    # --- scrolling back ---------------------------------------------------------------------

    def _scroll(self, lines: int) -> None:
        back = max(0, min(self._most_back(), self._back + lines))
        if back != self._back:
            self._back = back
            self.refresh()

    def action_scroll_lines(self, lines: int) -> None:
        """Scroll back (positive) or on (negative) by ``lines``."""
        self._scroll(lines)

    def action_scroll_page(self, pages: int) -> None:
        """Scroll back or on by a screenful, less a line to keep the place."""
        self._scroll(pages * max(1, self.content_size.height - 1))

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._scroll(3)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._scroll(-3)
