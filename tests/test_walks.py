"""Random walks over the real flow: valid and invalid answers, backs, jumps, changes and list
edits, in any order. Nothing crashes, no node is left with no way on, and no accepted answer is
ever lost."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.dialogue import progress
from planner.dialogue.conversation import Conversation
from planner.dialogue.registry import CALLBACKS
from planner.dialogue.schema import InputKind, ItemField, Question
from planner.domain.access import get_at
from planner.services.examples import apply_example, load_examples

from .helpers import new_conversation


def _routes() -> list[tuple[str, list[str]]]:
    found = []
    for example in load_examples():
        conv = new_conversation()
        apply_example(conv, example)
        found.append((example.id, progress.route(conv)))
    return found


ROUTES = _routes()

GARBAGE = [
    "",
    "   ",
    "£1,2,3",
    "-5",
    "1e9",
    "twelve",
    "£ 12.345",
    "31/02/2026",
    "01/01/2090",
    "0",
    "99",
    "\x00\x1b",
    "🙂🙂",
    "x" * 6000,
    "back",
]
ACTIONS = ["valid", "valid", "valid", "valid", "garbage", "text", "back", "jump", "change", "keep"]
LIST_ACTIONS = ["add", "add", "bad_add", "remove", "edit", "done", "done"]

WRITES = {
    "apply_allocation": ("budget.", "allocations."),
    "budget_as_plan": ("decisions.budget",),
}
"""What each callback run after an answer may write besides the answer itself: an estimate,
once complete, becomes the budget amount; a young person who decides about the plan decides
about asking for the budget too."""


def valid_raw(conv: Conversation, question: Question, draw: Any) -> str:
    """A raw answer that the question should accept."""
    kind = question.input
    choices = conv.choices(question)
    if kind in (InputKind.CHOICE, InputKind.YES_NO_UNSURE):
        return str(draw(st.integers(1, len(choices)))) if choices else ""
    if kind is InputKind.CHOICES:
        if not choices:
            return ""
        picks = draw(st.lists(st.integers(1, len(choices)), min_size=1, max_size=3))
        return ", ".join(str(p) for p in picks)
    if kind is InputKind.MONEY:
        return str(draw(st.sampled_from(["0", "12.50", "£1,250", "3100", "£999,999.99"])))
    if kind is InputKind.NUMBER:
        low = int(question.minimum or 0)
        high = int(question.maximum or 100)
        return str(draw(st.integers(max(low, 1), high)))
    if kind is InputKind.DATE:
        if question.dates.value == "future":
            return str(draw(st.sampled_from(["01/01/2027", "31/12/2030"])))
        births = ["14/03/2015", "29/02/2016", "1 September 2010", "15/07/2009", "10/05/2022"]
        return str(draw(st.sampled_from(births)))
    return str(draw(st.sampled_from(["Sam", "Loves trains 🚂", "A short note.\nWith two lines."])))


def item_raw(conv: Conversation, draw: Any) -> dict[str, str]:
    """Raw values for a whole new item of the current list."""
    fields: list[ItemField] = conv.flow.items[conv.node.item or ""].fields
    return {f.name: valid_raw(conv, f, draw) for f in fields}


class Tracker:
    """What the walk expects the plan to hold."""

    def __init__(self, conv: Conversation) -> None:
        self.conv = conv
        self.expected: dict[str, Any] = {}
        self.answered: set[str] = set()

    def note(self) -> None:
        """Record every value the current node and the lists hold now."""
        node = self.conv.node
        if node.store is not None:
            self.expected[node.store] = get_at(self.conv.plan, node.store)
        for path in ("outcomes", "support_items"):
            if path in self.expected:
                self.expected[path] = get_at(self.conv.plan, path)

    def check(self) -> None:
        """Every accepted answer is still there, and the conversation can move on."""
        conv = self.conv
        for path, value in self.expected.items():
            assert get_at(conv.plan, path) == value, path
        assert self.answered <= set(conv.state.answered)
        self.answered = set(conv.state.answered)
        assert conv.node_id in conv.flow.nodes
        if not conv.finished:
            assert conv.next_of(conv.node_id) is not None
        conv.prompt()
        progress.steps(conv)


def step(conv: Conversation, tracker: Tracker, draw: Any) -> None:
    """One random action."""
    node = conv.node
    if node.input is InputKind.LIST and draw(st.booleans()):
        list_step(conv, tracker, draw)
        return
    action = draw(st.sampled_from(ACTIONS))
    if action == "back":
        conv.back()
    elif action == "jump":
        conv.jump(draw(st.sampled_from([s.id for s in conv.flow.steps])))
    elif action == "change" and conv.state.answered:
        conv.change(draw(st.sampled_from(sorted(conv.state.answered))))
    elif action == "keep":
        conv.submit("")
    else:
        answer_step(conv, tracker, draw, action)


def answer_step(conv: Conversation, tracker: Tracker, draw: Any, action: str) -> None:
    """Give a valid, random or garbage answer; a refused one must change nothing."""
    node = conv.node
    if action == "valid" and node.kind == "ask" and node.input is not InputKind.LIST:
        raw = valid_raw(conv, node, draw)
    elif action == "text":
        raw = draw(st.text(max_size=40))
    else:
        raw = draw(st.sampled_from(GARBAGE))
    here = conv.node_id
    before = conv.state.model_dump_json()
    result = conv.answer(raw)
    if not result.ok:
        assert result.message
        assert conv.node_id == here
        assert conv.state.model_dump_json() == before
        return
    answered = conv.flow.nodes[here]
    if answered.store is not None:
        tracker.expected[answered.store] = get_at(conv.plan, answered.store)
    # What the node's callbacks write, and an amount typed at "do you know how much?" (which
    # answers the amount and its period too), is the answer's doing: expect it from now on.
    written = [prefix for name in answered.after for prefix in WRITES[name]]
    if answered.amount is not None:
        written.append("budget.")
    for path in list(tracker.expected):
        if path.startswith(tuple(written)):
            tracker.expected[path] = get_at(conv.plan, path)


def test_every_callback_says_what_it_may_write() -> None:
    assert set(WRITES) == set(CALLBACKS)


def list_step(conv: Conversation, tracker: Tracker, draw: Any) -> None:
    """One random list edit."""
    action = draw(st.sampled_from(LIST_ACTIONS))
    count = len(conv.items.all())
    if action == "add":
        result = conv.items.save(item_raw(conv, draw))
    elif action == "bad_add":
        before = conv.plan
        result = conv.items.save({"what": draw(st.sampled_from(GARBAGE[:2] + GARBAGE[-4:-1]))})
        assert not result.ok
        assert conv.plan == before
    elif action == "edit" and count:
        result = conv.items.save(item_raw(conv, draw), draw(st.integers(0, count - 1)))
    elif action == "remove" and count:
        result = conv.items.remove(draw(st.integers(0, count - 1)))
    else:
        result = conv.finish_list()
        if result.ok:
            return
    if result.ok:
        tracker.note()


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_random_walks_never_crash_stall_or_lose_answers(data: st.DataObject) -> None:
    conv = new_conversation()
    if data.draw(st.integers(0, 2)):
        example_id, route = data.draw(st.sampled_from(ROUTES))
        example = next(e for e in load_examples() if e.id == example_id)
        apply_example(conv, example, until=data.draw(st.sampled_from(route)))
    tracker = Tracker(conv)
    for path in ("outcomes", "support_items", "risks", "actions"):
        tracker.expected[path] = get_at(conv.plan, path)
    for _ in range(data.draw(st.integers(10, 60))):
        step(conv, tracker, data.draw)
        tracker.check()


def test_a_callback_changing_an_earlier_answer_is_expected() -> None:
    """The walk CI found: "with support" for the budget, then "the young person decides" about
    the plan, which decides about the budget too (Mental Capacity Act 2005, s1(2))."""
    conv = new_conversation()
    example = next(e for e in load_examples() if e.id == "jess")
    apply_example(conv, example, until="young_person_decides")
    tracker = Tracker(conv)
    draws = iter(["valid", 2, "valid", 2, "change", "young_person_decides", "valid", 1])
    for _ in range(4):
        step(conv, tracker, lambda strategy: next(draws))
        tracker.check()
    assert str(get_at(conv.plan, "decisions.budget")) == "young_person"
