"""Where the data folders (flows, content, locales) and the user's saved plans live.

One resolver serves a source checkout, an editable install and an installed wheel: the wheel
carries the folders under ``planner/_data``; a checkout has them beside the package.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

DATA_FOLDERS = ("flows", "content", "locales")
DEFAULT_FLOW = "seven_steps"
APP_NAME = "support-planner"


@cache
def data_root() -> Path:
    """The folder holding ``flows/``, ``content/`` and ``locales/``."""
    package = Path(__file__).resolve().parent
    bundled = package / "_data"
    if (bundled / "flows").is_dir():
        return bundled
    checkout = package.parent
    if (checkout / "flows").is_dir():
        return checkout
    raise FileNotFoundError(
        "Support Planner could not find its flows, content and locales folders. "
        "Please reinstall it."
    )


def data_path(folder: str, *parts: str) -> Path:
    """A path inside one of the data folders."""
    if folder not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {folder!r}")
    return data_root().joinpath(folder, *parts)


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where saved plans go: an explicit folder, then ``PLANNER_DATA_DIR``, then the OS default."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get("PLANNER_DATA_DIR")
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
