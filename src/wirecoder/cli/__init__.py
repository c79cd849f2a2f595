"""The command line: one module per group of commands, all on the app of :mod:`.main`."""

from wirecoder.cli.main import app

__all__ = ["app"]
