"""Opening a conversation for a front end: new, resumed, from an example, or for a browser tab.

Every accepted answer is saved at once. A save that fails is reported once, in plain words;
the answers stay in memory so nothing typed is lost while the program is open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from planner.dialogue.conversation import Conversation
from planner.dialogue.loader import load_flow
from planner.dialogue.state import SessionState
from planner.domain.access import get_at
from planner.store import open_store
from planner.store.database import Database
from planner.store.files import StoreError

if TYPE_CHECKING:
    from planner.domain.models import PlanReview


@dataclass
class Session:
    """A conversation and where it is saved."""

    conversation: Conversation
    store: Database | None
    web_token: str | None = None
    problems: list[StoreError] = field(default_factory=list)
    on_problem: Callable[[StoreError], None] | None = None
    revision: int | None = None
    """The plan's version as this session last saw it: a plan changed meanwhile by another
    window or page is not overwritten (the save is refused, and said)."""

    def __post_init__(self) -> None:
        self.conversation.on_change = self.save
        self.conversation.kept = self.store is not None

    def save(self, state: SessionState) -> None:
        """Save now (called after every accepted answer)."""
        if self.store is None:
            return
        try:
            self.revision = self.store.save(state, self.revision)
            if self.web_token:
                self.store.link_session(self.web_token, state.plan.id)
        except StoreError as error:
            first = not self.problems
            self.problems.append(error)
            if first and self.on_problem is not None:
                self.on_problem(error)

    def save_now(self) -> None:
        """Save the plan as it stands."""
        self.save(self.conversation.state)

    @property
    def code(self) -> str:
        """The code to carry on with this plan later."""
        return self.conversation.plan.id

    def lock(self, passphrase: str, again: str) -> None:
        """Give this plan a passphrase (typed twice), to open it from another browser page.
        Raises ``StoreError`` (a message key) when it cannot be done."""
        from planner.store.crypto import check_new_passphrase

        problem = check_new_passphrase(passphrase, again)
        if problem is not None:
            raise StoreError(problem)
        if self.store is not None:
            self.store.lock(self.code, passphrase)  # every other page's link to it goes
            if self.web_token:
                self.store.link_session(self.web_token, self.code)

    def is_locked(self) -> bool:
        """Whether this plan has a passphrase of its own."""
        return self.store is not None and self.store.is_locked(self.code)

    def keep_review(self, review: PlanReview) -> None:
        """Keep a review in the plan (step 7 in use), and save."""
        from planner.domain.review import add_review

        self.conversation.state.plan = add_review(self.conversation.plan, review)
        self.save_now()

    def start_next_version(self) -> int:
        """Start the next version of the plan: the same answers, back at step 1. The store keeps
        the earlier version as it was. Returns the earlier version's number."""
        from planner.domain.review import next_version

        conv = self.conversation
        old = conv.plan.version
        conv.state.plan = next_version(conv.plan)
        conv.jump(conv.flow.steps[0].id)
        self.save_now()
        return old


def open_session(
    data_dir: Path | None,
    *,
    resume: str | None = None,
    web_token: str | None = None,
    today: date | None = None,
    store: Database | None = None,
    state: SessionState | None = None,
) -> Session:
    """A session: the plan named by ``resume`` or linked to ``web_token``, else a new one.

    ``data_dir`` None keeps everything in memory (nothing is written to disk); an open
    ``store`` is used as it is.
    """
    if store is None and data_dir is not None:
        store = open_store(data_dir)
    if store is not None and web_token and resume is None and state is None:
        resume = store.linked_plan(web_token)
    if store is not None and resume:
        state = store.load(resume)
    conversation = Conversation(load_flow(), state, today=today)
    revision = store.revision(state.plan.id) if store is not None and state is not None else None
    return Session(conversation, store, web_token=web_token, revision=revision)


def import_plan(store: Database, data: bytes) -> str:
    """Bring in a plan saved as JSON (see ``planner.render.jsonio``) under a code of its own.

    A file that says where the family was opens at that same question. Otherwise (a file
    from another program, or an older flow) the conversation walks on through every question
    the file answers, so the plan opens at the first question still to answer. Raises
    ``PlanFileError`` for a file that is not a plan.
    """
    from planner.render.jsonio import read_plan_file

    plan, place = read_plan_file(data)
    flow = load_flow()
    if place is not None and place.fits(flow):
        return store.import_state(place.state(plan))
    conversation = Conversation(flow)
    conversation.state.plan = plan
    catch_up(conversation)
    return store.import_state(conversation.state)


def catch_up(conversation: Conversation, limit: int = 1000) -> None:
    """Walk on through every question the plan already answers (after an import), stopping at
    the first one it does not."""
    for _ in range(limit):
        node = conversation.node
        if node.kind == "finish":
            return
        value = get_at(conversation.plan, node.store or "") if node.store else None
        if node.kind == "ask" and value in (None, "", []):
            return
        conversation.keep()
