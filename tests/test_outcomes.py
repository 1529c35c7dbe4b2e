"""Outcomes that can be checked: a vague outcome gets one gentle tip as it is saved (how much,
how often, by when), and is kept as the family wrote it; a checkable one gets no tip."""

from __future__ import annotations

from datetime import date

import pytest

from planner.dialogue.conversation import Conversation
from planner.dialogue.loader import load_flow
from planner.services.examples import apply_example, find_example

TODAY = date(2026, 12, 4)
TIP = "Tip: an outcome is easier to check when it says how much, how often or by when."


def _at_outcomes(locale: str = "en_GB") -> Conversation:
    example = find_example("kai")
    assert example is not None
    conv = Conversation(load_flow(), today=TODAY)
    apply_example(conv, example, until="outcomes")
    conv.set_locale(locale)
    assert conv.node_id == "outcomes"
    return conv


def test_a_vague_outcome_gets_one_tip_and_is_kept_as_written() -> None:
    conv = _at_outcomes()
    before = len(conv.plan.outcomes)
    result = conv.items.save({"area": "community", "what": "Kai will be happier"})
    assert result.ok
    assert [n.text for n in result.notices if n.text.startswith("Tip:")] == [
        TIP + ' For example, "three times a week" or "by the summer". You can change it, or'
        " keep it as it is."
    ]
    assert len(conv.plan.outcomes) == before + 1
    assert conv.plan.outcomes[-1].what == "Kai will be happier"
    again = conv.items.save({"area": "community", "what": "Kai will be happier"}, before)
    assert again.ok  # changing it and keeping it vague is allowed too


@pytest.mark.parametrize(
    "fields",
    [
        {"what": "Kai will swim twice a week"},
        {"what": "Kai will cook a meal", "by_when": "By Easter"},
        {"what": "Kai will make a friend", "how_we_know": "He meets them 3 times"},
    ],
)
def test_an_outcome_that_says_how_much_how_often_or_by_when_gets_no_tip(
    fields: dict[str, str],
) -> None:
    conv = _at_outcomes()
    result = conv.items.save({"area": "community", **fields})
    assert result.ok
    assert not [n for n in result.notices if n.text.startswith("Tip:")]


def test_the_tip_comes_in_polish_and_reads_polish_words() -> None:
    conv = _at_outcomes("pl")
    vague = conv.items.save({"area": "community", "what": "Kai będzie szczęśliwszy"})
    assert any(n.text.startswith("Wskazówka: cel łatwiej sprawdzić") for n in vague.notices)
    clear = conv.items.save({"area": "community", "what": "Kai będzie pływać dwa razy w tygodniu"})
    assert not any(n.text.startswith("Wskazówka") for n in clear.notices)
