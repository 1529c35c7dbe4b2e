"""Errors that carry a text key, so the family sees a plain sentence in their own language."""

from __future__ import annotations

from pydantic import ValidationError


class InputError(ValueError):
    """An answer that could not be accepted.

    ``key`` names the plain-language message in the text catalogs; ``params`` fill its blanks.
    """

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def problem_lines(error: ValidationError, whole: str) -> list[str]:
    """Each problem in a validation error as "where: what" (``whole`` names the top level)."""
    return [f"{'.'.join(str(p) for p in e['loc']) or whole}: {e['msg']}" for e in error.errors()]
