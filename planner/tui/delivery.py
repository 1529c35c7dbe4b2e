"""Handing a file to the family: the Downloads folder in a terminal, a download in a browser."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from planner.i18n import Texts
from planner.services.exporting import save_download

if TYPE_CHECKING:
    from textual.app import App

    from planner.services.exporting import FileOut


def make_and_send(app: App[Any], make: Callable[[], FileOut], texts: Texts) -> None:
    """Make a file (in a worker thread: rendering takes a while) and hand it over: the
    Downloads folder in a terminal, a download in a browser. A problem making or writing it
    is said plainly, never as a traceback."""
    from planner.store.files import StoreError

    try:
        file = make()
        if app.is_web:
            said = texts.get("ui.exported_browser", file=file.name)
            app.call_from_thread(_deliver, app, file, said)
            return
        path = save_download(file.data, file.name)
    except OSError:
        app.call_from_thread(app.notify, texts.get("ui.export_failed"), severity="error")
        return
    except StoreError as error:
        message = texts.get(error.key, **error.params)
        app.call_from_thread(app.notify, message, severity="error", timeout=10)
        return
    app.call_from_thread(app.notify, texts.get("ui.exported_terminal", file=str(path)))


def _deliver(app: App[Any], file: FileOut, said: str) -> None:
    """Start a download in the browser."""
    app.deliver_binary(io.BytesIO(file.data), save_filename=file.name, mime_type=file.media_type)
    app.notify(said, timeout=8)
