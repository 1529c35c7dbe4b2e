"""Line mode past the questions: the finish menu, ``go`` to any question, and text typed at a
list becoming a new entry."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from planner.services.examples import find_example

from .helpers import plain_lines
from .test_plain import OUTCOME, _kai_at_outcomes, saved_plans
from .test_plain import plain as run_plain


def plain(home: Path, lines: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    """``planner plain`` over a pipe, in a home of its own (its plans in ``home/data``)."""
    return run_plain(home / "data", lines, *args, home=home)


def _kai() -> list[str]:
    example = find_example("kai")
    assert example is not None
    return plain_lines(example)


def test_the_finish_menu_saves_the_plan_as_a_word_file_and_resume_opens_it(
    tmp_path: Path,
) -> None:
    first = plain(tmp_path, [*_kai(), "1", "1", "4", "never read"])
    assert first.returncode == 0, first.stderr
    out = first.stdout
    assert "What would you like to do now? Type a number." in out
    assert "  1. Save the plan as a file" in out
    assert "  1. Word document" in out
    (saved_file,) = (tmp_path / "Downloads").iterdir()
    assert saved_file.suffix == ".docx"
    assert f"Saved the plan as {saved_file}." in out
    with zipfile.ZipFile(saved_file) as docx:
        assert "Kai" in docx.read("word/document.xml").decode()
    assert "To carry on later, type: planner plain --resume" in out
    assert "never read" not in out

    code = saved_plans(tmp_path / "data")[0]["plan"]["id"]
    again = plain(tmp_path, ["2", "9", "save", "x", "quit"], "--resume", code)
    assert again.returncode == 0, again.stderr
    shown = again.stdout
    assert "Well done. Your draft plan is ready." in shown
    assert shown.count("What would you like to do now?") == 4
    assert "I did not recognise that option. Please type a number from 1 to 4." in shown
    assert "Nothing was saved. Type 1 to choose a kind of file again." in shown
    assert len(list((tmp_path / "Downloads").iterdir())) == 1


def test_change_from_the_finish_menu_goes_to_the_question_and_back_to_the_menu(
    tmp_path: Path,
) -> None:
    out = plain(tmp_path, [*_kai(), "3", "go 1", "go 1.1", "2", "4"]).stdout
    after_menu = out.split("What would you like to do now?", 1)[1]
    assert "To see the questions of a step, type go and its number" in after_menu
    assert "  1.1. " in after_menu
    assert "To go to a question, type go and its number, for example go 1.1." in after_menu
    assert out.count("What would you like to do now?") == 2
    (saved,) = saved_plans(tmp_path / "data")
    assert saved["node"] == "finish"
    assert saved["plan"]["budget"]["education"]["status"] == "unknown"


def test_go_finds_a_question_by_a_word_and_comes_back(tmp_path: Path) -> None:
    lines = [*_kai_at_outcomes(), "cancel", "go young person this plan", "Kaito", "quit"]
    out = plain(tmp_path, lines).stdout
    (saved,) = saved_plans(tmp_path / "data")
    assert saved["plan"]["child"]["name"] == "Kaito"
    assert saved["node"] == "outcomes"
    assert "No question has the words" not in out


def test_go_with_a_word_no_question_has_says_so(tmp_path: Path) -> None:
    out = plain(tmp_path, [*_kai_at_outcomes(), "cancel", "go zebra", "quit"]).stdout
    assert 'No question has the words "zebra". Type go to see the steps.' in out


def test_text_typed_at_a_list_becomes_an_entry_after_a_yes(tmp_path: Path) -> None:
    lines = [*_kai_at_outcomes(), "cancel", OUTCOME, "yes", "2", "", "", "done", "quit"]
    out = plain(tmp_path, lines).stdout
    assert f'Add "{OUTCOME}" to the list? Type yes to add it' in out
    assert "Added." in out
    (saved,) = saved_plans(tmp_path / "data")
    (outcome,) = saved["plan"]["outcomes"]
    assert (outcome["area"], outcome["what"]) == ("independent_living", OUTCOME)


def test_text_typed_at_a_list_is_not_added_without_a_yes(tmp_path: Path) -> None:
    out = plain(tmp_path, [*_kai_at_outcomes(), "cancel", OUTCOME, "no", "quit"]).stdout
    assert "Added." not in out
    (saved,) = saved_plans(tmp_path / "data")
    assert saved["plan"]["outcomes"] == []


def test_a_mix_asks_each_items_way_of_managing_in_turn(tmp_path: Path) -> None:
    """One answer per piece of support; back goes to the one before; cancel carries on with
    the answers given so far."""
    example = find_example("kai")
    assert example is not None
    lines = [*plain_lines(example, until="mix_items"), "2", "back", "3", "cancel", "quit"]
    out = plain(tmp_path, lines).stdout
    assert "1. Personal assistant for clubs and bus training: " in out
    assert out.count("How will this be managed?") == 4  # items 1, 2, 1 again, 2 again
    (saved,) = saved_plans(tmp_path / "data")
    ways = [item["management"] for item in saved["plan"]["support_items"]]
    assert ways == ["arranged", "not_decided", "not_decided"]
    assert saved["node"] != "mix_items"


def test_go_inside_an_item_keeps_it_as_a_draft_and_goes(tmp_path: Path) -> None:
    """'go 0.2' while typing an outcome: the outcome is kept as a draft, the name is changed,
    and back at the outcomes the draft is offered; a command in reply keeps it waiting."""
    lines = [*_kai_at_outcomes(), "2", OUTCOME, "go 0.2", "Kaito", "go 1", "yes", "", "", "quit"]
    out = plain(tmp_path, lines).stdout
    assert "What you typed for this one is kept." in out
    assert f'Outcome not finished last time: "{OUTCOME}". Carry on with it?' in out
    (saved,) = saved_plans(tmp_path / "data")
    assert saved["plan"]["child"]["name"] == "Kaito"
    assert [o["what"] for o in saved["plan"]["outcomes"]] == [OUTCOME]


def test_the_draft_plan_is_offered_as_a_file_at_the_end_of_step_2(tmp_path: Path) -> None:
    example = find_example("leo")
    assert example is not None
    to_draft = plain_lines(example, until="draft_ready")
    out = plain(tmp_path, [*to_draft, "2", "1", "", "quit"]).stdout
    offer = out.split("Save the draft now, or carry on?", 1)[1]
    assert "  2. Save the draft as a file" in offer
    (saved_file,) = (tmp_path / "Downloads").iterdir()
    assert saved_file.suffix == ".docx"
    with zipfile.ZipFile(saved_file) as docx:
        assert "Saturday swimming with Dana" in docx.read("word/document.xml").decode()
    assert "Step 3 of 7: Get my plan agreed" in offer  # Enter carried on
    (saved,) = saved_plans(tmp_path / "data")
    assert saved["node"] == "agree_who"


def test_helpers_start_at_once_and_enter_says_there_is_nobody(tmp_path: Path) -> None:
    amira = find_example("amira")
    assert amira is not None
    out = plain(tmp_path / "a", [*plain_lines(amira, until="helpers"), "", "quit"]).stdout
    assert "Type the first one now, or press Enter if there is nobody to add." in out
    (saved,) = saved_plans(tmp_path / "a" / "data")
    assert saved["node"] == "support_items"
    assert saved["plan"]["helpers"] == []

    leo = find_example("leo")
    assert leo is not None
    named = ["Dana, a swimming helper we employ", "1", "13.50", "quit"]
    plain(tmp_path / "b", [*plain_lines(leo, until="helpers"), *named])
    (saved,) = saved_plans(tmp_path / "b" / "data")
    assert [h["name"] for h in saved["plan"]["helpers"]] == ["Dana, a swimming helper we employ"]


def test_a_name_starting_with_a_is_typed_straight_in_not_read_as_add(tmp_path: Path) -> None:
    """Found trying line mode as a 17-year-old: "a support worker to go on the bus with me"
    was saved as "support worker ...", the "a" read as the short word for add."""
    leo = find_example("leo")
    assert leo is not None
    named = ["a support worker to go on the bus with me", "2", "20", "quit"]
    plain(tmp_path, [*plain_lines(leo, until="helpers"), *named])
    (saved,) = saved_plans(tmp_path / "data")
    names = [h["name"] for h in saved["plan"]["helpers"]]
    assert names == ["a support worker to go on the bus with me"]


def test_the_amount_typed_at_do_you_know_the_budget_is_taken_in_line_mode(
    tmp_path: Path,
) -> None:
    leo = find_example("leo")
    assert leo is not None
    lines = plain_lines(leo, until="care_budget_status")
    out = plain(tmp_path, [*lines, "£2,400 a year", "quit"]).stdout
    assert "If you know the amount, you can type it here instead" in out
    (saved,) = saved_plans(tmp_path / "data")
    assert saved["node"] == "health_right"
    assert saved["plan"]["budget"]["social_care"]["amount"] == "2400.00"


def test_the_next_item_starts_at_once_and_enter_ends_the_list(tmp_path: Path) -> None:
    leo = find_example("leo")
    assert leo is not None
    risk = ["Leo could get upset if the pool is busy", "They leave early if it gets loud"]
    out = plain(tmp_path, [*plain_lines(leo, until="risks"), *risk, "", "quit"]).stdout
    after = out.split("Added.", 1)[1]
    assert "Now the next one. Press Enter if that was the last" in after
    assert "  1. Leo could get upset if the pool is busy" in after  # the list, then on
    (saved,) = saved_plans(tmp_path / "data")
    assert saved["node"] == "backup_plan"
    assert len(saved["plan"]["risks"]) == 1
