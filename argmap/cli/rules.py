"""`argmap rules`: every code argmap reports, and what each one means."""

from __future__ import annotations

from typing import Annotated

import typer

from argmap.cli.app import app, fail


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
        from argmap.text import closest, did_you_mean

        known = {item.lower(): item for entry in all_codes() for item in (entry.code, entry.name)}
        lowered = closest(code.strip().lower(), list(known))
        guess = known[lowered] if lowered else None
        fail(
            f"unknown rule `{code}`" + did_you_mean(guess),
            hint="`argmap rules` lists the codes",
        )
    typer.echo(f"{info.code} {info.name} (default severity: {info.severity.label}; {info.family})\n")
    typer.echo(info.doc)
