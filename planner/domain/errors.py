"""Errors that carry a text key, so the family sees a plain sentence in their own language."""

from __future__ import annotations


class InputError(ValueError):
    """An answer that could not be accepted.

    ``key`` names the plain-language message in the text catalogs; ``params`` fill its blanks.
    """

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
