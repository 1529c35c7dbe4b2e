"""Catalog helper: ``python3 scripts/i18n.py template|update|compile``.

- ``template``: write ``locales/planner.pot`` from the British English catalog. Message ids are
  text keys, so the source catalog is the list of every key; ``pybabel extract`` (configured in
  ``pyproject.toml``) finds the keys the code and the flows use, and a test checks each is there.
- ``update``: the template, then ``pybabel update`` on every catalog, so each has exactly the
  template's keys, in its order and layout (``pybabel update --check`` is then clean).
- ``compile``: build each ``.mo`` next to its ``.po`` (the app also does this on first use).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
TEMPLATE = LOCALES / "planner.pot"


def template(target: Path = TEMPLATE) -> Path:
    """Write the template from the source catalog; returns its path."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    with (LOCALES / "en_GB" / "LC_MESSAGES" / "planner.po").open("rb") as handle:
        source = read_po(handle)
    pot = Catalog(
        domain="planner",
        project="Support Planner",
        version="0.1",
        copyright_holder="Support Planner",
        msgid_bugs_address="EMAIL@ADDRESS",
        creation_date=source.creation_date,
        fuzzy=False,
    )
    for message in source:
        if message.id:
            empty = ("", "") if isinstance(message.id, tuple) else ""
            pot.add(message.id, empty, auto_comments=message.auto_comments)
    with target.open("wb") as handle:
        write_po(handle, pot, sort_output=True, omit_header=False)
    return target


def update() -> int:
    """Bring every catalog in line with the template."""
    template()
    command = ["pybabel", "update", "-i", str(TEMPLATE), "-d", str(LOCALES)]
    return subprocess.call([*command, "-D", "planner", "--ignore-pot-creation-date"])


def compile_all() -> None:
    """Build every ``.mo`` from its ``.po``."""
    sys.path.insert(0, str(ROOT))
    from planner.i18n import compile_catalog

    for po_file in LOCALES.glob("*/LC_MESSAGES/planner.po"):
        po_file.with_suffix(".mo").write_bytes(compile_catalog(po_file))


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else ""
    if action == "template":
        print(template())
    elif action == "update":
        sys.exit(update())
    elif action == "compile":
        compile_all()
    else:
        print(__doc__)
        sys.exit(2)
