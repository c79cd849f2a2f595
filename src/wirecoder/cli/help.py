"""Help screens in the command line's own conventions: ``--db PATH``, ``--format
[table|csv|json]``, ``SOURCES...``, and nothing after a flag, where Typer would show Python
type names (``<path>``, ``<bool>``, ``<list[str]>``)."""

from __future__ import annotations

import inspect
from enum import Enum
from pathlib import Path
from typing import get_args

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

#: What an option's value is called in help, by its Python type (Click's names).
PLACEHOLDERS: dict[type, str] = {str: "TEXT", int: "INTEGER", float: "FLOAT", Path: "PATH"}


def placeholder(annotation) -> str:
    """The name of a value of this type: its choices for an enum, ``PATH`` for a path, the
    type of one item for a repeatable option."""
    if get_args(annotation):
        return placeholder(get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return f"[{'|'.join(str(member.value) for member in annotation)}]"
    return PLACEHOLDERS.get(annotation, "VALUE")


class _Option(TyperOption):
    """An option whose value is named as Click names it, a flag's not at all."""

    def display_type_rich(self, ctx) -> str | None:
        if self.metavar is not None:
            return self.metavar
        if self.is_flag:
            return None
        return placeholder(self.type_descriptor.annotation)


class _Argument(TyperArgument):
    """An argument named in capitals, as in the usage line (``SOURCES...``), its type left
    to its description."""

    @property
    def display_name_raw(self) -> str:
        return self.metavar or self.name.upper()

    def display_type_rich(self, ctx) -> str | None:
        return None

    def get_usage_pieces(self, ctx) -> list[str]:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return [name + ("..." if self.nargs != 1 else "")]


_PLAIN = {TyperOption: _Option, TyperArgument: _Argument}


def _plain(params: list) -> list:
    # Typer builds its parameters itself; giving them our class changes only how they are
    # shown (the classes add no state), never how they parse.
    for param in params:
        param.__class__ = _PLAIN.get(type(param), type(param))
    return params


class Command(TyperCommand):
    """A command whose help follows the conventions above, its docstring's paragraphs each
    rewrapped to the screen (Typer would keep the docstring's line breaks)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.help:
            self.help = "\n\n".join(" ".join(paragraph.split())
                                     for paragraph in inspect.cleandoc(self.help).split("\n\n"))

    def get_params(self, ctx) -> list:
        return _plain(super().get_params(ctx))


class Group(TyperGroup):
    """A group of commands whose own help follows the conventions above."""

    def get_params(self, ctx) -> list:
        return _plain(super().get_params(ctx))


class App(typer.Typer):
    """A Typer app whose groups and commands show conventional help."""

    def __init__(self, **settings):
        super().__init__(cls=Group, **settings)

    def command(self, *args, **kwargs):
        return super().command(*args, cls=Command, **kwargs)
