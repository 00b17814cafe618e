"""Errors storage operations raise; handlers turn them into messages for people."""

from __future__ import annotations


class StorageError(Exception):
    """Base class: the operation changed nothing."""


class InvalidInput(StorageError):
    """A value was not acceptable. `field` names it; the message says how to write it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class NotFound(StorageError):
    """The record does not exist in this workspace."""


class NotYours(StorageError):
    """The record is another person's to answer and the asker is no program lead. `owner` is
    whose it is."""

    def __init__(self, owner: str) -> None:
        super().__init__(f"this is {owner}'s")
        self.owner = owner
