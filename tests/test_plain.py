"""``planner plain`` over a pipe: whole journeys, commands at each question, saving, resuming."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from planner.services.examples import find_example, load_examples

from .helpers import plain_lines


def plain(
    data_dir: Path, lines: list[str], *args: str, home: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``planner plain`` with the lines on standard input, as a pipe; with ``home``, in a
    home of its own (so its Downloads folder is ``home/Downloads``)."""
    env = {**os.environ, "PLANNER_DATA_DIR": str(data_dir)}
    if home is not None:
        env |= {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DOWNLOAD_DIR": str(home / "Downloads"),
        }
    return subprocess.run(
        [sys.executable, "-m", "planner", "plain", *args],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def saved_plans(data_dir: Path) -> list[dict[str, Any]]:
    """Every saved plan's state, as JSON data."""
    from planner.store import open_store

    store = open_store(data_dir)
    return [json.loads(store.load(p.plan_id).model_dump_json()) for p in store.saved_plans()]


@pytest.mark.parametrize("example_id", [e.id for e in load_examples()])
def test_a_whole_journey_from_a_pipe_reaches_the_draft_plan(
    tmp_path: Path, example_id: str
) -> None:
    example = find_example(example_id)
    assert example is not None
    result = plain(tmp_path, plain_lines(example))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    draft, finish = out.split("Well done. Your draft plan is ready.")
    assert "Your draft plan is ready. It has what matters to" in draft  # offered after step 2
    assert draft.count("(answered)") == 4  # the plan made: steps 3 to 7 still to do
    assert "This is a draft. It is not agreed by the council yet." in finish
    assert finish.count("(answered)") == 7
    assert "Traceback" not in out
    (saved,) = saved_plans(tmp_path)
    assert saved["node"] == "finish"


def test_numbered_options_accept_their_number(tmp_path: Path) -> None:
    result = plain(tmp_path, ["", "3", "Ana"])
    (saved,) = saved_plans(tmp_path)
    assert saved["plan"]["filled_in_by"] == "keyworker"
    assert "  3. I am a keyworker or broker, working with the family" in result.stdout


def test_end_of_input_saves_and_says_how_to_resume(tmp_path: Path) -> None:
    first = plain(tmp_path, ["", "1", "Ana", "14/03/2015"])
    assert first.returncode == 0
    (saved,) = saved_plans(tmp_path)
    code = saved["plan"]["id"]
    assert f"planner plain --resume {code}" in first.stdout
    second = plain(tmp_path, ["5", "", ""], "--resume", str(code))
    assert second.returncode == 0
    assert "Does Ana have an Education, Health and Care plan" in second.stdout
    (again,) = saved_plans(tmp_path)
    assert again["plan"]["ehcp_status"] == "none"
    assert again["plan"]["child"]["name"] == "Ana"


def test_back_help_steps_and_quit_work_at_a_question(tmp_path: Path) -> None:
    lines = ["", "1", "Ana", "help", "steps", "back", "", "14/03/2015", "quit", "never read"]
    result = plain(tmp_path, lines)
    out = result.stdout
    assert "# What is a personal budget?" not in out  # help at child_dob has nothing more
    assert "There is nothing more to read for this question." in out
    assert "1. Set my personal budget: not started" in out
    assert out.count("What is the name of the child or young person") == 2
    assert "Your answer so far: Ana" in out
    (saved,) = saved_plans(tmp_path)
    assert saved["node"] == "ehcp_status"
    assert "never read" not in json.dumps(saved)


def test_bad_answers_get_a_message_and_the_same_question(tmp_path: Path) -> None:
    lines = ["", "9", "1", "", "Ana", "31/02/2026"]
    out = plain(tmp_path, lines).stdout
    assert "Please type a number from 1 to 3." in out
    assert "Please type an answer. A few words are enough." in out
    assert "February 2026 has only 28 days. Please check the day." in out
    (saved,) = saved_plans(tmp_path)
    assert saved["node"] == "child_dob"


def test_check_and_change_from_a_steps_answers(tmp_path: Path) -> None:
    example = find_example("kai")
    assert example is not None
    lines = plain_lines(example, until="like_about")
    result = plain(tmp_path, [*lines, "check 1", "change 2", "3200", "quit"])
    out = result.stdout
    assert "Your answers for step 1, Set my personal budget:" in out
    assert "     £3,100.00" in out
    (saved,) = saved_plans(tmp_path)
    assert saved["plan"]["budget"]["education"]["amount"] == "3200.00"


def test_jump_to_a_step_by_number(tmp_path: Path) -> None:
    out = plain(tmp_path, ["", "step 4", "", "quit"]).stdout
    assert "Step 4 of 7: Organise my money" in out
    (saved,) = saved_plans(tmp_path)
    assert saved["node"] == "employ_pa"


def test_list_items_are_added_edited_and_removed_by_typing(tmp_path: Path) -> None:
    example = find_example("kai")
    assert example is not None
    script = [
        *plain_lines(example, until="risks"),
        "Getting lost",  # the first risk is started at once
        "Carries a phone",
        "add",
        "",
        "cancel",
        "edit 1",
        "",
        "Carries a phone with maps",
        "remove 1",
        "no",
        "quit",
    ]
    out = plain(tmp_path, script).stdout
    assert "Added." in out
    assert "Please type an answer. A few words are enough." in out
    assert "Nothing was added. Your other answers are safe." in out
    assert "Press Enter to keep: Getting lost" in out
    assert "Changed." in out
    assert 'Take out "Getting lost"?' in out
    assert "Kept as it was." in out
    (saved,) = saved_plans(tmp_path)
    risks = saved["plan"]["risks"]
    assert [(r["what"], r["how_managed"]) for r in risks] == [
        ("Getting lost", "Carries a phone with maps")
    ]


def test_planner_with_no_command_starts_a_plan(tmp_path: Path) -> None:
    env = {**os.environ, "PLANNER_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "planner"],
        input="\n1\nRosa\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "What is Rosa's date of birth?" in result.stdout


def test_a_reader_that_stops_reading_gets_no_apology(tmp_path: Path) -> None:
    """``planner plain | head`` closes the pipe early: that is not an error of ours."""
    process = subprocess.Popen(
        [sys.executable, "-m", "planner", "--data-dir", str(tmp_path), "plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdin is not None
    process.stdout.readline()  # the planner has started talking
    process.stdout.close()
    process.stdin.write(b"\n1\nRuby\n" * 50)
    process.stdin.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr is not None
    assert b"Sorry" not in process.stderr.read()


def _kai_at_outcomes() -> list[str]:
    example = find_example("kai")
    assert example is not None
    return plain_lines(example, until="outcomes")


OUTCOME = "Goes to the youth club on his own"


def test_back_and_quit_inside_an_item_keep_what_was_typed(tmp_path: Path) -> None:
    """Back goes to the field before; quit inside an item saves what was typed as a draft,
    offered again on carrying on, read again through the same checks, and then added."""
    typed = ["back", "1", "back", "2", OUTCOME, "quit", "never read"]  # the first is started
    first = plain(tmp_path, [*_kai_at_outcomes(), *typed])
    assert first.returncode == 0, first.stderr
    assert "This is the first question for this one. Type cancel to leave it" in first.stdout
    assert "What you typed for this one is kept." in first.stdout
    (saved,) = saved_plans(tmp_path)
    assert saved["plan"]["outcomes"] == []
    assert saved["item_draft"]["typed"] == {"area": "2", "what": OUTCOME}
    code = saved["plan"]["id"]
    again = plain(tmp_path, ["yes", "next summer", "", "done"], "--resume", code)
    assert f'Outcome not finished last time: "{OUTCOME}". Carry on with it?' in again.stdout
    assert "Added." in again.stdout
    assert f"  1. {OUTCOME}" in again.stdout
    (saved,) = saved_plans(tmp_path)
    assert saved["item_draft"] is None
    (outcome,) = saved["plan"]["outcomes"]
    assert (outcome["area"], outcome["what"], outcome["by_when"]) == (
        "independent_living",
        OUTCOME,
        "next summer",
    )


def test_a_draft_can_be_left_out(tmp_path: Path) -> None:
    plain(tmp_path, [*_kai_at_outcomes(), "2", OUTCOME])  # the input ends part way
    (saved,) = saved_plans(tmp_path)
    assert saved["item_draft"]["typed"]["what"] == OUTCOME
    again = plain(tmp_path, ["no"], "--resume", saved["plan"]["id"])
    assert "It was left out. Your other answers are safe." in again.stdout
    (saved,) = saved_plans(tmp_path)
    assert saved["item_draft"] is None
    assert saved["plan"]["outcomes"] == []


def _interrupted(data_dir: Path, lines: list[str], ready: str) -> tuple[int, str]:
    """Run ``planner plain``, type the lines, wait until it says ``ready``, then press Ctrl+C."""
    import signal

    child = subprocess.Popen(
        [sys.executable, "-m", "planner", "plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PLANNER_DATA_DIR": str(data_dir)},
    )
    assert child.stdin is not None
    assert child.stdout is not None
    child.stdin.write("\n".join(lines) + "\n")
    child.stdin.flush()
    said = []
    for line in child.stdout:  # a signal from the child, not a fixed wait
        said.append(line)
        if ready in line:
            break
    child.send_signal(signal.SIGINT)
    rest, _ = child.communicate(timeout=60)
    return child.returncode, "".join(said) + rest


def test_ctrl_c_saves_and_prints_the_code_to_carry_on(tmp_path: Path) -> None:
    code, said = _interrupted(tmp_path, ["", "1", "Ana"], "What is Ana's date of birth")
    assert code == 0
    (saved,) = saved_plans(tmp_path)
    assert f"planner plain --resume {saved['plan']['id']}" in said
    assert saved["plan"]["child"]["name"] == "Ana"
    assert "Traceback" not in said


def test_ctrl_c_inside_an_item_keeps_it_as_a_draft(tmp_path: Path) -> None:
    lines = [*_kai_at_outcomes(), "2", OUTCOME]
    code, said = _interrupted(tmp_path, lines, "By when?")
    assert code == 0
    assert "What you typed for this one is kept." in said
    (saved,) = saved_plans(tmp_path)
    assert saved["item_draft"]["typed"] == {"area": "2", "what": OUTCOME}


LETTER = ["Hi Sam,", "", "Kai loves trains and knows every timetable.", "", "Thanks, Dad"]


def test_a_pasted_letter_with_blank_lines_is_kept_whole(tmp_path: Path) -> None:
    """A terminal marks a paste (bracketed paste): every line of it is one answer."""
    from planner.plain.runner import PASTE_END, PASTE_START

    example = find_example("kai")
    assert example is not None
    pasted = [PASTE_START + LETTER[0], *LETTER[1:-1], LETTER[-1] + PASTE_END]
    result = plain(tmp_path, [*plain_lines(example, until="like_about"), *pasted])
    assert result.returncode == 0, result.stderr
    (saved,) = saved_plans(tmp_path)
    assert saved["plan"]["profile"]["like_about"] == "\n".join(LETTER)
    assert saved["node"] == "important_to"


def test_a_terminal_is_asked_to_mark_pastes_and_put_back_after(tmp_path: Path) -> None:
    """On a terminal (a pseudo-terminal here) bracketed paste is switched on at the start and
    off at the end; over a pipe nothing is sent."""
    import pty
    import select

    main_fd, child_fd = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "planner", "plain"],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env={**os.environ, "PLANNER_DATA_DIR": str(tmp_path)},
    )
    os.close(child_fd)
    said = b""
    while b"?2004h" not in said or b"Hello." not in said:  # a signal, not a fixed wait
        assert select.select([main_fd], [], [], 120)[0], said  # a hung child fails, not hangs
        said += os.read(main_fd, 4096)
    os.write(main_fd, b"quit\n")
    while True:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the child has gone and closed its side
            break
        if not chunk:
            break
        said += chunk
    assert child.wait(timeout=60) == 0
    os.close(main_fd)
    assert said.index(b"\x1b[?2004h") < said.index(b"\x1b[?2004l")
    assert b"\x1b[?2004" not in plain(tmp_path / "pipe", ["quit"]).stdout.encode()


def test_back_after_carrying_on_with_a_draft_reaches_what_was_typed_before(
    tmp_path: Path,
) -> None:
    plain(tmp_path, [*_kai_at_outcomes(), "2", OUTCOME, ""])  # "by when" left blank
    (saved,) = saved_plans(tmp_path)
    assert saved["item_draft"]["typed"] == {"area": "2", "what": OUTCOME, "by_when": ""}
    code = saved["plan"]["id"]
    again = plain(tmp_path, ["yes", "back", "by next summer", "", "done"], "--resume", code)
    assert "This is the first question for this one." not in again.stdout
    assert again.stdout.count("By when?") == 1  # carried on at "how will you know", then back
    (saved,) = saved_plans(tmp_path)
    (outcome,) = saved["plan"]["outcomes"]
    assert (outcome["what"], outcome["by_when"]) == (OUTCOME, "by next summer")
