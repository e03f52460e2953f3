"""Report formats: the same problems give the same bytes in every format."""

from __future__ import annotations

from argmap.output.formats import format_problems, summary_line
from argmap.output.formats.github import format_github
from argmap.problems import Problem, Severity, sort_problems
from argmap.terminal import for_terminal

P1 = Problem("S202", Severity.ERROR, "b.yaml", 3, 5, "premise `x` needs `text`", "write the claim")
P2 = Problem("A402", Severity.WARNING, "a.yaml", 9, 1, "a 100%: b, c", None)
P3 = Problem("A411", Severity.INFO, "a.yaml", 2, 7, "open question", None)


def test_sorted_by_file_line_column_code() -> None:
    assert sort_problems([P1, P2, P3, P2]) == [P3, P2, P1]


def test_github_escapes_data_and_properties() -> None:
    problem = Problem("A402", Severity.WARNING, "dir,x/a:b.yaml", 9, 1, "50% done", "hint")
    assert format_github(problem) == (
        "::warning file=dir%2Cx/a%3Ab.yaml,line=9,col=1,title=argmap A402::50%25 done%0Ahint"
    )


def test_github_cannot_be_fooled_by_line_breaks_or_escapes_in_user_strings() -> None:
    # A line break in a message would otherwise start a new workflow command
    # (`::error::`), and ESC would colour or rewrite the log.
    problem = Problem(
        "A402", Severity.WARNING, "a\x1b[2J.yaml", 9, 1, "done\n::error::forged\x1b]0;t\x07", "hint"
    )
    assert format_github(problem) == (
        "::warning file=a\\x1b[2J.yaml,line=9,col=1,title=argmap A402::"
        "done\\x0a::error::forged\\x1b]0;t\\x07%0Ahint"
    )


def test_info_is_a_notice() -> None:
    assert format_github(P3).startswith("::notice ")


def test_summary_line() -> None:
    assert summary_line([], 1) == "1 map checked: no problems."
    assert summary_line([P1, P2, P3], 3) == "3 maps checked: 1 error, 1 warning, 1 info in 2 files."


def test_text_groups_files_with_a_blank_line() -> None:
    text = format_problems(sort_problems([P1, P2, P3]), "text", files_checked=2)
    assert text == (
        "a.yaml:2:7: A411 open question [info]\n"
        "a.yaml:9:1: A402 a 100%: b, c [warning]\n"
        "\n"
        "b.yaml:3:5: S202 premise `x` needs `text` [error]\n"
        "    hint: write the claim\n"
        "\n"
        "2 maps checked: 1 error, 1 warning, 1 info in 2 files.\n"
    )


def test_quiet_shows_errors_only() -> None:
    assert format_problems([P3, P2, P1], "text", files_checked=2, quiet=True) == (
        "b.yaml:3:5: S202 premise `x` needs `text` [error]\n"
    )


def test_problems_at_one_place_sort_numbers_naturally() -> None:
    at = dict(code="Q505", severity=Severity.INFO, file="m.yaml", line=6, column=9, hint=None)
    line_13 = Problem(message="line 13 of `doc.txt` carries reasoning", **at)  # type: ignore[arg-type]
    line_5 = Problem(message="line 5 of `doc.txt` carries reasoning", **at)  # type: ignore[arg-type]
    assert sort_problems([line_13, line_5]) == [line_5, line_13]


def test_text_and_parsable_escape_control_and_bidi_characters() -> None:
    problem = Problem(
        "Q503",
        Severity.ERROR,
        "\x1b[31mmap.yaml",
        5,
        9,
        "source `\x1b]0;t\x07\u202eab` is gone",
        "try \x9b2J",
    )
    assert format_problems([problem], "parsable", files_checked=1) == (
        "\\x1b[31mmap.yaml:5:9: [error] Q503 source `\\x1b]0;t\\x07\\u202eab` is gone\n"
    )
    assert format_problems([problem], "text", files_checked=1) == (
        "\\x1b[31mmap.yaml:5:9: Q503 source `\\x1b]0;t\\x07\\u202eab` is gone [error]\n"
        "    hint: try \\x9b2J\n"
        "\n"
        "1 map checked: 1 error in 1 file.\n"
    )


def test_the_caret_stays_under_its_character_when_the_excerpt_is_escaped() -> None:
    problem = Problem("L101", Severity.ERROR, "m.yaml", 3, 8, "bad", None, "id: \x1b\x1b x: y\n       ^")
    lines = format_problems([problem], "text", files_checked=1).splitlines()
    assert lines[1:3] == ["    3 | id: \\x1b\\x1b x: y", "      |              ^"]
    assert lines[1].index("x:") == lines[2].index("^")


def test_for_terminal_leaves_ordinary_text_alone() -> None:
    text = "premise `revenge` — «Putin’s» 100% naïve 日本 ✓"
    assert for_terminal(text) == text
    assert for_terminal("\t\n\r\x00\x7f\x85\u2028\u2066") == "\\x09\\x0a\\x0d\\x00\\x7f\\x85\\u2028\\u2066"
