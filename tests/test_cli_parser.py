"""The command line is read by the grammar of the command it names (cli/parser.py `parse`),
and by the whole grammar when that does not read it: what a user types means the same
either way, and help and mistakes are the whole grammar's."""

from __future__ import annotations

import argparse

import pytest

from brotui.cli.parser import COMMANDS, build_parser, parse

LINES = [
    ["log"],
    ["log", "-n", "5", "--author", "Eva", "--skip", "2"],
    ["--repo", "/tmp/a", "--lang", "sv", "log", "x/2020-01-01"],
    ["--repo", "log", "list"],          # a value that reads like a command's name
    ["--repo", "sign", "log", "-n", "1"],
    ["search", "list", "show"],          # words that are command names
    ["show", "show"],
    ["put", "a/2020-01-01", "--file", "f.yaml", "--author", "A <a@b.se>"],
    ["export", "a/2020-01-01", "--format", "pdf", "--items", "4,6"],
    ["ssh-key", "add", "--name", "N", "--email", "e@x", "k.pub"],
    ["hook", "install", "/srv/a.git"],
    ["sign", "a/2020-01-01", "--item", "3"],
    [],
]


@pytest.mark.parametrize("argv", LINES, ids=" ".join)
def test_one_commands_grammar_reads_a_line_as_the_whole_one_does(argv: list[str]) -> None:
    assert vars(parse(argv)) == vars(build_parser().parse_args(argv))


def test_every_command_of_the_grammar_is_known_by_name() -> None:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == COMMANDS


@pytest.mark.parametrize("argv", [["log", "--format", "bogus"], ["--repo"], ["lgo"],
                                  ["log", "--help"]])
def test_mistakes_and_help_are_the_whole_grammars(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as whole:
        build_parser().parse_args(argv)
    expected = capsys.readouterr()
    with pytest.raises(SystemExit) as got:
        parse(argv)
    assert got.value.code == whole.value.code
    assert capsys.readouterr() == expected
