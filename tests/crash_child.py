"""A child process for the crash tests: gives an example's answers, saving after each one, and
prints the id of every node whose answer has been saved (so the parent knows what to expect)."""

from __future__ import annotations

import sys
from pathlib import Path

from planner.services.examples import apply_example, find_example
from planner.services.session import open_session


def main() -> None:
    data_dir, example_id = Path(sys.argv[1]), sys.argv[2]
    session = open_session(data_dir)
    conv = session.conversation
    save = conv.on_change
    assert save is not None

    def save_and_tell(state: object) -> None:
        save(state)  # type: ignore[arg-type]
        print(f"{conv.plan.id} {len(conv.state.answered)}", flush=True)

    conv.on_change = save_and_tell
    example = find_example(example_id)
    assert example is not None
    apply_example(conv, example)
    print("finished", flush=True)


if __name__ == "__main__":
    main()
