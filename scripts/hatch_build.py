"""Wheel build hook: compile every ``locales/*/LC_MESSAGES/*.po`` into a ``.mo`` in the wheel."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds compiled catalogs, so an installed wheel never needs to write into itself."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        out = Path(tempfile.mkdtemp(prefix="planner-mo-"))
        root = Path(self.root)
        for po_file in sorted(root.glob("locales/*/LC_MESSAGES/*.po")):
            with po_file.open("rb") as handle:
                catalog = read_po(handle)
            buffer = io.BytesIO()
            write_mo(buffer, catalog, use_fuzzy=False)
            relative = po_file.relative_to(root / "locales").with_suffix(".mo")
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(buffer.getvalue())
            build_data["force_include"][str(target)] = f"planner/_data/locales/{relative}"
