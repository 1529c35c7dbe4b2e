"""What a page hands back, and how it is written: jinja2 templates that escape everything a
family types, and Markdown help pages turned into HTML with raw HTML switched off."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
STATIC_ADDRESS = "/p-static"
"""Where the server serves ``STATIC`` (the stylesheet)."""


@dataclass(frozen=True)
class Html:
    """A page to show."""

    text: str


@dataclass(frozen=True)
class Redirect:
    """Go to another page (after a form is sent: a reload never sends it twice)."""

    to: str


@dataclass(frozen=True)
class Download:
    """A file to save."""

    data: bytes
    name: str
    media_type: str


Reply = Html | Redirect | Download


@dataclass
class Problem:
    """One thing to put right on a form: the message and the field it is about."""

    message: str
    field: str = "answer"


@dataclass
class Problems:
    """Everything to put right on a form, for its error summary and its fields."""

    found: list[Problem] = field(default_factory=list)

    def add(self, message: str, where: str = "answer") -> None:
        self.found.append(Problem(message, where))

    def about(self, where: str) -> str:
        """The message about one field, or blank."""
        return next((p.message for p in self.found if p.field == where), "")

    def __bool__(self) -> bool:
        return bool(self.found)


@cache
def environment() -> jinja2.Environment:
    """The pages' templates: every value escaped unless a page marks it safe."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paragraphs"] = paragraphs
    return env


def render(template: str, **context: Any) -> Html:
    """A page from one of the templates."""
    return Html(environment().get_template(template).render(**context))


def paragraphs(text: str) -> Any:
    """Plain text as HTML paragraphs (a blank line between them), every character escaped."""
    from markupsafe import Markup, escape

    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return Markup("").join(
        Markup("<p>{}</p>\n").format(Markup("<br>").join(escape(line) for line in p.split("\n")))
        for p in parts
    )


def markdown(text: str, *, shift: int = 1) -> Any:
    """A Markdown help page as HTML: raw HTML in it is shown as text, never run, and its
    headings go ``shift`` levels down (the page's own heading is its ``<h1>``)."""
    from markdown_it import MarkdownIt
    from markupsafe import Markup

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False})
    tokens = parser.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + shift, 6)
            token.tag = f"h{level}"
    return Markup(parser.renderer.render(tokens, parser.options, {}))


def split_heading(text: str) -> tuple[str, str]:
    """A question's words as its heading and the words around it: the heading is the first
    sentence that asks something (ends in "?"), or all the words when none does; the rest is
    said under it, in order."""
    import re

    sentences = re.split(r"(?<=[.?!:])\s+(?=[^\s])", " ".join(text.split()))
    asking = [i for i, s in enumerate(sentences) if s.endswith("?")]
    if not asking or len(sentences) == 1:
        return text.strip(), ""
    first = asking[0]
    rest = [*sentences[:first], *sentences[first + 1 :]]
    return sentences[first], " ".join(rest)
