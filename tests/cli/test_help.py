"""Help screens read as the command line's conventions have them: every option described,
values named PATH, TEXT or their choices, nothing after a flag, and ``--version``."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from wirecoder import __version__
from wirecoder.cli.main import app

WIRECODER = shutil.which("wirecoder") or str(Path(sys.executable).parent / "wirecoder")
runner = CliRunner()


def commands(command=None, path=()):
    """Every command and group of the app, with the words that reach it."""
    command = command or typer.main.get_command(app)
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from commands(sub, (*path, name))


def help_screen(*words: str) -> str:
    result = runner.invoke(app, [*words, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


ALL = [pytest.param(path, id=" ".join(path) or "wirecoder") for path, _ in commands()]


def test_every_option_and_argument_is_described():
    undescribed = [f"{' '.join(path)} {param.name}" for path, command in commands()
                   for param in command.params if not param.help]
    assert undescribed == []


@pytest.mark.parametrize("path", ALL)
def test_no_help_screen_shows_python_type_names(path):
    screen = help_screen(*path)
    assert re.findall(r"<[a-z][\w\[\]| ]*>", screen) == []
    assert re.search(r"--help +Show this message", screen)  # a flag takes no value


def test_values_are_named_as_click_names_them():
    screen = help_screen("actors")
    assert re.search(r"--db +PATH +The corpus database", screen)
    assert re.search(r"--format +-f +\[table\|csv\|json\] +A table, CSV", screen)
    assert re.search(r"--limit +INTEGER", screen)
    screen = help_screen("ingest")
    assert "[OPTIONS] SOURCES..." in screen
    assert re.search(r"\* +SOURCES\.\.\. +Text, \.jsonl", screen)
    assert re.search(r"--actors +PATH +Extra actor file", screen)
    assert re.search(r"--processes +INTEGER \[x>=1\]", screen)
    assert re.search(r"--quotes +Search quotes", help_screen("search"))
    assert re.search(r"--format +-f +\[json\|jsonl\|table\]", help_screen("extract"))


def test_version_option_and_command_agree():
    for words in (["--version"], ["version"]):
        result = subprocess.run([WIRECODER, *words], capture_output=True, text=True,
                                timeout=120)
        assert (result.returncode, result.stdout) == (0, f"{__version__}\n")
    assert re.search(r"--version +Print the wirecoder version", help_screen())
