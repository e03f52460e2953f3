"""Abstract argumentation frameworks in the formats of the ICCMA competitions.

- **TGF** (trivial graph format): one argument per line (`id` or `id label`),
  a line `#`, then one attack per line (`attacker target`).
- **APX** (Aspartix): facts `arg(a).` and `att(a,b).`, one or more per line;
  `%` starts a comment.

A framework becomes a map with one conclusion per argument, in the order of
the file, and each attack a `ref` among the counterexamples of its target:
on such a map argmap's labellings are Dung's extensions (docs/evaluation.md).
An argument's name becomes its id when it is a valid id, else a slug of it
(`arg-N` when nothing is left); its name is kept as the claim's text.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import attrs

from argmap.problems import ArgmapError

if TYPE_CHECKING:
    from argmap.interchange import ImportedMap

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_APX_FACT = re.compile(r"\s*(arg|att)\s*\(\s*([^(),\s]+)\s*(?:,\s*([^(),\s]+)\s*)?\)\s*\.")


class FrameworkError(ArgmapError):
    """The file is not a well-formed framework; the message names the line."""


@attrs.frozen
class Framework:
    arguments: tuple[str, ...]  # names as written, in file order
    attacks: tuple[tuple[str, str], ...]  # (attacker, target), in file order


def read_tgf(text: str, file: str) -> Framework:
    arguments: list[str] = []
    attacks: list[tuple[str, str]] = []
    in_attacks = False
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split()
        if not words:
            continue
        if words == ["#"]:
            if in_attacks:
                raise FrameworkError(
                    f"{file}:{number}:1: a second `#` line",
                    hint="TGF has one `#` line, between arguments and attacks",
                )
            in_attacks = True
            continue
        if not in_attacks:
            arguments.append(words[0])
            continue
        if len(words) < 2:
            raise FrameworkError(
                f"{file}:{number}:1: an attack needs two arguments", hint="write `attacker target`"
            )
        attacks.append((words[0], words[1]))
    return _checked(Framework(tuple(dict.fromkeys(arguments)), tuple(attacks)), file)


def read_apx(text: str, file: str) -> Framework:
    arguments: list[str] = []
    attacks: list[tuple[str, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("%", 1)[0]
        position = 0
        while line[position:].strip():
            fact = _APX_FACT.match(line, position)
            if fact is None:
                raise FrameworkError(
                    f"{file}:{number}:{position + 1 + len(line[position:]) - len(line[position:].lstrip())}: "
                    "not an `arg(a).` or `att(a,b).` fact",
                    hint="APX has one fact per statement, each ending with `.`",
                )
            kind, first, second = fact.groups()
            if kind == "arg" and second is None:
                arguments.append(first)
            elif kind == "att" and second is not None:
                attacks.append((first, second))
            else:
                raise FrameworkError(
                    f"{file}:{number}:{position + 1}: "
                    f"`{kind}` takes {'one name' if kind == 'arg' else 'two names'}"
                )
            position = fact.end()
    return _checked(Framework(tuple(dict.fromkeys(arguments)), tuple(attacks)), file)


def _checked(framework: Framework, file: str) -> Framework:
    known = set(framework.arguments)
    for source, target in framework.attacks:
        for name in (source, target):
            if name not in known:
                raise FrameworkError(
                    f"{file}: the attack `{source} {target}` names `{name}`, which is not an argument"
                )
    return framework


def ids_for(arguments: tuple[str, ...]) -> dict[str, str]:
    """A distinct map id for each argument name."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for index, name in enumerate(arguments, start=1):
        lowered = name.lower()
        candidate = lowered if SLUG.match(lowered) else re.sub(r"[^a-z0-9]+", "-", lowered).strip("-")
        if not candidate or not SLUG.match(candidate):
            candidate = f"arg-{index}"
        # Ids must start with a letter or digit and stay distinct: number the repeats.
        base, suffix = candidate, 2
        while candidate in used:
            candidate = f"{base}-{suffix}"
            suffix += 1
        used.add(candidate)
        ids[name] = candidate
    return ids


def framework_data(framework: Framework, map_id: str, title: str) -> dict[str, Any]:
    """The framework as map data: one conclusion per argument, each attack a ref."""
    ids = ids_for(framework.arguments)
    attackers: dict[str, list[str]] = {}
    for source, target in framework.attacks:
        if ids[source] not in attackers.setdefault(target, []):
            attackers[target].append(ids[source])
    conclusions: list[dict[str, Any]] = []
    for name in framework.arguments:
        item: dict[str, Any] = {"id": ids[name], "text": "Argument " + name, "implicit": True}
        if attackers.get(name):
            item["counterexamples"] = [{"ref": source} for source in attackers[name]]
        conclusions.append(item)
    return {"argmap": 1, "id": map_id, "title": title, "conclusions": conclusions}


def to_map(framework: Framework, map_id: str, title: str) -> str:
    """The framework as the YAML text of a map (every string quoted)."""
    data = framework_data(framework, map_id, title)
    lines = ["argmap: 1", f"id: {data['id']}", f"title: {_quoted(data['title'])}", "conclusions:"]
    for item in data["conclusions"]:
        lines += [
            f"  - id: {_quoted(item['id'])}",
            f"    text: {_quoted(item['text'])}",
            "    implicit: true",
        ]
        if "counterexamples" in item:
            lines.append("    counterexamples:")
            lines += [f"      - ref: {_quoted(attack['ref'])}" for attack in item["counterexamples"]]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return json.dumps(text)


def map_id_for(file_name: str) -> str:
    from argmap.interchange import slug

    return slug(file_name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0], fallback="framework")


def _title_for(file_name: str) -> str:
    return f"Abstract framework {file_name.replace(chr(92), '/').rsplit('/', 1)[-1]}"


def _framework(text: str, file: str, format_name: str) -> Framework:
    return read_tgf(text, file) if format_name == "tgf" else read_apx(text, file)


def import_text(text: str, file: str, format_name: str) -> str:
    """`argmap import --from tgf|apx`: the text of a framework file → the text of a map."""
    return to_map(_framework(text, file, format_name), map_id_for(file), _title_for(file))


def framework_maps(data: bytes, name: str, format_name: str) -> list[ImportedMap]:
    """The registry's reader for `tgf` and `apx`: one map per framework file."""
    from argmap.interchange import ImportedMap, InterchangeInputError

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InterchangeInputError(f"{name}: not UTF-8 text (byte {error.start + 1})") from None
    try:
        framework = _framework(text, name, format_name)
    except FrameworkError as error:
        raise InterchangeInputError(error.message, error.hint) from None
    map_id = map_id_for(name)
    return [ImportedMap(file_name=f"{map_id}.yaml", data=framework_data(framework, map_id, _title_for(name)))]
