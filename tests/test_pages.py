"""The simple web pages, without a server: each page as a family meets it, from the core up.

(The server's side, its tokens and limits, is in ``test_pages_serve.py``; a real browser with
axe-core and the Nu checker in ``test_pages_browser.py``.)
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from planner.pages.html import Download, Html, Redirect
from planner.pages.visit import Family
from planner.plain.runner import PlainRunner
from planner.services.examples import Example, find_example, load_examples, stable_ids
from planner.services.library import Library

from .helpers import TODAY, plain_lines
from .pages_driver import InProcess, Page, walk


def example(example_id: str = "kai") -> Example:
    found = find_example(example_id)
    assert found is not None
    return found


def pages_for(data_dir: Path | None = None, token: str = "T") -> InProcess:
    """A new family's pages, in memory or saved in ``data_dir``."""
    library = Library(data_dir, web_token=token) if data_dir is not None else None
    session = library.for_page() if library is not None else Library(None).new()
    session.conversation.today = TODAY
    return InProcess(Family(session, library), base=f"/p/{token}")


def at(node: str, example_id: str = "kai", data_dir: Path | None = None) -> InProcess:
    """A family's pages at one question, the example's answers given on the pages up to it."""
    pages = pages_for(data_dir)
    walk(pages, example(example_id), until=node)
    assert pages.family.session.conversation.node_id == node
    return pages


def sent(pages: InProcess, **fields: str | list[str]) -> dict[str, list[str]]:
    """A form sent from the page the family is on, with ``fields``."""
    node = pages.family.session.conversation.node_id
    form: dict[str, list[str]] = {"csrf": ["form"], "node": [node]}
    form.update({k: [v] if isinstance(v, str) else v for k, v in fields.items()})
    return form


def page_text(html: str) -> str:
    """What a page says, without its markup."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("example_id", [e.id for e in load_examples()])
def test_every_example_family_finishes_on_the_pages_with_the_plan_line_mode_makes(
    example_id: str,
) -> None:
    family = example(example_id)
    pages = pages_for()
    walk(pages, family)
    on_pages = pages.family.session.conversation
    typed = Library(None).new()
    typed.conversation.today = TODAY
    PlainRunner(typed, iter(plain_lines(family)), lambda _: None).run()
    assert on_pages.finished
    assert typed.conversation.finished
    assert stable_ids(on_pages.plan, family) == stable_ids(typed.conversation.plan, family)


@pytest.mark.parametrize(
    ("node", "control"),
    [
        ("child_name", '<input type="text" id="answer" name="answer"'),
        ("child_dob", '<input class="short" type="text" id="answer" name="answer"'),
        ("edu_budget_amount", 'inputmode="decimal" id="answer" name="answer"'),
        ("like_about", '<textarea id="answer" name="answer"'),
    ],
)
def test_a_question_with_one_box_is_the_pages_heading_and_labels_the_box(
    node: str, control: str
) -> None:
    html = at(node).html("")
    page = Page(html)
    assert re.search(r'<h1><label for="answer">[^<]+</label></h1>', html)
    assert page.title.startswith(page.h1.strip())
    assert control in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(
    ("node", "kind"),
    [("ehcp_status", "radio"), ("health_right", "radio"), ("pa_tasks", "checkbox")],
)
def test_a_question_with_options_is_a_fieldset_named_by_the_heading(node: str, kind: str) -> None:
    html = at(node).html("")
    legend = re.search(r"<fieldset[^>]*>\s*<legend>.*?<h1>([^<]+)</h1>\s*</legend>", html, re.S)
    assert legend is not None
    options = re.findall(rf'<input type="{kind}" id="([^"]+)" name="answer"', html)
    labels = re.findall(r'<label for="([^"]+)">', html)
    assert len(options) >= 2
    assert set(options) <= set(labels)
    assert options[0] == "answer"  # the error summary's link lands on the first option


def test_a_refused_answer_keeps_what_was_typed_and_links_the_error_to_its_field() -> None:
    pages = at("child_dob")
    reply = pages.post("answer", sent(pages, answer="31/02/2012"))
    assert isinstance(reply, Html)
    page = Page(reply.text)
    assert page.title.startswith("Error: What is Kai's date of birth?")
    assert 'role="alert"' in reply.text
    assert '<a href="#answer">' in reply.text
    assert 'value="31/02/2012"' in reply.text
    assert re.search(
        r'id="answer" name="answer"[^>]*aria-describedby="[^"]*answer-error', reply.text
    )
    assert 'aria-invalid="true"' in reply.text
    assert pages.family.session.conversation.node_id == "child_dob"  # nothing moved on
    again = pages.post("answer", sent(pages, answer="03/02/2012"))
    assert isinstance(again, Redirect)
    assert pages.family.session.conversation.node_id != "child_dob"


def test_choosing_nothing_is_refused_in_words_for_a_page_not_for_keys() -> None:
    pages = at("ehcp_status")
    reply = pages.post("answer", sent(pages))
    assert isinstance(reply, Html)
    assert "Please choose one of the options." in reply.text
    assert "Type a number" not in reply.text
    boxes = at("pa_tasks")
    assert isinstance(boxes.post("answer", sent(boxes)), Redirect)  # optional: none is fine


def test_the_pages_never_talk_about_keys() -> None:
    keys = re.compile(r"Ctrl\+|\bF\d\b|\bpress\b|\bEsc\b|[Tt]ype (a )?numbers?|\bTab\b|Enter\b")
    for family in load_examples():
        pages = pages_for()
        seen = walk(pages, family)
        for name in ("steps", "help", "glossary", "ask?q=direct+payment", "language", "save"):
            seen.append(pages.html(name))
        for text in seen:
            found = keys.search(page_text(text))
            assert found is None, (family.id, Page(text).title, found)


def test_what_a_family_types_is_shown_as_text_never_as_markup() -> None:
    pages = at("child_name")
    name = '<script>alert("x")</script><b>Kai</b>'
    assert isinstance(pages.post("answer", sent(pages, answer=name)), Redirect)
    html = pages.html("")
    assert "&lt;script&gt;" in html
    assert "<script" not in html
    assert "<b>" not in html
    pages.family.session.conversation.back()
    assert "&lt;b&gt;Kai&lt;/b&gt;" in pages.html("")  # the answer so far, in its box


def test_an_answer_that_brings_more_questions_adds_them_and_keeps_the_rest() -> None:
    pages = at("helpers")
    form = Page(pages.html("item")).form("/item")
    assert form.shown == ["name", "kind"]  # the rate only once they are employed
    reply = pages.post("item", sent(pages, shown=form.shown, n="", name="Sam", kind="employed"))
    assert isinstance(reply, Html)
    again = Page(reply.text)
    assert not again.errors
    assert "A few more questions" in reply.text or "brought up a few more" in reply.text
    assert again.form("/item").shown == ["name", "kind", "rate"]
    assert 'value="Sam"' in reply.text
    done = pages.post(
        "item",
        sent(
            pages, shown=again.form("/item").shown, n="", name="Sam", kind="employed", rate="14.50"
        ),
    )
    assert isinstance(done, Redirect)
    assert [h.name for h in pages.family.session.conversation.plan.helpers] == ["Sam"]


def test_tell_me_more_is_help_to_read_never_markup_to_see() -> None:
    pages = at("outcomes")
    for text in (pages.html(""), pages.html("item")):
        details = text[text.index("<details>") : text.index("</details>")]
        assert "<h2>Outcomes</h2>" in details
        assert "&lt;" not in details


def test_an_item_is_taken_out_only_once_the_family_says_yes() -> None:
    pages = at("risks")
    conv = pages.family.session.conversation
    for what in ("Getting lost", "Being ill"):
        form = Page(pages.html("item")).form("/item")
        assert isinstance(
            pages.post(
                "item", sent(pages, shown=form.shown, n="", what=what, how_managed="A plan")
            ),
            Redirect,
        )
    confirm = pages.html("remove?n=0")
    assert 'Remove "Getting lost"?' in Page(confirm).h1
    unanswered = pages.post("remove", sent(pages, n="0"))
    assert isinstance(unanswered, Html)
    assert "Please choose yes or no." in unanswered.text
    pages.post("remove", sent(pages, n="0", answer="no"))
    assert len(conv.plan.risks) == 2
    pages.post("remove", sent(pages, n="0", answer="yes"))
    assert [r.what for r in conv.plan.risks] == ["Being ill"]


def test_change_from_check_your_answers_comes_back_to_where_the_family_was() -> None:
    pages = at("like_about")
    check = pages.html("check/budget")
    assert "Check your answers: step 1" in Page(check).h1
    assert "£3,100" in check
    pages.post("change", {"csrf": ["form"], "change": ["child_name"]})
    conv = pages.family.session.conversation
    assert conv.node_id == "child_name"
    assert 'value="Kai"' in pages.html("")
    pages.post("answer", sent(pages, answer="Kai Brooks"))
    assert conv.node_id == "like_about"
    assert conv.plan.child.name == "Kai Brooks"


def test_the_seven_steps_are_a_task_list_with_how_far_each_has_got() -> None:
    html = at("like_about").html("steps")
    rows = re.findall(
        r'<li><a href="/p/T/check/(\w+)"[^>]*>(\d)\. ([^<]+)</a>\s*<span class="tag (\w+)"', html
    )
    assert [r[1] for r in rows] == list("1234567")
    assert rows[0][3] == "done"
    assert rows[1][3] == "in_progress"
    assert rows[6][3] == "not_started"


def test_a_form_from_an_older_page_changes_nothing_and_says_so() -> None:
    pages = at("child_dob")
    old = {"csrf": ["form"], "node": ["child_name"], "answer": ["Someone else"]}
    assert isinstance(pages.post("answer", old), Redirect)
    conv = pages.family.session.conversation
    assert conv.node_id == "child_dob"
    assert conv.plan.child.name == "Kai"
    assert "That page was out of date" in pages.html("")


def test_the_pages_speak_polish_once_it_is_chosen_and_every_answer_is_kept() -> None:
    pages = at("edu_budget_status")
    language = Page(pages.html("language"))
    assert language.form("/language").options["answer"] == ["en_GB", "pl"]
    reply = pages.post("language", {"csrf": ["form"], "answer": ["xx"]})
    assert isinstance(reply, Html)
    assert "Please choose a language." in reply.text
    pages.post("language", {"csrf": ["form"], "answer": ["pl"]})
    html = pages.html("")
    assert '<html lang="pl">' in html
    assert "Krok 1 z 7" in html
    assert "Siedem kroków" in html
    refused = pages.post("answer", sent(pages))
    assert isinstance(refused, Html)
    assert Page(refused.text).title.startswith("Błąd:")
    assert "Wybierz jedną z opcji." in refused.text
    assert pages.family.session.conversation.plan.child.name == "Kai"


def test_a_workshop_page_says_nothing_is_saved_and_offers_the_plan_to_download() -> None:
    pages = pages_for()
    assert "download the plan as a file before you close the page" in pages.html("")
    save = pages.html("save")
    assert "Nothing is saved on this computer" in save
    assert 'href="/p/T/download/json"' in save
    assert "passphrase" not in save.lower()


def test_a_workshop_room_offers_the_example_families_at_the_start(tmp_path: Path) -> None:
    pages = pages_for()
    assert 'href="/p/T/examples"' in pages.html("")
    offered = pages.html("examples")
    assert all(f'value="{family.id}"' in offered for family in load_examples())
    refused = pages.post("examples", {"csrf": ["form"], "answer": ["nobody"]})
    assert isinstance(refused, Html)
    assert Page(refused.text).title.startswith("Error:")
    assert "Please choose one of the families." in refused.text
    assert '<a href="#answer">' in refused.text
    pages.post("language", {"csrf": ["form"], "answer": ["pl"]})
    chosen = pages.post("examples", {"csrf": ["form"], "answer": ["kai"]})
    assert isinstance(chosen, Redirect)
    conv = pages.family.session.conversation
    assert (conv.node_id, conv.plan.child.name, conv.locale) == ("welcome", "Kai", "pl")
    assert 'href="/p/T/examples"' not in pages.html("")  # Kai's plan is there to walk through
    home = pages_for(tmp_path)  # a server that keeps plans never swaps a family's own
    assert "/examples" not in home.html("")
    assert isinstance(home.get("examples"), Redirect)
    assert isinstance(home.post("examples", {"csrf": ["form"], "answer": ["kai"]}), Redirect)
    assert home.family.session.conversation.plan.child.name == ""


def test_a_saved_plan_opens_on_another_page_with_its_code_and_passphrase(tmp_path: Path) -> None:
    mine = at("child_dob", data_dir=tmp_path)
    code = mine.family.session.code
    assert code in mine.html("save")
    short = mine.post("lock", {"csrf": ["form"], "passphrase": ["short"], "again": ["short"]})
    assert isinstance(short, Html)
    assert "8 characters or more" in short.text
    assert '<a href="#passphrase">' in short.text
    mine.post(
        "lock", {"csrf": ["form"], "passphrase": ["green tea pot"], "again": ["green tea pot"]}
    )
    other = pages_for(tmp_path, token="U")
    wrong = other.post("resume", {"csrf": ["form"], "code": [code], "passphrase": ["nope"]})
    assert isinstance(wrong, Html)
    assert "Error:" in Page(wrong.text).title
    opened = other.post(
        "resume", {"csrf": ["form"], "code": [code], "passphrase": ["green tea pot"]}
    )
    assert isinstance(opened, Redirect)
    assert other.family.session.conversation.node_id == "child_dob"
    assert other.family.session.conversation.plan.child.name == "Kai"


def test_an_answer_that_could_not_be_saved_is_said_plainly_once(tmp_path: Path) -> None:
    """The same plan open on two devices: the second's answer would overwrite the first's, so
    it is not saved, and the family is told so in plain words (the server then reads the plan
    again before their next page: see test_pages_serve)."""
    mine = at("child_dob", data_dir=tmp_path)
    code = mine.family.session.code
    passphrase = {"passphrase": ["green tea pot"], "again": ["green tea pot"]}
    mine.post("lock", {"csrf": ["form"], **passphrase})
    other = pages_for(tmp_path, token="U")
    other.post("resume", {"csrf": ["form"], "code": [code], "passphrase": ["green tea pot"]})
    assert isinstance(mine.post("answer", sent(mine, answer="03/02/2012")), Redirect)
    assert isinstance(other.post("answer", sent(other, answer="04/02/2012")), Redirect)
    page = other.html("")
    assert "Someone changed this plan in another window since you opened it here." in page
    assert "Someone changed this plan" not in other.html("steps")  # said once


def test_a_keyworker_opens_the_caseload_with_the_passphrase_and_a_plan_from_it(
    tmp_path: Path,
) -> None:
    from planner.services.access import PageAccess
    from planner.store.crypto import passphrase_check

    at("child_dob", data_dir=tmp_path).family.session.save_now()  # one family's plan: Kai
    keyworker = pages_for(tmp_path, token="K")
    store = keyworker.family.session.store
    check = passphrase_check("the keyworker's words")
    keyworker.family.access = PageAccess(served=True, keyworker_check=check, store=store)
    assert 'href="/p/K/caseload"' in keyworker.html("")
    asked = Page(keyworker.html("caseload"))
    assert asked.form("/caseload").boxes == {"passphrase": ""}
    wrong = keyworker.post("caseload", {"csrf": ["form"], "passphrase": ["guess"]})
    assert isinstance(wrong, Html)
    assert "That is not the keyworker's passphrase." in html.unescape(wrong.text)
    keyworker.post("caseload", {"csrf": ["form"], "passphrase": ["the keyworker's words"]})
    table = keyworker.html("caseload")
    assert re.search(r'<span class="visually-hidden">Open: </span>Kai</button>', table)
    (kai,) = re.findall(r'name="plan" value="(\w+)"', table)
    keyworker.post("caseload-open", {"csrf": ["form"], "plan": [kai]})
    opened = keyworker.family.session
    assert opened.conversation.plan.child.name == "Kai"
    assert opened.web_token is None  # the page's address never opens Kai's plan by itself
    assert store is not None
    assert store.linked_plan("K") != kai


def test_pages_without_a_keyworker_have_no_caseload() -> None:
    pages = pages_for()
    assert "caseload" not in pages.html("")
    assert isinstance(pages.get("caseload"), Redirect)


def test_help_the_glossary_and_asking_a_question_answer_in_plain_words() -> None:
    pages = pages_for()
    assert "one question at a time" in pages.html("help")
    glossary = pages.html("glossary?q=nominee")
    assert "<dt>Nominee</dt>" in glossary
    assert "No word matches" in pages.html("glossary?q=zzzzqqq")
    asked = pages.html("ask?q=can+I+pay+my+sister")
    assert "What we found" in asked
    assert "<h3>Can I pay my mum to support my son?</h3>" in asked
    assert pages.html("more").count("<h1>") == 1


def test_the_plan_page_sums_up_the_plan_and_offers_what_comes_next() -> None:
    pages = pages_for()
    walk(pages, example())
    html = pages.html("")
    main = html[html.index("<main") :]
    assert main.index("<h1>Your plan</h1>") < main.index("<h2>")  # the heading comes first
    assert main.count("Once the plan is in use") == 1
    assert "<li>Plan for: Kai</li>" in main
    assert "<li>- " not in main
    assert f"you need the code {pages.family.session.code}" not in main  # nothing is saved here
    assert "Download the plan before you close the page." in main


@pytest.mark.parametrize("value", ["json", "docx", "pdf", "html", "md"])
def test_the_plan_downloads_in_every_format(value: str) -> None:
    pages = pages_for()
    walk(pages, example())
    reply = pages.get(f"download/{value}")
    assert isinstance(reply, Download)
    assert reply.name.endswith(f".{value}")
    assert len(reply.data) > 1000
    assert isinstance(pages.get("download/exe"), Redirect)


def test_key_dates_are_worked_out_from_the_dates_a_family_knows() -> None:
    pages = pages_for()
    none = Page(pages.html("dates?sent=1"))
    assert none.title.startswith("Error: Key dates")
    assert "Please give at least one date." in none.errors
    wrong = pages.html("dates?sent=1&requested=soon-ish")
    assert '<a href="#requested">' in wrong
    assert 'value="soon-ish"' in wrong
    found = pages.html("dates?sent=1&requested=01%2F09%2F2026")
    assert "Tuesday 1 September 2026" in found
    assert "Check them with your council or SENDIASS." in found


def test_a_review_is_kept_with_the_plan_and_its_summary_downloads() -> None:
    pages = pages_for()
    walk(pages, example())
    conv = pages.family.session.conversation
    first = conv.plan.outcomes[0].id
    refused = pages.post("review", {"csrf": ["form"], "held": ["01/01/2099"], "spent": ["lots"]})
    assert isinstance(refused, Html)
    assert Page(refused.text).title.startswith("Error: Review of the plan")
    assert '<a href="#held">' in refused.text
    assert '<a href="#spent">' in refused.text
    assert 'value="lots"' in refused.text
    assert conv.plan.reviews == []
    kept = pages.post(
        "review",
        {"csrf": ["form"], "held": ["20/11/2026"], f"progress-{first}": ["some"], "spent": ["900"]},
    )
    assert isinstance(kept, Redirect)
    assert [str(r.outcomes[0].progress) for r in conv.plan.reviews] == ["some"]
    summary = pages.get("review-file/docx")
    assert isinstance(summary, Download)
    assert summary.name.endswith(".docx")
    pages.post("next-version", {"csrf": ["form"]})
    assert conv.plan.version == 2
    assert "Version 2 of the plan has started" in pages.html("")
