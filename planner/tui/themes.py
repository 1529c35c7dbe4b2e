"""The three colour themes (F6): calm, high contrast, and large for a projector."""

from __future__ import annotations

from textual.theme import Theme

THEMES = (
    Theme(
        name="planner-calm",
        primary="#7FB7BE",
        secondary="#A5C8E4",
        accent="#F2C57C",
        foreground="#E8ECEF",
        background="#15232B",
        surface="#1C2E38",
        panel="#243B47",
        success="#9BD1A3",
        warning="#F2C57C",
        error="#F4A6A6",
        dark=True,
    ),
    Theme(
        name="planner-contrast",
        primary="#FFFF00",
        secondary="#FFFFFF",
        accent="#00FFFF",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#1A1A1A",
        success="#00FF00",
        warning="#FFFF00",
        error="#FF6666",
        dark=True,
    ),
    Theme(
        name="planner-large",
        primary="#FFD866",
        secondary="#FFFFFF",
        accent="#66D9EF",
        foreground="#FFFFFF",
        background="#000000",
        surface="#101010",
        panel="#202020",
        success="#A6E22E",
        warning="#FFD866",
        error="#FF6188",
        dark=True,
    ),
)
THEME_WORDS = {
    "planner-calm": "ui.theme_calm",
    "planner-contrast": "ui.theme_contrast",
    "planner-large": "ui.theme_large",
}
"""The text key naming each theme."""


def theme(name: str) -> Theme:
    """The theme of that name."""
    return next(t for t in THEMES if t.name == name)


def next_theme(current: str) -> str:
    """The theme after ``current``, round and round."""
    names = [t.name for t in THEMES]
    return names[(names.index(current) + 1) % len(names)] if current in names else names[0]
