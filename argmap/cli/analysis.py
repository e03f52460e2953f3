"""`argmap rules`, `argmap schemes` and `argmap show`: what the checks mean,
which schemes there are, and how a map's argument stands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import attrs
import typer

from argmap.cli.app import EXIT_OK, EXIT_PROBLEMS, app, config_for, fail, tool_errors, use_colour
from argmap.terminal import for_terminal
from argmap.text import closest, did_you_mean, relative_id

if TYPE_CHECKING:
    from argmap.analysis.context import MapContext
    from argmap.analysis.evaluate import Evaluation
    from argmap.input.model import Edge, Node
    from argmap.problems import Problem


@app.command()
def rules(
    code: Annotated[
        str | None, typer.Argument(help="A rule code (A403) or name (term-gap): print its documentation.")
    ] = None,
) -> None:
    """List every code argmap reports (code, name, default severity, summary),
    or print the documentation of one."""
    from argmap.rules.catalogue import all_codes, find_code

    if code is None:
        infos = all_codes()
        name_width = max(len(entry.name) for entry in infos)
        for entry in infos:
            typer.echo(
                f"{entry.code}  {entry.name:<{name_width}}  {entry.severity.label:<7}  {entry.summary}"
            )
        return
    info = find_code(code)
    if info is None:
        known = {item.lower(): item for entry in all_codes() for item in (entry.code, entry.name)}
        lowered = closest(code.strip().lower(), list(known))
        guess = known[lowered] if lowered else None
        fail(
            f"unknown rule `{code}`" + did_you_mean(guess),
            hint="`argmap rules` lists the codes",
        )
    typer.echo(f"{info.code} {info.name} (default severity: {info.severity.label}; {info.family})\n")
    typer.echo(info.doc)


@app.command()
def schemes(
    scheme_id: Annotated[
        str | None, typer.Argument(metavar="ID", help="A scheme's id: print the whole scheme.")
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="Read the configuration (and its scheme catalogues) from this file."),
    ] = None,
) -> None:
    """List the argumentation schemes (the built-in catalogue and the project's
    own), or print one with its premise roles and critical questions."""
    with tool_errors():
        from argmap.analysis.schemes import catalogue_for

        catalogue = catalogue_for(config_for([], config_file))
    if scheme_id is None:
        width = max(len(entry.id) for entry in catalogue)
        for entry in catalogue:
            typer.echo(for_terminal(f"{entry.id:<{width}}  {entry.title}"))
        return
    scheme = catalogue.get(scheme_id)
    if scheme is None:
        guess = catalogue.suggest(scheme_id)
        fail(
            f"unknown scheme `{scheme_id}`" + did_you_mean(guess),
            hint="`argmap schemes` lists the schemes",
        )
    lines = [
        f"{scheme.id}: {scheme.title}",
        "",
        scheme.description,
        "",
        "Premises (write `role: <id>` on a premise):",
    ]
    width = max(
        len(item) for item in (*(role.id for role in scheme.roles), *(q.id for q in scheme.questions))
    )
    for role in scheme.roles:
        notes = [
            note
            for note, applies in (("optional", not role.required), ("a `warrant` can play it", role.warrant))
            if applies
        ]
        lines.append(
            f"  {role.id:<{width}}  {role.description}" + (f" ({'; '.join(notes)})" if notes else "")
        )
    lines += ["", "Critical questions (write `question: <id>` on a counterexample that raises one):"]
    lines += [f"  {question.id:<{width}}  {question.text}" for question in scheme.questions]
    lines += ["", f"From: {scheme.source}"]
    typer.echo("\n".join(for_terminal(line) for line in lines))


@app.command()
def show(
    path: Annotated[Path, typer.Argument(help="The map to show.")],
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth", "-d", min=1, help="Show this many levels (1: the conclusions only); fold the rest."
        ),
    ] = None,
    colour: Annotated[
        bool | None,
        typer.Option("--color/--no-color", help="Colour the output (default: when printing to a terminal)."),
    ] = None,
) -> None:
    """Show a map as a tree: each node's status (✓ in, ✗ out, ? undecided),
    what it is where it stands (conclusion, inference, premise or
    counterexample), its id and text, and the codes of its problems (⚑).

    A node used in several places is shown in full once and referred to
    (↪) elsewhere. Exit code 0 when the map could be shown, 1 when it could
    not be read, 2 when argmap could not run.
    """
    with tool_errors():
        from argmap.analysis.evaluate import evaluation_for
        from argmap.lint.runner import check_paths
        from argmap.output.problem_formats import format_problems
        from argmap.problems import UsageError

        if path.is_dir():
            raise UsageError(f"{path}: show takes one map file, not a folder")
        result = check_paths([path], config_for([path]))
        if not result.workspace.requested:
            typer.echo(format_problems(result.problems, "text", files_checked=1), err=True, nl=False)
            raise typer.Exit(EXIT_PROBLEMS)
        argmap = result.workspace.requested[0]
        context = result.run.context(argmap)
        evaluation = evaluation_for(context)
        problems = [problem for problem in result.problems if problem.file == argmap.file]
        rows = tree_rows(context)
    colour = use_colour(colour)
    # click strips colour codes when stdout is not a terminal unless told otherwise.
    typer.echo(render_tree(context, rows, evaluation, problems, depth, colour), nl=False, color=colour)
    raise typer.Exit(EXIT_OK)


@attrs.frozen
class Row:
    """One line of `argmap show`: a node where the map uses it."""

    key: str
    role: str  # what the node is where it stands: conclusion, inference, premise or counterexample
    depth: int  # 1 for a conclusion
    guide: str  # the tree lines before it
    expanded: bool  # False: a further use of a node shown in full elsewhere
    hidden: int = 0  # nodes folded away below it by --depth


def tree_rows(context: MapContext) -> list[Row]:
    """The map's tree, depth first in the order of the file, without recursion.

    Each node is expanded once: where the map defines it (or, for a node of
    another map, where this map first uses it); every other use is a
    reference row. So shared premises and cycles print once.
    """
    argmap = context.argmap
    children: dict[str, list[Edge]] = {}
    for edge in argmap.edges:
        children.setdefault(edge.target, []).append(edge)
    for edges in children.values():
        edges.sort(key=lambda edge: (edge.location.line, edge.location.column))
    expanded: set[str] = set()

    def defines(key: str, line: int, column: int) -> bool:
        node = argmap.node_index.get(key)
        if node is None:  # a node of another map: expanded at its first use
            return key not in expanded
        return (node.location.line, node.location.column) == (line, column) and key not in expanded

    rows: list[Row] = []
    # (key, role, depth, guide of this row, guide for its children, line, column)
    pending: list[tuple[str, str, int, str, str, int, int]] = []
    for root, (line, column), defined_here in reversed(_roots_in_file_order(context)):
        if not defined_here:
            line, column = 0, 0
        pending.append((root, "conclusion", 1, "", "", line, column))
    while pending:
        key, role, level, guide, child_guide, line, column = pending.pop()
        expand = defines(key, line, column)
        rows.append(Row(key, role, level, guide, expand))
        if not expand:
            continue
        expanded.add(key)
        edges = children.get(key, [])
        for index in range(len(edges) - 1, -1, -1):
            edge = edges[index]
            last = index == len(edges) - 1
            pending.append(
                (
                    edge.source,
                    _ROLES[edge.relation],
                    level + 1,
                    child_guide + ("└── " if last else "├── "),
                    child_guide + ("    " if last else "│   "),
                    edge.location.line,
                    edge.location.column,
                )
            )
    return rows


_ROLES = {"premise": "premise", "supports": "inference", "attacks": "counterexample"}


def _roots_in_file_order(context: MapContext) -> list[tuple[str, tuple[int, int], bool]]:
    """Each root with where `conclusions` lists it, and whether it is defined there
    (rather than a `- ref:` to a node defined further down or in another map)."""
    from argmap.input.model import Kind

    argmap = context.argmap
    written: dict[str, tuple[int, int]] = {}
    for reference in argmap.references:
        if reference.context == "conclusions":
            written.setdefault(reference.target, (reference.location.line, reference.location.column))
    roots: list[tuple[str, tuple[int, int], bool]] = []
    for root in argmap.roots:
        node = argmap.node_index.get(root)
        if node is not None and node.kind is Kind.CONCLUSION:
            roots.append((root, (node.location.line, node.location.column), True))
        else:
            roots.append((root, written.get(root, (0, 0)), False))
    return sorted(roots, key=lambda item: item[1])


def fold(rows: list[Row], depth: int | None) -> list[Row]:
    """The rows down to `depth`, each counting the nodes folded away below it."""
    if depth is None:
        return rows
    shown: list[Row] = []
    hidden: dict[int, int] = {}
    for row in rows:
        if row.depth <= depth:
            shown.append(row)
        else:
            # The last shown row at `depth` is this row's ancestor.
            hidden[len(shown) - 1] = hidden.get(len(shown) - 1, 0) + 1
    return [attrs.evolve(row, hidden=hidden.get(index, 0)) for index, row in enumerate(shown)]


_SYMBOLS = {"in": "✓", "out": "✗", "undecided": "?"}
_STATUS_STYLES = {"in": "green", "out": "red", "undecided": "yellow"}
_SEVERITY_STYLES = {3: "bold red", 2: "yellow", 1: "cyan"}


def render_tree(
    context: MapContext,
    rows: list[Row],
    evaluation: Evaluation,
    problems: list[Problem],
    depth: int | None,
    colour: bool,
) -> str:
    import io

    from rich.console import Console
    from rich.text import Text

    argmap = context.argmap
    markers: dict[str | None, list[Problem]] = {}
    for problem in problems:
        markers.setdefault(problem.node, []).append(problem)
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=colour,
        color_system="standard" if colour else None,
        no_color=not colour,
        highlight=False,
        soft_wrap=True,
        emoji=False,
        markup=False,
        width=10_000,
    )

    def shown_id(key: str) -> str:
        return for_terminal(relative_id(key, argmap.id))

    def marker_text(found: list[Problem]) -> Text:
        codes = sorted({problem.code for problem in found})
        worst = max(int(problem.severity) for problem in found)
        return Text("  ⚑ " + " ".join(codes), style=_SEVERITY_STYLES[worst])

    header = Text(for_terminal(f"{argmap.id}: {argmap.title}"), style="bold")
    if markers.get(None):
        header.append_text(marker_text(markers[None]))
    console.print(header)
    definitions = {key: node.location.line for key, node in argmap.node_index.items()}
    for row in fold(rows, depth):
        node = context.corpus.node(row.key)
        status = str(evaluation.status(row.key)) if row.key in evaluation.statuses else "undecided"
        line = Text()
        line.append(row.guide, style="dim")
        line.append(f"{_SYMBOLS[status]} {status}", style=_STATUS_STYLES[status])
        if node is None:
            line.append(f"  ↪ {shown_id(row.key)} (not found)")
        elif not row.expanded:
            where = f"line {definitions[row.key]}" if row.key in definitions else "above"
            line.append(f"  ↪ {row.role} {shown_id(row.key)} (see {where})", style="dim")
        else:
            line.append(f"  {row.role} ", style="dim")
            line.append(shown_id(row.key), style="bold")
            words = _words(node)
            if words:
                line.append(": " + for_terminal(words))
            if row.key in markers:
                line.append_text(marker_text(markers[row.key]))
        if row.hidden:
            line.append(f"  … {row.hidden} more below", style="dim")
        console.print(line)
    counts = {status: 0 for status in ("in", "out", "undecided")}
    for key in dict.fromkeys(row.key for row in rows):
        if key in evaluation.statuses:
            counts[str(evaluation.status(key))] += 1
    summary = ", ".join(f"{count} {status}" for status, count in counts.items())
    total = len(problems)
    summary += f"; {total} problem{'s' if total != 1 else ''}" + (
        f" (argmap check {for_terminal(argmap.file)})" if total else ""
    )
    console.print(Text(summary, style="dim"))
    return buffer.getvalue()


def _words(node: Node) -> str:
    """A node's words for the tree: a claim's text; an inference's scheme and warrant."""
    if node.kind.is_claim:
        return node.text or ""
    parts = []
    if node.scheme:
        parts.append(f"[{node.scheme}]")
    if node.warrant:
        parts.append(node.warrant)
    return " ".join(parts)
