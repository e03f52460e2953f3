"""AIF JSON, the serialisation of AIFdb and OVA: both ways.

The Argument Interchange Format is a graph of information nodes (I: what is
claimed) and scheme nodes between them: RA (inference), CA (conflict), PA
(preference), MA (rephrase); with dialogue, L (a locution: who said what),
YA (its illocution, anchoring an I-node in a locution) and TA (transitions
between locutions). `docs/interchange.md` has the table of what maps to what.
"""

from __future__ import annotations

import json
import re
from typing import Any

from argmap.files import Limits
from argmap.interchange import ImportedMap, InterchangeInputError, SourceDocument, Written, parse_json, slug
from argmap.interchange.build import Attack, Claim, GraphBuilder, Inference

NAME = "aif"
DESCRIPTION = "AIF JSON (AIFdb, OVA): I, RA, CA, PA, MA, YA, L nodes and edges"
EXTENSION = ".json"

_SUPPORT = {"RA", "MA"}
_KNOWN = {"I", "RA", "CA", "PA", "MA", "L", "YA", "TA"}
# "Speaker says 'what'" (AraucariaDB) or "Speaker: what" (OVA).
_SAYS = re.compile(r"^(?P<speaker>[^:'\n]{1,80}?) says '(?P<what>.*)'$", re.DOTALL)
_COLON = re.compile(r"^(?P<speaker>[^:\n]{1,80}?)\s*:\s+(?P<what>.+)$", re.DOTALL)


# -- reading --------------------------------------------------------------------------


def read(data: bytes, name: str, limits: Limits) -> list[ImportedMap]:
    document = parse_json(data, name, limits)
    nodes, edges = _shape(document, name)
    base = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return [_Reader(nodes, edges, name, base).imported()]


def _shape(document: Any, name: str) -> tuple[list[dict[str, str]], list[tuple[str, str]]]:
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        raise InterchangeInputError(f"{name}: not AIF: an object with `nodes` and `edges` lists is expected")
    raw_edges = document.get("edges", [])
    if not isinstance(raw_edges, list):
        raise InterchangeInputError(f"{name}: not AIF: `edges` must be a list")
    nodes: list[dict[str, str]] = []
    seen: set[str] = set()
    for index, node in enumerate(document["nodes"]):
        where = f"{name}: nodes[{index}]"
        if not isinstance(node, dict):
            raise InterchangeInputError(f"{where}: a node must be an object")
        node_id, kind, text = node.get("nodeID"), node.get("type"), node.get("text", "")
        if not isinstance(node_id, (str, int)) or isinstance(node_id, bool) or str(node_id) == "":
            raise InterchangeInputError(f"{where}: the node has no `nodeID`")
        if not isinstance(kind, str):
            raise InterchangeInputError(f"{where}: node {node_id} has no `type`")
        if not isinstance(text, str):
            raise InterchangeInputError(f"{where}: the `text` of node {node_id} must be a string")
        if str(node_id) in seen:
            raise InterchangeInputError(f"{where}: node id {node_id} is used twice")
        seen.add(str(node_id))
        scheme = node.get("scheme")
        nodes.append(
            {
                "id": str(node_id),
                "type": kind,
                "text": text,
                "scheme": scheme if isinstance(scheme, str) else "",
            }
        )
    edges: list[tuple[str, str]] = []
    for index, edge in enumerate(raw_edges):
        where = f"{name}: edges[{index}]"
        if not isinstance(edge, dict):
            raise InterchangeInputError(f"{where}: an edge must be an object")
        ends = edge.get("fromID"), edge.get("toID")
        if not all(isinstance(end, (str, int)) and not isinstance(end, bool) for end in ends):
            raise InterchangeInputError(f"{where}: the edge needs `fromID` and `toID`")
        source, target = (str(end) for end in ends)
        for end in (source, target):
            if end not in seen:
                raise InterchangeInputError(f"{where}: the edge names node {end}, which is not in `nodes`")
        edges.append((source, target))
    return nodes, edges


class _Reader:
    def __init__(
        self, nodes: list[dict[str, str]], edges: list[tuple[str, str]], name: str, base: str
    ) -> None:
        self.nodes = {node["id"]: node for node in nodes}
        self.order = [node["id"] for node in nodes]
        self.name = name
        self.base = base
        self.into: dict[str, list[str]] = {}
        self.out_of: dict[str, list[str]] = {}
        for source, target in edges:
            self.out_of.setdefault(source, []).append(target)
            self.into.setdefault(target, []).append(source)
        self.graph = GraphBuilder()
        self.ids: dict[str, str] = {}
        self.taken: set[str] = set()

    def kind(self, node_id: str) -> str:
        return self.nodes[node_id]["type"]

    def argmap_id(self, node_id: str) -> str:
        if node_id not in self.ids:
            prefix = self.kind(node_id).lower() if self.kind(node_id) in _KNOWN else "n"
            made = (
                f"{prefix}{slug(node_id, '')}"
                if slug(node_id, "").isalnum()
                else f"{prefix}-{slug(node_id, 'x')}"
            )
            made = made[:70]
            candidate, number = made, 2
            while candidate in self.taken:
                candidate, number = f"{made}-{number}", number + 1
            self.taken.add(candidate)
            self.ids[node_id] = candidate
        return self.ids[node_id]

    def imported(self) -> ImportedMap:
        losses = self.graph.losses
        counts: dict[str, int] = {}
        for node_id in self.order:
            kind = self.kind(node_id)
            counts[kind] = counts.get(kind, 0) + 1
            if kind == "I":
                self._claim(node_id)
        source_lines = self._locutions()
        for node_id in self.order:
            kind = self.kind(node_id)
            if kind in _SUPPORT:
                self._inference(node_id)
            elif kind == "CA":
                self._conflict(node_id)
        for kind, label in (("PA", "preference (PA)"), ("TA", "transition (TA)")):
            if counts.get(kind):
                losses.append(f"{counts[kind]} {label} node(s): argmap has no such relation; dropped")
        unknown = sorted({self.kind(n) for n in self.order if self.kind(n) not in _KNOWN})
        if unknown:
            losses.append(f"nodes of unknown type {', '.join(unknown)} were dropped")
        if not self.graph.claims:
            raise InterchangeInputError(f"{self.name}: the AIF has no I-node: there is nothing to map")
        map_id = slug(self.base)
        header: dict[str, Any] = {"argmap": 1, "id": map_id, "title": f"{self.base} (imported from AIF)"}
        sources: tuple[SourceDocument, ...] = ()
        if source_lines:
            source_name = f"{map_id}.txt"
            header["source"] = {
                "file": source_name,
                "note": "The locutions (L-nodes) of the AIF, one a paragraph.",
            }
            sources = (SourceDocument(source_name, "\n\n".join(source_lines) + "\n"),)
        else:
            losses.append("the AIF has no locutions (L-nodes): the claims have no source to be grounded in")
        data = self.graph.map_data(header)
        return ImportedMap(f"{map_id}.yaml", data, sources, tuple(losses))

    def _claim(self, node_id: str) -> None:
        text = " ".join(self.nodes[node_id]["text"].split())
        if not text:
            text = "(no text in the AIF)"
            self.graph.losses.append(f"I-node {node_id} has no text")
        self.graph.claim(Claim(self.argmap_id(node_id), text))

    def _locutions(self) -> list[str]:
        """The L-nodes as paragraphs of the source; each I-node they anchor quotes its words."""
        paragraphs: list[str] = []
        for node_id in self.order:
            if self.kind(node_id) != "L":
                continue
            speaker, words = _split_locution(" ".join(self.nodes[node_id]["text"].split()))
            if not words:
                continue
            paragraphs.append(f"{speaker}: {words}" if speaker else words)
            for illocution in self.out_of.get(node_id, []):
                if self.kind(illocution) != "YA":
                    continue
                force = self.nodes[illocution]["text"]
                for target in self.out_of.get(illocution, []):
                    if self.kind(target) != "I":
                        continue
                    claim = self.graph.claims[self.argmap_id(target)]
                    if words not in claim.quotes:
                        claim.quotes.append(words)
                    notable = (
                        force and not force.startswith("YA_") and force.lower() not in {"asserting", "ya"}
                    )
                    said = f"Said by {speaker}" if speaker else "Said" if notable else ""
                    if said:
                        said += f" ({force})." if notable else "."
                    if said and (claim.note is None or said not in claim.note):
                        claim.note = f"{claim.note} {said}" if claim.note else said
        return paragraphs

    def _inference(self, node_id: str) -> None:
        conclusions = [t for t in self.out_of.get(node_id, []) if self.kind(t) == "I"]
        premises = [s for s in self.into.get(node_id, []) if self.kind(s) == "I"]
        kind = self.kind(node_id)
        if not conclusions or not premises:
            self.graph.losses.append(f"{kind}-node {node_id} lacks a premise or a conclusion I-node; dropped")
            return
        if len(conclusions) > 1:
            self.graph.losses.append(
                f"{kind}-node {node_id} concludes several I-nodes; only the first is kept"
            )
        others = [t for t in self.out_of.get(node_id, []) if self.kind(t) != "I"]
        if others:
            self.graph.losses.append(
                f"{kind}-node {node_id} points at scheme nodes; those edges were dropped"
            )
        scheme, note = self._scheme(node_id)
        self.graph.inference(
            Inference(
                self.argmap_id(node_id),
                self.argmap_id(conclusions[0]),
                [(self.argmap_id(p), None) for p in premises],
                scheme=scheme,
                note=note,
                tags=["rephrase"] if kind == "MA" else [],
            )
        )

    def _scheme(self, node_id: str) -> tuple[str | None, str | None]:
        node = self.nodes[node_id]
        named = node["scheme"] or node["text"]
        if not named or named.upper() in {"RA", "MA", "DEFAULT INFERENCE", "DEFAULT REPHRASE"}:
            return None, None
        found = _catalogue_names().get(_scheme_key(named))
        if found:
            return found, None
        return None, f"AIF scheme: {named}."

    def _conflict(self, node_id: str) -> None:
        attackers = [s for s in self.into.get(node_id, []) if self.kind(s) == "I"]
        targets = self.out_of.get(node_id, [])
        if not attackers or not targets:
            self.graph.losses.append(f"CA-node {node_id} lacks an attacker or a target; dropped")
            return
        for target in targets:
            if self.kind(target) not in {"I", *_SUPPORT}:
                self.graph.losses.append(
                    f"CA-node {node_id} attacks a {self.kind(target)}-node; "
                    "argmap attacks only claims and inferences"
                )
                continue
            for attacker in attackers:
                self.graph.attack(Attack(self.argmap_id(attacker), self.argmap_id(target)))


def _split_locution(text: str) -> tuple[str | None, str]:
    for pattern in (_SAYS, _COLON):
        match = pattern.match(text)
        if match:
            return match["speaker"].strip(), match["what"].strip()
    return None, text


def _scheme_key(name: str) -> str:
    key = re.sub(r"[^a-z]", "", name.lower())
    for prefix in ("argumentfrom", "argfrom", "argumentby"):
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def _catalogue_names() -> dict[str, str]:
    from argmap.analysis.schemes import builtin_schemes

    return {_scheme_key(scheme.id): scheme.id for scheme in builtin_schemes()}


# -- writing --------------------------------------------------------------------------


def write(document: dict[str, Any]) -> Written:
    """AIF JSON of a map's export: claims as I-nodes, inferences as RA-nodes,
    each attack as a CA-node, each quote as an L-node anchored by a YA-node."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    losses: list[str] = []
    ids: dict[str, str] = {}

    def add(kind: str, text: str, **extra: Any) -> str:
        node_id = str(len(nodes) + 1)
        nodes.append({"nodeID": node_id, "text": text, "type": kind, "timestamp": "", **extra})
        return node_id

    def link(source: str, target: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": source, "toID": target, "formEdgeID": None})

    aif_names = {scheme_id: name for name, scheme_id in _aif_names().items()}
    dropped_keys: set[str] = set()
    for node in document["nodes"]:
        if node["kind"] == "inference":
            scheme = node.get("scheme")
            kind = "MA" if "rephrase" in node.get("tags", []) else "RA"
            # A scheme the catalogue lacks was kept in the note on import.
            named = aif_names.get(scheme, scheme) if scheme else _noted_scheme(node.get("note"))
            extra = {"scheme": named} if named else {}
            ids[node["id"]] = add(kind, kind, **extra)
            if node.get("warrant"):
                dropped_keys.add("warrant")
        else:
            ids[node["id"]] = add("I", node["text"])
            speaker = _speaker(node.get("note"))
            for quote in node.get("quote", []):
                said = add("L", f"{speaker} says '{quote}'" if speaker else quote)
                anchor = add("YA", "Asserting")
                link(said, anchor)
                link(anchor, ids[node["id"]])
        for key in ("note", "tags", "role", "question", "url", "at"):
            if (
                node.get(key)
                and not (key == "tags" and node[key] == ["rephrase"])
                and not _noted_scheme(node.get("note") if key == "note" else None)
            ):
                dropped_keys.add(key)
    for edge in document["edges"]:
        source, target = ids.get(edge["from"]), ids.get(edge["to"])
        if source is None or target is None:
            continue
        if edge["relation"] == "attacks":
            conflict = add("CA", "CA")
            link(source, conflict)
            link(conflict, target)
        else:
            link(source, target)
        for key in ("role", "question"):
            if edge.get(key):
                dropped_keys.add(key)
    for key in sorted(dropped_keys):
        losses.append(f"AIF has no place for `{key}`: dropped")
    if document.get("source"):
        losses.append("the source document is not carried: AIF keeps only the quoted locutions")
    text = json.dumps({"nodes": nodes, "edges": edges, "locutions": []}, indent=2, ensure_ascii=False) + "\n"
    return Written(text.encode("utf-8"), tuple(losses))


def _noted_scheme(note: str | None) -> str | None:
    match = re.match(r"AIF scheme: (.+)\.$", note or "")
    return match[1] if match else None


def _speaker(note: str | None) -> str | None:
    match = re.search(r"Said by (.+?)[.(]", note or "")
    return match[1].strip() if match else None


def _aif_names() -> dict[str, str]:
    """AIFdb's names for the schemes of argmap's catalogue (Walton's, as Araucaria spells them)."""
    from argmap.analysis.schemes import builtin_schemes

    names = {}
    for scheme in builtin_schemes():
        words = scheme.id.removeprefix("argument-from-").split("-")
        names["".join(word.capitalize() for word in words)] = scheme.id
    return names
