"""Answers that say more than the question asked, so the next questions need not be asked.

At a budget's "do you know how much?" question, the amount itself ("£2,400 a year") means yes:
the question is answered "known", and the amount question after it (and its period, when one
is said) with the same words. The node names its amount question in ``amount``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.dialogue.prompt import Notice, Result
from planner.domain.errors import InputError
from planner.domain.vocab import BudgetStatus

if TYPE_CHECKING:
    from planner.dialogue.conversation import Conversation


def amount_instead(conv: Conversation, raw: str) -> Result | None:
    """Answer the current budget question and its amount question from an amount typed in
    reply; None when the words are one of the options, or not an amount (they are then read
    the usual way, with the usual message)."""
    node = conv.node
    if node.amount is None or not raw.strip():
        return None
    try:
        conv.parse(node, raw)
        return None  # one of the options
    except InputError:
        pass
    try:
        conv.parse(conv.flow.nodes[node.amount], raw)
    except InputError:
        return None
    values = [choice.value for choice in conv.choices(node)]
    known = conv.answer(str(values.index(BudgetStatus.KNOWN.value) + 1))
    if not known.ok or conv.node_id != node.amount:
        return known
    amount = conv.answer(raw)
    history = conv.state.history
    if amount.ok and history and history[-1] == node.amount:
        history.pop()  # back goes to where the amount was typed, not to a question not seen
    notices: tuple[Notice, ...] = (*known.notices, *amount.notices)
    return Result(ok=amount.ok, message=amount.message, notices=notices)
