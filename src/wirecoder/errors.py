"""Errors wirecoder reports to users as one line."""


class WirecoderError(Exception):
    """Base class: the message is the one-line explanation shown to the user."""


class KnowledgeError(WirecoderError):
    """A knowledge file (shipped or the user's) is malformed."""


class BadInput(WirecoderError):
    """An input record cannot be processed; the message names the record and the reason."""
