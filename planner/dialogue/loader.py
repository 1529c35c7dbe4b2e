"""Loading a flow file and compiling it into a ``transitions`` state machine."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from transitions import Machine

from planner.dialogue.registry import known_guard
from planner.dialogue.schema import Flow, InputKind, Node, Option, Route
from planner.domain.errors import problem_lines
from planner.domain.packs import Pack, PackError, load_pack
from planner.paths import DEFAULT_FLOW, data_path

ADVANCE = "advance"


class FlowError(Exception):
    """A flow file that cannot be used; ``problems`` lists each thing wrong, in plain words."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems))
        self.source = source
        self.problems = problems


def flow_file(name_or_path: str | Path | None = None) -> Path:
    """The file for a shipped flow name, or the path given."""
    if name_or_path is None:
        name_or_path = DEFAULT_FLOW
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return candidate
    return data_path("flows", f"{name_or_path}.yaml")


def parse_flow(text: str, source: str) -> Flow:
    """A :class:`Flow` from YAML text, or :class:`FlowError` listing what is wrong."""
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        raw = yaml.load(text, Loader=loader)
    except yaml.YAMLError as error:
        raise FlowError(source, [f"the file is not valid YAML: {error}"]) from None
    if not isinstance(raw, dict):
        raise FlowError(source, ["the file should describe a flow (id, start, steps, nodes)"])
    try:
        flow = Flow.model_validate(raw)
    except ValidationError as error:
        raise FlowError(source, problem_lines(error, "flow")) from None
    return expand_allocations(flow, source)


def expand_allocations(flow: Flow, source: str) -> Flow:
    """Turn each ``input: allocation`` node into the pack's questions, one choice each.

    Node ``X`` becomes an introduction (``X``), one question per area of need (``X__<id>``)
    and the working-out (``X__result``), which then goes where ``X`` went.
    """
    if not any(n.input is InputKind.ALLOCATION for n in flow.nodes.values()):
        return flow
    nodes: dict[str, Node] = {}
    problems: list[str] = []
    for node_id, node in flow.nodes.items():
        if node.input is not InputKind.ALLOCATION:
            nodes[node_id] = node
            continue
        try:
            pack = load_pack(node.pack or "")
        except PackError as error:
            problems.extend(f"node '{node_id}': {p}" for p in error.problems)
            continue
        nodes.update(_allocation_nodes(node_id, node, pack))
    if problems:
        raise FlowError(source, problems)
    return flow.model_copy(update={"nodes": nodes})


def _allocation_nodes(node_id: str, node: Node, pack: Pack) -> dict[str, Node]:
    prefix = f"pack:{pack.id}:"
    ids = [f"{node_id}__{q.id}" for q in pack.questions]
    result_id = f"{node_id}__result"
    common = {"step": node.step, "pack": pack.id}
    expanded = {
        node_id: Node(
            kind="say",
            text=f"{prefix}intro",
            more="allocations",
            next=[Route(to=ids[0])],
            **common,
        )
    }
    for index, question in enumerate(pack.questions):
        following = ids[index + 1] if index + 1 < len(ids) else result_id
        expanded[ids[index]] = Node(
            kind="ask",
            input=InputKind.CHOICE,
            text=f"{prefix}q.{question.id}",
            options=[Option(value=o.id, text=f"{prefix}a.{o.id}") for o in question.options],
            store=f"{node.store}.answers.{question.id}",
            after=["apply_allocation"],
            next=[Route(to=following)],
            **common,
        )
    expanded[result_id] = Node(
        kind="say",
        text=f"{prefix}disclaimer",
        text_from="allocation_result",
        store=None,
        next=list(node.next),
        depends_on=ids,
        **common,
    )
    return expanded


@cache
def _load_cached(path: str, mtime: float) -> Flow:
    from planner.cache import cached
    from planner.domain.packs import pack_file, pack_names

    source = Path(path)
    packs = [pack_file(name) for name in pack_names()]
    return cached(
        "flow", [source, *packs], lambda: parse_flow(source.read_text(encoding="utf-8"), path)
    )


def load_flow(name_or_path: str | Path | None = None) -> Flow:
    """Load and validate a flow by shipped name or by path."""
    path = flow_file(name_or_path)
    if not path.exists():
        raise FlowError(str(path), ["there is no flow file here"])
    return _load_cached(str(path.resolve()), path.stat().st_mtime)


def route_guards(route: Route) -> list[str]:
    """The guard names a route uses."""
    return [name for name in (route.if_, route.unless) if name is not None]


class Cursor:
    """The object the machine moves: it only knows the current node (``state``)."""

    state: str


def compile_machine(
    flow: Flow, cursor: Cursor, holds: Callable[[Route], bool], initial: str
) -> Machine:
    """A machine whose states are the flow's nodes and whose one trigger is ``advance``.

    ``holds`` decides whether a route's condition is true now; routes are tried in file order.
    """
    unknown = sorted(
        g
        for g in {g for n in flow.nodes.values() for r in n.next for g in route_guards(r)}
        if not known_guard(g)
    )
    if unknown:
        raise FlowError(flow.id, [f"unknown guard '{name}'" for name in unknown])
    machine = Machine(
        model=cursor,
        states=list(flow.nodes),
        initial=initial,
        auto_transitions=False,
        ignore_invalid_triggers=True,
    )
    for node_id, node in flow.nodes.items():
        for route in node.next:
            machine.add_transition(ADVANCE, node_id, route.to, conditions=[_bind(holds, route)])
    return machine


def _bind(holds: Callable[[Route], bool], route: Route) -> Callable[[], bool]:
    return lambda: holds(route)


def dependents(flow: Flow) -> dict[str, set[str]]:
    """For each node, every node that depends on it, directly or through others."""
    direct: dict[str, set[str]] = {}
    for node_id, node in flow.nodes.items():
        for source in node.depends_on:
            direct.setdefault(source, set()).add(node_id)
    closure: dict[str, set[str]] = {}
    for source, targets in direct.items():
        found: set[str] = set()
        stack: list[str] = list(targets)
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(direct.get(current, ()))
        closure[source] = found
    return closure
