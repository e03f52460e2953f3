"""The argumentative microtexts (Peldszus & Stede): `arggraph` XML, in only.

A text is a list of EDUs (segments of the text), grouped by `seg` edges into
ADUs (argumentative units) of the proponent (`pro`) or the opponent
(`opp`), with edges `sup` (support), `exa` (support by example), `reb`
(rebut: attacks a unit), `und` (undercut: attacks an edge) and `add` (joins
the premises of an edge). `docs/interchange.md` has the table.
"""

from __future__ import annotations

import re
from typing import Any

from argmap.files import Limits
from argmap.interchange import ImportedMap, InterchangeInputError, SourceDocument, slug
from argmap.interchange.build import Attack, Claim, GraphBuilder, Inference

NAME = "microtexts"
DESCRIPTION = "argumentative microtexts XML (Peldszus & Stede), in only"

_SUPPORT = {"sup", "exa"}
_ATTACK = {"reb", "und"}


def parse_xml(data: bytes, name: str) -> Any:
    """XML without a document type: no entity is ever expanded, none fetched."""
    import xml.etree.ElementTree as ElementTree

    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        index = data.find(marker)
        if index >= 0:
            line = data.count(b"\n", 0, index) + 1
            column = index - (data.rfind(b"\n", 0, index) + 1) + 1
            raise InterchangeInputError(
                f"{name}:{line}:{column}: the XML declares a document type or entities, which argmap refuses",
                hint="remove the <!DOCTYPE ...> declaration: the files of the corpus have none",
            )
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        line, column = error.position
        message = str(error).split(":")[0]
        raise InterchangeInputError(f"{name}:{line}:{column + 1}: not well-formed XML: {message}") from None


def pinned_quote(text: str, start: int, end: int) -> str:
    """The passage `text[start:end]`, widened by the words before it until
    no earlier place of `text` holds it, so that it grounds where it stands."""
    begin = start
    while begin > 0 and text.find(text[begin:end]) < begin:
        while begin > 0 and text[begin - 1].isspace():
            begin -= 1
        while begin > 0 and not text[begin - 1].isspace():
            begin -= 1
    return text[begin:end]


def pinned_entry(text: str, start: int, end: int) -> str | dict[str, Any]:
    """The quote of `text[start:end]` as a map writes it: the pinned passage,
    with its `occurrence` when the same words stand later in the text too
    (otherwise the first place would be taken, and reported as ambiguous)."""
    passage = pinned_quote(text, start, end)
    begin = end - len(passage)
    places = []
    found = text.find(passage)
    while found >= 0:
        places.append(found)
        found = text.find(passage, found + 1)
    if len(places) < 2:
        return passage
    return {"text": passage, "occurrence": places.index(begin) + 1}


def read(data: bytes, name: str, limits: Limits) -> list[ImportedMap]:
    root = parse_xml(data, name)
    if root.tag != "arggraph":
        raise InterchangeInputError(
            f"{name}: not a microtext: the root element is <{root.tag}>, not <arggraph>"
        )
    base = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return [_Reader(root, name, base).imported()]


class _Reader:
    def __init__(self, root: Any, name: str, base: str) -> None:
        self.root = root
        self.name = name
        self.base = base
        self.graph = GraphBuilder()

    def fail(self, message: str) -> InterchangeInputError:
        return InterchangeInputError(f"{self.name}: {message}")

    def imported(self) -> ImportedMap:
        # The EDUs, joined by spaces, are the text: each one's place is known.
        spans: dict[str, tuple[int, int]] = {}
        pieces: list[str] = []
        offset = 0
        for edu in self.root.iter("edu"):
            words = " ".join((edu.text or "").split())
            edu_id = edu.get("id")
            if not edu_id or not words:
                raise self.fail(f"an <edu> needs an id and text (edu {edu_id or '?'})")
            spans[edu_id] = (offset, offset + len(words))
            pieces.append(words)
            offset += len(words) + 1
        text = " ".join(pieces)
        if not spans:
            raise self.fail("the microtext has no <edu>")
        units = {adu.get("id"): adu.get("type") for adu in self.root.iter("adu")}
        edges = {edge.get("id"): edge for edge in self.root.iter("edge")}
        segments: dict[str, list[str]] = {}
        for edge in edges.values():
            if edge.get("type") == "seg":
                if edge.get("src") not in spans or edge.get("trg") not in units:
                    raise self.fail(f"edge {edge.get('id')} segments an unknown EDU or ADU")
                segments.setdefault(edge.get("trg"), []).append(edge.get("src"))
        for unit, kind in units.items():
            parts = sorted(spans[edu] for edu in segments.get(unit, []))
            if not parts:
                raise self.fail(f"ADU {unit} has no EDU")
            quotes = [pinned_entry(text, start, end) for start, end in _contiguous(parts, text)]
            words = " ".join(text[start:end] for start, end in parts)
            side = {"pro": "proponent", "opp": "opponent"}.get(kind or "", "")
            self.graph.claim(Claim(unit, words, quotes=quotes, tags=[side] if side else []))
        for edge_id, edge in edges.items():
            self._edge(edge_id, edge, units, edges)
        header: dict[str, Any] = {
            "argmap": 1,
            "id": slug(self.base),
            "title": f"{self.base} (microtext, imported)",
            "source": {"file": f"{slug(self.base)}.txt", "note": "The microtext, its EDUs joined by spaces."},
        }
        topic, stance = self.root.get("topic_id"), self.root.get("stance")
        if topic or stance:
            header["note"] = f"Topic: {topic or 'none'}; stance: {stance or 'none'}."
        data = self.graph.map_data(header)
        source = SourceDocument(f"{slug(self.base)}.txt", text + "\n")
        return ImportedMap(f"{slug(self.base)}.yaml", data, (source,), tuple(self.graph.losses))

    def _edge(self, edge_id: str, edge: Any, units: dict[str, Any], edges: dict[str, Any]) -> None:
        kind, source, target = edge.get("type"), edge.get("src"), edge.get("trg")
        if kind == "seg":
            return
        if source not in units:
            raise self.fail(f"edge {edge_id} starts at {source}, which is not an ADU")
        if kind in _SUPPORT:
            if target not in units:
                raise self.fail(f"edge {edge_id} supports {target}, which is not an ADU")
            premises = [(source, "example" if kind == "exa" else None)]
            premises += [(other, None) for other in _added(edge_id, edges)]
            self.graph.inference(
                Inference(
                    edge_id, target, premises, scheme="argument-from-example" if kind == "exa" else None
                )
            )
        elif kind == "reb":
            self.graph.attack(Attack(source, target))
            self._added_to_attack(edge_id, source, edges)
        elif kind == "und":
            attacked = edges.get(target)
            if attacked is None:
                raise self.fail(f"edge {edge_id} undercuts {target}, which is not an edge")
            if attacked.get("type") in _SUPPORT:
                self.graph.attack(Attack(source, target))  # the inference of that edge
            else:
                self.graph.attack(Attack(source, attacked.get("src")))
                self.graph.losses.append(
                    f"{edge_id}: {source} undercuts the attack {target}; "
                    "argmap attacks only claims and inferences, "
                    f"so {source} attacks its attacker {attacked.get('src')}"
                )
            self._added_to_attack(edge_id, source, edges)
        elif kind == "add":
            if edges.get(target) is None:
                raise self.fail(f"edge {edge_id} adds to {target}, which is not an edge")
        else:
            raise self.fail(f"edge {edge_id} has the unknown type `{kind}`")

    def _added_to_attack(self, edge_id: str, attacker: str, edges: dict[str, Any]) -> None:
        """An `add` to an attack: argmap's attacker is one claim, so the added unit supports it."""
        for other in _added(edge_id, edges):
            self.graph.inference(Inference(f"{edge_id}-{other}", attacker, [(other, None)]))
            self.graph.losses.append(
                f"{other} joins the attack {edge_id} of {attacker}; "
                f"argmap's attacker is one claim, so {other} supports {attacker}"
            )


def _added(edge_id: str, edges: dict[str, Any]) -> list[str]:
    return [
        edge.get("src") for edge in edges.values() if edge.get("type") == "add" and edge.get("trg") == edge_id
    ]


def _contiguous(parts: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Spans that only a space separates are one passage."""
    merged: list[tuple[int, int]] = []
    for start, end in parts:
        if merged and re.fullmatch(r"\s*", text[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
