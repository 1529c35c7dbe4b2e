"""A question or an item's field as a form field: its kind of control, words and value."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planner.dialogue.schema import InputKind, Question

if TYPE_CHECKING:
    from planner.dialogue.conversation import Conversation

CONTROLS = {
    InputKind.CHOICE: "radios",
    InputKind.YES_NO_UNSURE: "radios",
    InputKind.CHOICES: "checkboxes",
    InputKind.LONG_TEXT: "textarea",
    InputKind.MONEY: "money",
    InputKind.NUMBER: "number",
    InputKind.DATE: "date",
}
"""The control for each kind of answer (a short text is a one-line box)."""

NONE_CHOSEN = "none"
"""What a set of boxes with none ticked is sent as (the core reads it as "none of these")."""


@dataclass
class FormField:
    """One field of a form, ready for the templates."""

    name: str
    control: str
    label: str
    hint: str = ""
    value: str = ""
    chosen: list[str] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)
    more: Any = None
    """A longer explanation (HTML made by :func:`planner.pages.html.markdown`), shown under
    "Tell me more"."""
    autocomplete: str = "off"
    """For a passphrase: ``new-password`` or ``current-password``, so a password manager helps."""
    option_lang: bool = False
    """Each option's value is a language code, and its words are in that language."""
    options_lang: str = ""
    """The language of every option's words, when it is not the page's."""


def box(name: str, control: str, label: str, value: str = "", **more: Any) -> FormField:
    """A field that asks no question of the flow (a passphrase, a plan's code, a review's box)."""
    return FormField(name=name, control=control, label=label, value=value, **more)


def control_of(question: Question) -> str:
    """The control a question is answered with."""
    return CONTROLS.get(question.input or InputKind.SHORT_TEXT, "text")


def form_field(
    conv: Conversation,
    question: Question,
    name: str,
    label: str,
    value: str,
    *,
    hint: str = "",
) -> FormField:
    """The form field for a question: its options come from the core, in the family's words."""
    control = control_of(question)
    options = [(c.value, c.label) for c in conv.choices(question)] if control != "text" else []
    chosen = [v.strip() for v in value.split(",") if v.strip()] if options else []
    if not question.required:
        hint = " ".join(filter(None, [hint, conv.t("page.optional")]))
    return FormField(
        name=name,
        control=control,
        label=label,
        hint=hint,
        value=value,
        chosen=chosen,
        options=options,
    )


def sent_value(control: str, values: list[str]) -> str:
    """What a field sent, as the core reads typed answers: ticked boxes as ``a, b`` (or
    ``none``), anything else as it is."""
    if control == "checkboxes":
        return ", ".join(v for v in values if v) or NONE_CHOSEN
    return values[0] if values else ""
