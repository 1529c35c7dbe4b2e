"""Drive the simple pages as a family would, from an example family's answers: read each page's
form (its hidden fields, boxes, options), fill in what the family would, and send it.

The same answers work in-process (:class:`InProcess`, straight to :mod:`planner.pages.site`)
and in a browser (``tests/test_pages_browser.py``): :func:`fill` decides what to put in a form
from the example, the form's fields and the core's own reading of the family's words (which of
the options shown their words choose).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl

from planner.dialogue.conversation import Conversation
from planner.dialogue.schema import InputKind, Question
from planner.domain.errors import InputError
from planner.pages import site
from planner.pages.html import Html, Redirect, Reply
from planner.pages.visit import Family, Visit
from planner.services.examples import Example


@dataclass
class Form:
    """One form on a page: where it goes, and its fields."""

    action: str
    hidden: dict[str, str] = field(default_factory=dict)
    boxes: dict[str, str] = field(default_factory=dict)
    """Text fields: name -> what is in it now."""
    options: dict[str, list[str]] = field(default_factory=dict)
    """Radios and checkboxes: name -> the values offered."""
    checked: dict[str, list[str]] = field(default_factory=dict)
    shown: list[str] = field(default_factory=list)


class Page(HTMLParser):
    """The forms, links, heading and error summary of one page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.links: list[str] = []
        self.h1 = ""
        self.errors: list[str] = []
        self.title = ""
        self._in: str | None = None
        self._textarea: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", "")))
        elif tag == "a":
            self.links.append(a.get("href", ""))
        elif tag in ("h1", "title"):
            self._in = tag
        elif tag == "input" and self.forms:
            form, name, kind = self.forms[-1], a.get("name", ""), a.get("type", "text")
            if kind == "hidden":
                if name == "shown":
                    form.shown.append(a.get("value", ""))
                else:
                    form.hidden[name] = a.get("value", "")
            elif kind in ("radio", "checkbox"):
                form.options.setdefault(name, []).append(a.get("value", ""))
                if "checked" in a:
                    form.checked.setdefault(name, []).append(a.get("value", ""))
            else:
                form.boxes[name] = a.get("value", "")
        elif tag == "textarea" and self.forms:
            self._textarea = a.get("name", "")
            self.forms[-1].boxes[self._textarea] = ""
        elif tag == "div" and "error-summary" in a.get("class", ""):
            self._in = "errors"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "title") or (tag == "div" and self._in == "errors"):
            self._in = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.forms[-1].boxes[self._textarea] += data
        elif self._in == "h1":
            self.h1 += data
        elif self._in == "title":
            self.title += data
        elif self._in == "errors" and data.strip():
            self.errors.append(data.strip())

    def form(self, ending: str) -> Form:
        """The form sent to the page whose address ends so."""
        return next(f for f in self.forms if f.action.endswith(ending))


def chosen(conv: Conversation, question: Question, raw: str) -> list[str]:
    """The option values the family's words choose (as the core reads them)."""
    value = conv.parse(question, raw)
    values = value if isinstance(value, list) else [value]
    return [str(getattr(v, "value", v)) for v in values if v is not None]


def fill(
    conv: Conversation, form: Form, questions: dict[str, Question], answers: dict[str, str]
) -> dict[str, list[str]]:
    """What the family puts in a form: each field named in ``answers``, its options ticked as
    their words choose; every other field as it is."""
    sent: dict[str, list[str]] = {"csrf": [form.hidden["csrf"]]}
    sent.update({k: [v] for k, v in form.hidden.items()})
    sent["shown"] = list(form.shown)
    for name, value in form.boxes.items():
        sent[name] = [answers.get(name, value)]
    for name in form.options:
        if name in answers and answers[name].strip():
            sent[name] = chosen(conv, questions[name], answers[name])
        else:
            sent[name] = form.checked.get(name, [])
    return sent


@dataclass
class Step:
    """The next thing a family does: send a form, or open a page."""

    go: str
    sent: dict[str, list[str]] | None = None


class Journey:
    """What an example family does on each page, to reach the end of the plan."""

    def __init__(self, conv: Conversation, example: Example) -> None:
        self.conv = conv
        self.example = example
        self.amount: str | None = None
        """An amount typed at "do you know how much?": given at the amount question next."""
        self.items: list[dict[str, str]] = []
        self.item_index = 0
        self.list_node = ""

    def next(self, address: str, page: Page) -> Step:
        """What to do on this page."""
        conv = self.conv
        if address.startswith("item"):
            form = page.form("/item")
            questions: dict[str, Question] = {f.name: f for f in conv.items.every_field()}
            item = self.items[self.item_index - 1]
            return Step(form.action, fill(conv, form, questions, item))
        node = conv.node
        if node.input is InputKind.LIST:
            if self.list_node != conv.node_id:
                answer = self.example.answers.get(conv.node_id)
                self.items = answer if isinstance(answer, list) else []
                self.item_index, self.list_node = 0, conv.node_id
            if self.item_index < len(self.items):
                partial = conv.flow.items[node.item or ""].partial
                existing = len(conv.items.all())
                index = self.item_index
                self.item_index += 1
                edit = partial or index < existing
                return Step(f"item?n={index}" if edit else "item")
        form = page.form("/answer")
        answers: dict[str, str] = {}
        if node.kind == "ask" and node.input is not InputKind.LIST:
            raw = self.example.answers.get(conv.node_id)
            if raw is None and self.amount is not None:
                raw, self.amount = self.amount, None
            raw = raw if isinstance(raw, str) else ""
            if node.amount is not None and raw.strip():
                try:
                    conv.parse(node, raw)
                except InputError:  # an amount, not an option: "known", then the amount
                    self.amount, raw = raw, "known"
            answers["answer"] = raw
        return Step(form.action, fill(conv, form, {"answer": node}, answers))


class InProcess:
    """A family's pages with no server: each request goes straight to the pages."""

    def __init__(self, family: Family, base: str = "/p/T") -> None:
        self.family = family
        self.base = base

    def get(self, name: str) -> Reply:
        path, _, query = name.partition("?")
        asked = dict(parse_qsl(query))
        visit = Visit(self.family, base=self.base, csrf="form", query=asked)
        return site.get(visit, path)

    def post(self, name: str, sent: dict[str, list[str]]) -> Reply:
        visit = Visit(self.family, base=self.base, csrf="form", form=sent)
        return site.post(visit, name)

    def html(self, name: str) -> str:
        reply = self.get(name)
        assert isinstance(reply, Html), reply
        return reply.text


def walk(
    pages: InProcess, example: Example, *, until: str | None = None, limit: int = 400
) -> list[str]:
    """Take an example family through the pages to the end of the plan (or to node ``until``);
    returns every page seen."""
    conv = pages.family.session.conversation
    journey = Journey(conv, example)
    address, reply = "", pages.get("")
    seen: list[str] = []
    for _ in range(limit):
        assert isinstance(reply, Html), reply
        page = Page(reply.text)
        seen.append(reply.text)
        assert not page.errors, (conv.node_id, page.errors)
        if conv.finished or (conv.node_id == until and not address):
            return seen
        step = journey.next(address, page)
        name = step.go.removeprefix(pages.base + "/")
        if step.sent is None:
            address, reply = name, pages.get(name)
            continue
        reply = pages.post(name, step.sent)
        if isinstance(reply, Redirect):
            address, reply = "", pages.get("")
        else:
            address = name
    raise AssertionError(f"did not finish: at {conv.node_id}")
