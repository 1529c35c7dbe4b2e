"""The services every front end shares, driven as a new front end would: no screen, only calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.dialogue import progress
from planner.dialogue.schema import InputKind
from planner.services.access import PageAccess
from planner.services.caseload import Caseload
from planner.services.examples import find_example
from planner.services.exporting import choices, plan_file
from planner.services.library import Library
from planner.store.crypto import passphrase_check
from planner.store.files import StoreError
from planner.web.page import PageConfig


def test_a_new_front_end_drives_a_whole_journey_through_the_shared_calls(tmp_path: Path) -> None:
    """Answers from Kai's script, given the way any front end gives them: prompt, submit,
    list items, finish; then the steps, what is missing, and the plan as a Word file."""
    example = find_example("kai")
    assert example is not None
    session = Library(tmp_path).new()
    conv = session.conversation
    for _ in range(300):
        if conv.finished:
            break
        prompt = conv.prompt()
        answer = example.answers.get(prompt.node_id)
        if prompt.input is InputKind.LIST:
            if not conv.items.all():  # a list asked again later keeps its items
                for item in answer if isinstance(answer, list) else []:
                    assert conv.items.save(item).ok
            assert conv.finish_list().ok
        else:
            assert conv.submit(answer if isinstance(answer, str) else "").ok, prompt.node_id
    assert conv.finished
    assert {p.status.value for p in progress.steps(conv)} == {"done"}
    assert progress.missing_rows(conv) == []
    file = plan_file(session, "docx")
    assert file.name == "support-plan-kai.docx"
    assert file.data.startswith(b"PK")
    reopened = Library(tmp_path).open(session.code).conversation
    assert reopened.plan == conv.plan  # every answer was saved as it was given


def test_a_blank_answer_keeps_the_earlier_one_and_a_list_is_finished_without_a_magic_word() -> None:
    example = find_example("kai")
    assert example is not None
    conv = Library(None).new(example, at="start").conversation
    assert conv.node_id == "welcome"  # at the start, every answer kept
    while conv.prompt().input is not InputKind.LIST:
        assert conv.submit("").ok
    assert not conv.submit("done").ok  # words are not list commands: a front end says finish
    assert conv.submit("").ok  # a blank line finishes the list


def test_the_ways_to_save_offer_notes_to_a_keyworker_and_english_beside_another_language() -> None:
    plain = [c.value for c in choices("en_GB", notes=False)]
    assert plain == ["docx", "pdf", "html", "md", "json"]
    keyworker = [c.value for c in choices("en_GB", notes=True)]
    assert "md+notes" in keyworker
    assert "json+notes" not in keyworker  # the plan file is the family's alone
    polish = choices("pl", notes=False)
    assert [c.value for c in polish if c.value.endswith("+bilingual")] == [
        "docx+bilingual",
        "pdf+bilingual",
        "html+bilingual",
        "md+bilingual",
    ]
    assert polish[-1].params == {"language": "polski"}


def test_the_caseload_refuses_a_blank_name_and_keeps_every_version(tmp_path: Path) -> None:
    session = Library(tmp_path).new()
    session.conversation.submit("")
    session.conversation.submit("1")
    session.conversation.submit("Ruby")
    assert session.store is not None
    caseload = Caseload(session.store)
    with pytest.raises(StoreError) as blank:
        caseload.rename(session.code, "  ")
    assert blank.value.key == "error.text.empty"
    caseload.rename(session.code, "Ruby W")
    copy = caseload.copy(session.code)
    assert sorted(r.name for r in caseload.rows(notes=False)) == ["Ruby W", "Ruby W"]
    versions = caseload.versions(session.code)
    assert "Ruby" in caseload.version_text(session.code, versions[0].number)  # newest first
    assert "Ruby" not in caseload.version_text(session.code, versions[-1].number)
    caseload.add_note(session.code, "Call after 3pm")
    assert [r.noted for r in caseload.rows(notes=True) if r.plan_id == session.code] == [True]
    caseload.delete(copy)
    assert [r.plan_id for r in caseload.rows(notes=False)] == [session.code]


def test_bringing_in_a_file_that_cannot_be_read_says_so(tmp_path: Path) -> None:
    store = Library(tmp_path).store
    assert store is not None
    with pytest.raises(StoreError) as caught:
        Caseload(store).bring_in(tmp_path / "nowhere.json")
    assert caught.value.key == "ui.import_cannot_read"


def test_a_browser_page_lists_no_plans_until_the_keyworkers_passphrase_is_given() -> None:
    terminal = PageAccess()
    assert terminal.may_list_plans()
    assert terminal.can_import
    assert not terminal.offers_lock
    page = PageAccess(served=True)
    assert not page.may_list_plans()
    assert not page.can_import
    assert page.offers_lock
    assert not page.unlock_caseload("anything")  # no keyworker on this server
    keyworker = PageAccess(served=True, keyworker_check=passphrase_check("keyworker secret"))
    assert keyworker.asks_keyworker
    assert not keyworker.unlock_caseload("a guess")
    assert not keyworker.may_list_plans()
    assert keyworker.unlock_caseload("keyworker secret")
    assert keyworker.may_list_plans()


def test_a_page_reads_back_what_the_server_told_it_and_finds_its_plan_again(
    tmp_path: Path,
) -> None:
    told = PageConfig(token="a-page-token-0123456789", data_dir=tmp_path, keyworker_check="c")
    assert PageConfig.from_env(told.to_env()) == told
    room = PageConfig(token="a-room-token-0123456789", data_dir=None)
    assert PageConfig.from_env(room.to_env()) == room
    start = told.start()
    assert start.access.served
    assert start.keyworker
    assert start.session is not None
    start.session.conversation.submit("")  # the first answer links the plan to the page
    again = told.start()
    assert again.session is not None
    assert again.session.code == start.session.code  # a reload finds the same plan
    assert room.start().library is None  # a workshop room keeps nothing and lists nothing


def test_a_plans_passphrase_must_be_long_enough_and_typed_the_same_twice(tmp_path: Path) -> None:
    session = Library(tmp_path).new()
    session.conversation.submit("")
    for first, second, key in (
        ("short", "short", "ui.lock_too_short"),
        ("long enough one", "long enough two", "ui.lock_not_same"),
    ):
        with pytest.raises(StoreError) as caught:
            session.lock(first, second)
        assert caught.value.key == key
    session.lock("long enough one", "long enough one")
    assert session.store is not None
    assert session.store.is_locked(session.code)
    opened = Library(tmp_path, web_token="another-page-token-0123").open_locked(
        session.code, "long enough one"
    )
    assert opened.code == session.code


def test_wrong_keyworker_passphrases_count_across_pages_and_a_caseload_plan_is_not_the_pages(
    tmp_path: Path,
) -> None:
    from planner.store.database import FREE_TRIES

    check = passphrase_check("keyworker secret")
    family = Library(tmp_path).new()
    family.conversation.submit("")
    pages = [
        PageConfig(token=f"page-{n}-token-0123456789", data_dir=tmp_path, keyworker_check=check)
        for n in range(2)
    ]
    first, second = (page.start() for page in pages)
    for _ in range(FREE_TRIES):
        assert not first.access.unlock_caseload("a guess")
    with pytest.raises(StoreError) as waiting:
        second.access.unlock_caseload("keyworker secret")  # a new page is no fresh start
    assert waiting.value.key == "error.store.too_many_tries"
    assert first.library is not None
    store = first.library.store
    assert store is not None
    store.note_try("keyworker", ok=True)  # (the wait has passed)
    assert second.access.unlock_caseload("keyworker secret")
    assert not second.access.links_opened_plans
    opened = first.library.open(family.code, link=second.access.links_opened_plans)
    opened.save_now()
    assert store.linked_plan(pages[1].token) != family.code  # the address opens no family's plan
