"""`argmap schemes`: the argumentation schemes, built in and the project's own."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.app import app, config_for, fail, tool_errors
from argmap.terminal import for_terminal
from argmap.text import did_you_mean


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
