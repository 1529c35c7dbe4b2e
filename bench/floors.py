"""Floors: what the libraries themselves cost for the same work, measured in the same run as
each figure, so a figure is read as a ratio that does not move with the machine.

- answer to frame: a minimal Textual app that replaces one ``Static`` per answer, timed the
  same way as the planner (the same call to the app's ``_display``, Pilot, 120 × 40, each
  answer once the app has drawn nothing for two frames' time: :meth:`Frames.quiet`);
- documents: the same headings, paragraphs and tables written straight to python-docx, to
  HTML and Markdown through one inline jinja2 template each, the HTML to PDF with WeasyPrint,
  and the plan to JSON with pydantic, with no document model or templates of ours;
- the caseload: a minimal screen with a ``DataTable`` filled with the same rows.
"""

from __future__ import annotations

import asyncio
import gc
import io
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import constants
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Static

from planner.domain.models import Plan
from planner.render.model import Document, Section


class Replacing(App[None]):
    """One ``Static``, replaced by a new one with the next text on every answer."""

    def compose(self) -> ComposeResult:
        yield Static("READY minimal")

    async def answer(self, text: str) -> None:
        await self.query_one(Static).remove()
        await self.mount(Static(text))


class Frames:
    """When ``app`` sends its next frame to the terminal (:meth:`clear`, then :meth:`wait`):
    the moment the frame is written, not the moment the benchmark runs again."""

    def __init__(self, app: App[Any]) -> None:
        self._drawn = asyncio.Event()
        self.at = 0.0
        """When the first frame since :meth:`clear` was written."""
        self.last = 0.0
        """When the latest frame was written."""
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            self.last = time.perf_counter()
            if not self._drawn.is_set():
                self.at = self.last
                self._drawn.set()

        app._display = timed_display  # type: ignore[method-assign]

    async def quiet(self) -> None:
        """Wait until no frame has been written for two frames' time (2/60 s).

        A family presses a key seconds after the last frame, when Textual's frame timer is
        idle, and the next frame is drawn as soon as the work is done. A key pressed soon after
        a frame waits instead for the timer's next tick: up to 16.7 ms that depend only on when
        the key came. That wait was most of the minimal app's floor (11 to 12.5 ms on one
        machine, 2.7 to 3 ms without it). After a tick, Textual 8.2.8's timer sleeps to the
        next tick of its schedule, which is up to two periods away when the tick came late (as
        a tick that waited for a key always does), and only then waits for the next refresh:
        with one period's wait, one answer in eight still waited 3 to 14 ms for it. Every
        answer, and its floor, starts after this."""
        period = 2 / constants.MAX_FPS + 0.002
        while (wait := self.last + period - time.perf_counter()) > 0:
            await asyncio.sleep(wait)

    def clear(self) -> None:
        """Count the frames from now on."""
        self._drawn.clear()

    async def wait(self, timeout: float = 5) -> float:
        """The time the first frame since :meth:`clear` was written (waiting for it)."""
        await asyncio.wait_for(self._drawn.wait(), timeout)
        return self.at

    async def after(self, done: float) -> float:
        """When the work that ended at ``done`` was on screen: the first frame written since
        :meth:`clear`, or ``done`` if a frame came while the work waited (for a widget to be
        mounted, say) and so showed it half done. Work the app does after that frame, in the
        same turn of its event loop, is not counted."""
        return max(await self.wait(), done)


async def _replacing(texts: Sequence[str]) -> list[float]:
    app = Replacing()
    drawn = Frames(app)
    timings: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for text in texts:
            await pilot.pause()
            await drawn.quiet()
            drawn.clear()
            start = time.perf_counter()
            await app.answer(text)
            timings.append((await drawn.after(time.perf_counter()) - start) * 1000)
    return timings


def answer_floor(texts: Sequence[str]) -> list[float]:
    """Milliseconds from each answer to the next frame in the minimal app, one per text."""
    return asyncio.run(_replacing(texts))


class Table(App[None]):
    """A screen with one ``DataTable`` and nothing else."""

    def compose(self) -> ComposeResult:
        yield DataTable()


async def _table(rows: Sequence[Sequence[str]], repeats: int) -> list[float]:
    """Milliseconds from clearing the table to the frame showing it filled with ``rows``."""
    app = Table()
    drawn = Frames(app)
    timings: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        gc.freeze()  # as the planner does once started: the garbage collector skips start-up
        table = app.query_one(DataTable)
        table.add_columns(*(f"column {n}" for n in range(len(rows[0]))))
        # Text, not str: a str cell is read as markup, which costs more than the rows the
        # caseload gives (its cells are Text, as a family's words are never markup)
        cells = [[Text(cell, end="") for cell in row] for row in rows]
        for number in range(repeats + 1):
            await pilot.pause()
            drawn.clear()
            start = time.perf_counter()
            table.clear()
            for key, row in enumerate(cells):
                table.add_row(*row, key=str(key))
            at = await drawn.wait()
            if number:  # the first fill warms the table, as the caseload's first load does
                timings.append((at - start) * 1000)
    return timings


def table_floor(rows: Sequence[Sequence[str]], repeats: int = 9) -> float:
    """Median milliseconds to fill a bare DataTable with ``rows`` and draw it, in a fresh
    process (so that what ran before leaves nothing behind)."""
    code = (
        "import asyncio, json, statistics, sys\n"
        "from bench.floors import _table\n"
        "rows, repeats = json.load(sys.stdin)\n"
        "print(statistics.median(asyncio.run(_table(rows, repeats))))\n"
    )
    root = Path(__file__).parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps([rows, repeats]),
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
    )
    return float(done.stdout.strip())


def _walk(sections: Sequence[Section]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from _walk(section.parts)


HTML = (
    "<!doctype html><html lang='{{ d.lang }}'><head><meta charset='utf-8'>"
    "<title>{{ d.title }}</title></head><body><h1>{{ d.title }}</h1>"
    "{% for s in sections %}<h{{ s.level }}>{{ s.title }}</h{{ s.level }}>"
    "{% for p in s.paragraphs %}<p>{{ p }}</p>{% endfor %}"
    "<ul>{% for i in s.items %}<li>{{ i }}</li>{% endfor %}</ul>"
    "{% for t in s.tables %}<table><caption>{{ t.caption }}</caption><tr>"
    "{% for h in t.header %}<th>{{ h }}</th>{% endfor %}</tr>"
    "{% for r in t.rows %}<tr>{% for c in r %}<td>{{ c }}</td>{% endfor %}</tr>{% endfor %}"
    "</table>{% endfor %}{% for n in s.notes %}<p>{{ n }}</p>{% endfor %}{% endfor %}"
    "</body></html>"
)
MARKDOWN = (
    "# {{ d.title }}\n{% for s in sections %}\n{{ '#' * s.level }} {{ s.title }}\n"
    "{% for p in s.paragraphs %}\n{{ p }}\n{% endfor %}"
    "{% for i in s.items %}- {{ i }}\n{% endfor %}"
    "{% for t in s.tables %}\n{{ t.caption }}\n\n| {{ t.header | join(' | ') }} |\n"
    "{% for r in t.rows %}| {{ r | join(' | ') }} |\n{% endfor %}{% endfor %}"
    "{% for n in s.notes %}\n{{ n }}\n{% endfor %}{% endfor %}"
)


def _template(source: str, doc: Document, *, html: bool) -> str:
    """The document through one inline template, with every section at one level."""
    import jinja2

    template = jinja2.Environment(autoescape=html).from_string(source)
    return template.render(d=doc, sections=list(_walk(doc.sections)))


def _docx(doc: Document) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(doc.title, 1)
    for section in _walk(doc.sections):
        document.add_heading(section.title, section.level)
        for text in [*section.paragraphs, *section.notes]:
            document.add_paragraph(text)
        for item in section.items:
            document.add_paragraph(item, "List Bullet")
        for table in section.tables:
            document.add_paragraph(table.caption)
            grid = document.add_table(rows=1, cols=len(table.header))
            for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
                cell.text = text
            for row in table.rows:
                for cell, text in zip(grid.add_row().cells, row, strict=True):
                    cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(doc: Document) -> bytes:
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=_template(HTML, doc, html=True)).write_pdf()
    return pdf


def document_floor(plan: Plan, doc: Document) -> dict[str, Callable[[], object]]:
    """Per format, a call that writes the same content with the bare libraries."""
    return {
        "md": lambda: _template(MARKDOWN, doc, html=False),
        "html": lambda: _template(HTML, doc, html=True),
        "docx": lambda: _docx(doc),
        "pdf": lambda: _pdf(doc),
        "json": lambda: plan.model_dump_json(indent=2),
    }
