"""Argdown: export as Argdown source, import Argdown's JSON export (`argdown json`).

Argdown (argdown.org) writes statements `[title]: text`, arguments
`<title>` with a premise-conclusion structure `(1) ... ---- (2) ...`, and
relations `+` (support), `-` (attack), `_` (undercut), `><` (contradiction).
Each node's other fields travel in Argdown's data blocks `{...}`.
`docs/interchange.md` has the table of what maps to what.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.files import Limits
from argmap.interchange import ImportedMap, InterchangeInputError, Written, parse_json, slug
from argmap.interchange.build import Attack, Claim, GraphBuilder, Inference

NAME = "argdown"
DESCRIPTION = "Argdown: source out, `argdown json` export in"
EXTENSION = ".argdown"

# Characters with a meaning in Argdown text: a backslash makes each literal.
_SPECIAL = set("\\[]<>#*_{}@+-:=~`|")
_CLAIM_DATA = ("quote", "implicit", "note", "tags", "at", "url", "questions")


# -- writing --------------------------------------------------------------------------


def write(document: dict[str, Any]) -> Written:
    losses: list[str] = []
    own = [node for node in document["nodes"] if not node.get("imported")]
    if len(own) < len(document["nodes"]):
        losses.append("nodes of other maps are written as nodes of this map")
    claims = [node for node in document["nodes"] if node["kind"] != "inference"]
    inferences = {node["id"]: node for node in document["nodes"] if node["kind"] == "inference"}
    premises: dict[str, list[dict[str, Any]]] = {}
    conclusion: dict[str, str] = {}
    attacks_on: dict[str, list[dict[str, Any]]] = {}
    for edge in document["edges"]:
        if edge["relation"] == "premise":
            premises.setdefault(edge["to"], []).append(edge)
        elif edge["relation"] == "supports":
            conclusion[edge["from"]] = edge["to"]
        else:
            attacks_on.setdefault(edge["to"], []).append(edge)
    lines = [f"===\ntitle: {json.dumps(document['title'], ensure_ascii=False)}\n===", ""]
    if document.get("source"):
        losses.append("the source document is not carried: only quotes travel, in data blocks")
    # Argdown's data belong to statements, not to relations: the critical
    # question an attack raises is kept on the attacker, by the attacked id.
    questions: dict[str, dict[str, str]] = {}
    for edge in document["edges"]:
        if edge.get("question"):
            questions.setdefault(edge["from"], {})[edge["to"]] = edge["question"]
    for node in claims:
        data = _data({**node, "questions": questions.get(node["id"])}, _CLAIM_DATA)
        lines.append(f"[{node['id']}]: {_escape(node['text'])}{data}")
        for attack in attacks_on.get(node["id"], []):
            lines.append(f"  - [{attack['from']}]")
        lines.append("")
    for inference_id, node in inferences.items():
        data = _data(node, ("warrant", "scheme", "tags"))
        description = f": {_escape(node['note'])}" if node.get("note") else ""
        lines.append(f"<{inference_id}>{description}{data}")
        lines.append("")
        steps = premises.get(inference_id, [])
        for number, edge in enumerate(steps, 1):
            lines.append(f"({number}) [{edge['from']}]{_data(edge, ('role',))}")
        lines.append("----")
        lines.append(f"({len(steps) + 1}) [{conclusion[inference_id]}]")
        lines.append("")
        undercuts = attacks_on.get(inference_id, [])
        if undercuts:
            lines.append(f"<{inference_id}>")
            lines.extend(f"  <_ [{attack['from']}]" for attack in undercuts)
            lines.append("")
    if any(node.get("status") for node in document["nodes"]):
        losses.append("the evaluation (each node's status) is not written: Argdown computes its own")
    return Written(("\n".join(lines).rstrip("\n") + "\n").encode("utf-8"), tuple(losses))


def _escape(text: str) -> str:
    flat = " ".join(text.split())
    return "".join(f"\\{char}" if char in _SPECIAL else char for char in flat)


def _data(entry: dict[str, Any], keys: tuple[str, ...]) -> str:
    data = {}
    for key in keys:
        value = entry.get(key)
        if value in (None, [], False, ""):
            continue
        data[key] = value
    if not data:
        return ""
    # JSON is YAML's flow style: Argdown reads it as its data block.
    return " " + json.dumps(data, ensure_ascii=False)


# -- reading --------------------------------------------------------------------------


def read(data: bytes, name: str, limits: Limits) -> list[ImportedMap]:
    document = parse_json(data, name, limits)
    if not isinstance(document, dict) or not isinstance(document.get("statements"), dict):
        raise InterchangeInputError(
            f"{name}: not an Argdown JSON export: an object with `statements` is expected",
            hint="write it with `argdown json FILE.argdown FOLDER`",
        )
    base = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    try:
        return [_Reader(document, base).imported()]
    except (KeyError, TypeError, AttributeError, ValueError, IndexError) as error:
        raise InterchangeInputError(
            f"{name}: not an Argdown JSON export as argdown writes it ({type(error).__name__}: {error})"
        ) from None


class _Reader:
    def __init__(self, document: dict[str, Any], base: str) -> None:
        self.document = document
        self.base = base
        self.graph = GraphBuilder()
        self.ids: dict[tuple[str, str], str] = {}
        self.taken: set[str] = set()
        # argument title -> (its inference ids by conclusion index, its main conclusion's claim id)
        self.steps: dict[str, dict[int, str]] = {}
        self.main: dict[str, str] = {}
        # attacker claim id -> {attacked id: critical question}
        self.questions: dict[str, dict[str, str]] = {}

    def id_for(self, kind: str, title: str) -> str:
        key = (kind, title)
        if key not in self.ids:
            made, number = slug(title, kind)[:70], 2
            candidate = made
            while candidate in self.taken:
                candidate, number = f"{made}-{number}", number + 1
            self.taken.add(candidate)
            self.ids[key] = candidate
        return self.ids[key]

    def imported(self) -> ImportedMap:
        for title, statement in self.document["statements"].items():
            self._statement(str(title), statement)
        for title, argument in (self.document.get("arguments") or {}).items():
            self._argument(str(title), argument)
        for relation in self.document.get("relations") or []:
            self._relation(relation)
        if not self.graph.claims:
            raise ValueError("it has no statement")
        header = {"argmap": 1, "id": slug(self.base), "title": f"{self.base} (imported from Argdown)"}
        data = self.graph.map_data(header)
        self.graph.losses.append(
            "Argdown has no source document: the claims are not grounded unless they carry a quote"
        )
        return ImportedMap(f"{slug(self.base)}.yaml", data, (), tuple(self.graph.losses))

    def _statement(self, title: str, statement: dict[str, Any]) -> None:
        members = statement.get("members") or []
        texts = [m.get("text") for m in members if isinstance(m.get("text"), str) and m["text"].strip()]
        data: dict[str, Any] = {}
        for member in members:
            if isinstance(member.get("data"), dict):
                data.update(member["data"])
        text = " ".join(texts[0].split()) if texts else title
        for tag in statement.get("tags") or []:  # Argdown leaves its tag markup in the text
            text = " ".join(text.replace(f"#({tag})", "").replace(f"#{tag}", "").split()) or text
        claim = Claim(self.id_for("statement", title), text)
        quote = data.get("quote")
        if isinstance(quote, str) and quote.strip():
            claim.quotes = [quote]
        elif isinstance(quote, list):
            claim.quotes = [q for q in quote if isinstance(q, str) and q.strip()]
        claim.implicit = data.get("implicit") is True and not claim.quotes
        if isinstance(data.get("note"), str) and data["note"].strip():
            claim.note = data["note"]
        tags = [slug(str(tag), "") for tag in [*(data.get("tags") or []), *(statement.get("tags") or [])]]
        claim.tags = sorted({tag for tag in tags if tag})
        for key in ("at", "url"):
            if isinstance(data.get(key), str) and data[key]:
                claim.extra[key] = data[key]
        if isinstance(data.get("questions"), dict):
            self.questions[claim.id] = {
                slug(str(target)): str(question) for target, question in data["questions"].items()
            }
        if len(texts) > 1 and len({" ".join(t.split()) for t in texts}) > 1:
            self.graph.losses.append(f"statement [{title}] has several texts: the first is kept")
        self.graph.claim(claim)

    def _argument(self, title: str, argument: dict[str, Any]) -> None:
        members = argument.get("members") or []
        descriptions = [
            m.get("text") for m in members if isinstance(m.get("text"), str) and m["text"].strip()
        ]
        data: dict[str, Any] = {}
        for member in members:
            if isinstance(member.get("data"), dict):
                data.update(member["data"])
        pcs = argument.get("pcs") or []
        note = " ".join(descriptions[0].split()) if descriptions else None
        scheme = data.get("scheme") if isinstance(data.get("scheme"), str) else None
        warrant = data.get("warrant") if isinstance(data.get("warrant"), str) else None
        tags = [slug(str(tag), "") for tag in data.get("tags") or []]
        if not pcs:
            # No premise-conclusion structure: the argument's gist is its one premise.
            gist = Claim(self.id_for("statement", f"{title} gist"), note or title, implicit=True)
            self.graph.claim(gist)
            self.main[title] = gist.id
            self.graph.losses.append(
                f"argument <{title}> has no premise-conclusion structure: its description became a claim"
            )
            return
        inference_id = self.id_for("argument", title)
        since: list[tuple[str, str | None]] = []
        steps: dict[int, str] = {}
        for index, step in enumerate(pcs):
            claim_id = self.id_for("statement", step["title"])
            step_data = step.get("data") if isinstance(step.get("data"), dict) else {}
            if "inference" in step and since:
                step_id = (
                    inference_id if index == len(pcs) - 1 else self.id_for("argument", f"{title} {index + 1}")
                )
                self.graph.inference(
                    Inference(
                        step_id,
                        claim_id,
                        since,
                        scheme=scheme if index == len(pcs) - 1 else None,
                        warrant=warrant if index == len(pcs) - 1 else None,
                        note=note if index == len(pcs) - 1 else None,
                        tags=[t for t in tags if t] if index == len(pcs) - 1 else [],
                    )
                )
                steps[index] = step_id
                since = [(claim_id, None)]
            else:
                role = step_data.get("role")
                since.append((claim_id, role if isinstance(role, str) else None))
        self.steps[title] = steps
        self.main[title] = self.id_for("statement", pcs[-1]["title"])

    def _end(self, relation: dict[str, Any], side: str) -> tuple[str, str] | None:
        """(claim id or inference id, "claim" | "inference") for one end of a relation."""
        title, kind = str(relation[side]), relation.get(f"{side}Type")
        if kind == "equivalence-class":
            return self.id_for("statement", title), "claim"
        if kind == "inference":
            steps = self.steps.get(title, {})
            index = relation.get("conclusionIndex")
            step = steps.get(index) if isinstance(index, int) else None
            if step is None and steps:
                step = steps[max(steps)]
            return (step, "inference") if step else None
        if kind == "argument" and title in self.main:
            return self.main[title], "argument"
        return None

    def _relation(self, relation: dict[str, Any]) -> None:
        kind = relation.get("relationType")
        source, target = self._end(relation, "from"), self._end(relation, "to")
        if source is None or target is None:
            self.graph.losses.append(
                f"a {kind} relation from {relation.get('from')} to {relation.get('to')} "
                "has an end argmap cannot place; dropped"
            )
            return
        (source_id, source_kind), (target_id, target_kind) = source, target
        if source_kind == "inference":
            self.graph.losses.append(
                f"a {kind} relation from an inference of <{relation['from']}> was dropped"
            )
            return
        if target_kind == "argument" and kind in {"attack", "undercut"}:
            steps = self.steps.get(str(relation["to"]), {})
            if steps:
                self.graph.losses.append(
                    f"the attack of {relation['from']} on the argument <{relation['to']}> "
                    "became an undercut of its inference"
                )
                self._attack(source_id, steps[max(steps)])
                return
        if kind in {"support", "entails"}:
            if source_id == target_id:
                return
            made = self.id_for("argument", f"{relation['from']} supports {relation['to']}")
            self.graph.inference(Inference(made, target_id, [(source_id, None)]))
            if kind == "entails":
                self.graph.losses.append(f"[{relation['from']}] entails [{relation['to']}]: kept as support")
        elif kind in {"attack", "undercut"}:
            self._attack(source_id, target_id)
        elif kind in {"contradictory", "contrary"}:
            self._attack(source_id, target_id)
            self._attack(target_id, source_id)
            self.graph.losses.append(
                f"[{relation['from']}] and [{relation['to']}] are {kind}: kept as attacks both ways"
            )
        else:
            self.graph.losses.append(f"a relation of type {kind} was dropped")

    def _attack(self, attacker: str, target: str) -> None:
        question = self.questions.get(attacker, {}).get(target)
        self.graph.attack(Attack(attacker, target, question))
