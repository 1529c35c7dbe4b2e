"""A control's look for a state it has been in before, without Textual working it out again.

When the focus moves, Textual 8.2.8 matches every rule of the stylesheet against the control and
each of its parts again (``App.update_styles``): 0.4 to 1.2 ms a control, on every answer that
changes its kind of input. The result depends only on the stylesheet's rules and on what those
rules can test along the control's path from the app: each node's classes, whether it is hovered,
focused or disabled, whether it can take the focus, and the app's theme and colour mode. So the
rules found for each such state are kept on the control, and put back the next time it is in
that state (only those that differ from the rules it has: 50 µs, not 0.4 to 1.2 ms).

A control is never kept if a rule that could match it or its parts tests anything else (its
place among its siblings, say, or a focused child), if it has children or scroll bars of its own
to style, or once the stylesheet has been parsed again (a new theme): then Textual does it all.
"""

from __future__ import annotations

from typing import Any, cast

from textual.css.stylesheet import Stylesheet
from textual.widget import Widget

KNOWN = frozenset(
    {"hover", "focus", "blur", "disabled", "enabled", "can-focus"}
    | {"dark", "light", "inline", "ansi", "nocolor"}
)
"""The pseudo-classes the state below covers (the first six on each node, the rest the app's)."""


class Looks:
    """The rules found for a control in each state it has been in, for one stylesheet."""

    def __init__(self, rules: object) -> None:
        self.rules = rules
        """The stylesheet's rules the looks were found with (held, so it stays itself)."""
        self.found: dict[tuple[object, ...], tuple[dict[str, Any], dict[str, Any]]] = {}


def restyle(control: Widget) -> None:
    """Work out the control's styles again (as ``control.update_node_styles()`` does)."""
    app = control.app
    sheet = app.stylesheet
    rules = sheet.rules
    looks: Looks | None = getattr(control, "_looks", None)
    if looks is None or looks.rules is not rules:
        looks = Looks(rules) if _keepable(control, sheet) else None
        control._looks = looks  # type: ignore[attr-defined]
    if looks is None or (control.is_scrollable and _has_scrollbars(control)):
        app.update_styles(control)
        return
    state = _state(control)
    found = looks.found.get(state)
    if found is None:
        app.update_styles(control)
        looks.found[state] = (dict(control.styles.base._rules), dict(control._component_styles))
        return
    own, parts = found
    base = control.styles.base
    now = cast(dict[str, Any], base._rules)
    changed = [name for name in now.keys() | own.keys() if now.get(name) != own.get(name)]
    for name in changed:  # as Textual's ``replace_rules`` sets them (each refreshes what it must)
        setattr(base, name, own.get(name))
    if changed:
        control.notify_style_update()
    if any(control._component_styles.get(name) is not styles for name, styles in parts.items()):
        control._component_styles.clear()
        control._component_styles.update(parts)
        control.refresh()


def _state(control: Widget) -> tuple[object, ...]:
    """Everything the stylesheet's rules (those :func:`_keepable` allows) can test."""
    app = control.app
    path = tuple(
        (frozenset(node._classes), node._pseudo_classes_cache_key)
        + ((node.allow_focus(),) if isinstance(node, Widget) else ())
        for node in control.css_path_nodes
    )
    return path, app.current_theme.dark, app.is_inline, app.native_ansi_color, app.no_color


def _keepable(control: Widget, sheet: Stylesheet) -> bool:
    """Whether every rule that could match the control or its parts tests only what
    :func:`_state` covers, and the control has no children to style."""
    if control.children:
        return False
    names = set(control._selector_names)
    names.update(f".{part}" for part in control._get_component_classes())
    rules_map = sheet.rules_map
    tested: set[str] = set()
    for name in names & rules_map.keys():
        for rule in rules_map[name]:
            tested |= rule.pseudo_classes
    return tested <= KNOWN


def _has_scrollbars(control: Widget) -> bool:
    return bool(
        (control.show_vertical_scrollbar and control.scrollbar_size_vertical)
        or (control.show_horizontal_scrollbar and control.scrollbar_size_horizontal)
    )
