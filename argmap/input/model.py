"""The argument model: frozen records built from data the schema accepted.

A node's kind follows from where it is defined (an item of `conclusions`,
`premises`, `because` or `counterexamples`); authors never write it. A node
is known everywhere by its key, `map-id#node-id`, so refs inside a map and
across maps resolve the same way: an edge simply names the key, and the
corpus (the maps checked together) says whether that key exists.

Building is iterative (an explicit stack), so a deep map cannot overflow
Python's recursion limit.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap.input.yaml_reader import YamlMapping, YamlSequence
from argmap.problems import Location


class Kind(enum.StrEnum):
    CONCLUSION = "conclusion"
    PREMISE = "premise"
    INFERENCE = "inference"
    COUNTEREXAMPLE = "counterexample"

    @property
    def is_claim(self) -> bool:
        return self is not Kind.INFERENCE


class Relation(enum.StrEnum):
    PREMISE = "premise"  # premise -> inference
    SUPPORTS = "supports"  # inference -> claim
    ATTACKS = "attacks"  # counterexample -> claim (rebut) or inference (undercut)


_KIND_OF_LIST = {
    "conclusions": Kind.CONCLUSION,
    "premises": Kind.PREMISE,
    "because": Kind.INFERENCE,
    "counterexamples": Kind.COUNTEREXAMPLE,
}


def node_key(map_id: str, node_id: str) -> str:
    return f"{map_id}#{node_id}"


def qualify(reference: str, map_id: str) -> str:
    """`x` in map `m` names `m#x`; `other#x` names itself."""
    return reference if "#" in reference else node_key(map_id, reference)


def split_key(key: str) -> tuple[str, str]:
    map_id, _, node_id = key.partition("#")
    return map_id, node_id


@attrs.frozen
class Quote:
    text: str
    location: Location
    # Which occurrence of a passage the source repeats: the n-th (1-based), or
    # the first after the words `after`. Neither: the first, with an info (Q508).
    occurrence: int | None = None
    after: str | None = None


@attrs.frozen
class Suppression:
    """`ignore: {CODE: reason}` on a node or on the map."""

    code: str
    reason: str
    location: Location


@attrs.frozen
class Node:
    key: str
    id: str
    map_id: str
    kind: Kind
    location: Location
    text: str | None = None
    quotes: tuple[Quote, ...] = ()
    implicit: bool = False
    warrant: str | None = None
    scheme: str | None = None
    note: str | None = None
    tags: tuple[str, ...] = ()
    at: str | None = None
    url: str | None = None
    suppressions: tuple[Suppression, ...] = ()
    # The evaluation's extras (docs/evaluation.md): an inference's or a
    # counterexample's weight, a claim's proof standard, `about: documents`.
    weight: float | None = None
    standard: str | None = None
    about: str | None = None
    # Carneades's constructs (docs/evaluation.md): whether a claim is assumed
    # (None: the default, a claim without inferences is), and how an
    # inference weighs its premises (None: the default rules).
    assumed: bool | None = None
    weighing: str | None = None
    # Where each key of the node's mapping was written, for precise problems.
    field_locations: Mapping[str, Location] = attrs.field(factory=dict, eq=False, hash=False, repr=False)

    def location_of(self, field: str) -> Location:
        return self.field_locations.get(field, self.location)

    @property
    def label(self) -> str:
        """The node's words: its text, or an inference's warrant or scheme."""
        return self.text or self.warrant or self.scheme or self.id


@attrs.frozen
class Edge:
    source: str
    target: str
    relation: Relation
    map_id: str  # the map that states this edge
    location: Location  # the item that states it: a definition or a ref
    role: str | None = None  # for premise edges under a scheme
    question: str | None = None  # for attacks that raise a critical question
    via_ref: bool = False
    # For attacks (docs/evaluation.md): the analyst says the attack is weaker
    # than its target; the author grants the objection and weighs it; its
    # weight; the edge comes from a `contradicts` declaration.
    weaker: bool = False
    conceded: bool = False
    weight: float | None = None
    declared_conflict: bool = False


@attrs.frozen
class Reference:
    """A `- ref:` item as written, to be resolved against the corpus."""

    written: str
    target: str  # the qualified key
    map_id: str
    location: Location
    # the list it stands in: conclusions, premises, counterexamples, contradicts, outweighs or issues
    context: str
    parent: str | None  # the key of the node that holds that list
    # What this map adds to the referenced node through the ref item itself.
    adds_support: bool = False
    adds_attacks: bool = False
    suppressions: tuple[Suppression, ...] = ()

    @property
    def is_anchor(self) -> bool:
        """A ref among the conclusions that only hangs this map's attacks on
        a node of another map: it sets the two maps against each other, it
        does not claim the node as this map's conclusion."""
        return self.context == "conclusions" and not self.adds_support and self.adds_attacks


@attrs.frozen
class Preference:
    """`outweighs: [weaker]` on a claim: an attack of `weaker` on `stronger` does not defeat it."""

    stronger: str
    weaker: str
    map_id: str
    location: Location


@attrs.frozen
class Issue:
    """`issues:` item: mutually exclusive positions, one of which at most is in (Carneades)."""

    id: str
    positions: tuple[str, ...]  # keys, in the order written
    standard: str  # preponderance, clear-and-convincing or beyond-reasonable-doubt
    map_id: str
    location: Location


@attrs.frozen
class DuplicateDefinition:
    node_id: str
    first: Location
    again: Location


@attrs.frozen
class SourceInfo:
    file: str | None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None
    encoding: str | None = None  # of the source file, when not UTF-8
    ignore: tuple[str, ...] = ()  # regular expressions for editorial marks
    note: str | None = None
    location: Location | None = None  # where `file:` was written
    ignore_location: Location | None = None
    ignore_locations: tuple[Location, ...] = ()  # of each pattern, for problems about one


@attrs.frozen
class Expectation:
    status: str  # in, out or undecided
    key: str
    written: str
    location: Location
    semantics: str = "grounded"  # `expect.semantics`: what the statuses are meant under


@attrs.frozen
class ArgMap:
    id: str
    title: str
    file: str  # as shown to the user
    path: Path | None  # the file on disk, when there is one
    location: Location
    source: SourceInfo | None
    note: str | None
    tags: tuple[str, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    roots: tuple[str, ...]  # keys of the items of `conclusions`, in order
    references: tuple[Reference, ...]
    expectations: tuple[Expectation, ...]
    suppressions: tuple[Suppression, ...]
    duplicates: tuple[DuplicateDefinition, ...]
    node_index: Mapping[str, Node] = attrs.field(eq=False, hash=False, repr=False)
    preferences: tuple[Preference, ...] = ()
    thesis: str | None = None  # the key of the main conclusion the map names (`thesis:`), if any
    issues: tuple[Issue, ...] = ()
    # When the map failed the schema and was checked without what failed
    # (`argmap.input.salvage`): the ids of the nodes left out, and of the
    # nodes that lost a child so.
    dropped_ids: frozenset[str] = frozenset()
    incomplete_ids: frozenset[str] = frozenset()
    partial: bool = False  # checked without what failed the schema

    @classmethod
    def from_data(cls, data: YamlMapping, file: str, path: Path | None = None) -> ArgMap:
        """Build the model from data that passed the schema."""
        return _Builder(data, file, path).build()

    def node(self, node_id: str) -> Node | None:
        return self.node_index.get(node_key(self.id, node_id))


class _Builder:
    def __init__(self, data: YamlMapping, file: str, path: Path | None) -> None:
        self.data = data
        self.file = file
        self.path = path
        self.map_id: str = data["id"]
        self.nodes: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self.references: list[Reference] = []
        self.duplicates: list[DuplicateDefinition] = []
        self.preferences: list[Preference] = []

    def at(self, line: int, column: int) -> Location:
        return Location(self.file, line, column)

    def key_location(self, mapping: YamlMapping, key: str) -> Location:
        position = mapping.positions.get(key)
        if position is None:
            return self.at(mapping.line, mapping.column)
        return self.at(position[0], position[1])

    def value_location(self, mapping: YamlMapping, key: str) -> Location:
        position = mapping.positions.get(key)
        if position is None:
            return self.at(mapping.line, mapping.column)
        end = mapping.value_ends.get(key)
        if end is None:
            return self.at(position[2], position[3])
        return Location(self.file, position[2], position[3], end_line=end[0], end_column=end[1])

    def item_location(self, items: YamlSequence, index: int) -> Location:
        line, column = items.positions[index]
        end = items.value_ends.get(index)
        if end is None:
            return self.at(line, column)
        return Location(self.file, line, column, end_line=end[0], end_column=end[1])

    def item_locations(self, items: object) -> tuple[Location, ...]:
        if not isinstance(items, YamlSequence):
            return ()
        return tuple(self.item_location(items, index) for index in range(len(items)))

    def build(self) -> ArgMap:
        data = self.data
        # (list name, the sequence, the key of the node that holds it)
        pending: list[tuple[str, YamlSequence, str | None]] = [("conclusions", data["conclusions"], None)]
        while pending:
            list_name, items, parent = pending.pop()
            # Reversed, so that nodes come out in file order from the stack.
            for index in range(len(items) - 1, -1, -1):
                item = items[index]
                line, column = items.positions[index]
                pending.extend(self.visit(list_name, item, parent, self.at(line, column)))
        nodes = sorted(self.nodes.values(), key=lambda node: (node.location.line, node.location.column))
        issues = tuple(self.issues())  # before the references are collected: positions are references
        return ArgMap(
            id=self.map_id,
            title=data["title"],
            file=self.file,
            path=self.path,
            location=self.value_location(data, "id"),
            source=self.source(),
            note=data.get("note"),
            tags=tuple(data.get("tags", ())),
            nodes=tuple(nodes),
            edges=tuple(
                sorted(
                    self.edges,
                    key=lambda edge: (edge.location.line, edge.location.column, edge.source, edge.target),
                )
            ),
            roots=tuple(self.roots_in_order()),
            references=tuple(
                sorted(self.references, key=lambda ref: (ref.location.line, ref.location.column))
            ),
            expectations=tuple(self.expectations()),
            suppressions=self.suppressions(data),
            duplicates=tuple(self.duplicates),
            node_index={node.key: node for node in nodes},
            preferences=tuple(self.preferences),
            thesis=self.thesis_key(data.get("thesis")),
            issues=issues,
        )

    def issues(self) -> Iterator[Issue]:
        """`issues:`, each position also a reference (so an unknown one is reported)."""
        items: YamlSequence = self.data.get("issues") or YamlSequence(1, 1)
        for index, item in enumerate(items):
            positions: YamlSequence = item["positions"]
            keys = []
            for place, written in enumerate(positions):
                key = qualify(written, self.map_id)
                keys.append(key)
                self.references.append(
                    Reference(
                        written=written,
                        target=key,
                        map_id=self.map_id,
                        location=self.item_location(positions, place),
                        context="issues",
                        parent=None,
                    )
                )
            yield Issue(
                item["id"],
                tuple(keys),
                item.get("standard", "preponderance"),
                self.map_id,
                self.at(*items.positions[index]),
            )

    def thesis_key(self, written: str | None) -> str | None:
        if written is None:
            return None
        return written if "#" in written else node_key(self.map_id, written)

    def roots_in_order(self) -> list[str]:
        # build() visits siblings from a stack, last first: the order of the
        # items of `conclusions` is their order in the file.
        items = self.data["conclusions"]
        keys = [
            qualify(item["ref"], self.map_id) if "ref" in item else node_key(self.map_id, item["id"])
            for item in items
        ]
        return list(dict.fromkeys(keys))

    def visit(
        self, list_name: str, item: YamlMapping, parent: str | None, location: Location
    ) -> Iterator[tuple[str, YamlSequence, str | None]]:
        if "ref" in item:
            written: str = item["ref"]
            key = qualify(written, self.map_id)
            self.references.append(
                Reference(
                    written=written,
                    target=key,
                    map_id=self.map_id,
                    location=self.value_location(item, "ref"),
                    context=list_name,
                    parent=parent,
                    adds_support=bool(item.get("because")),
                    adds_attacks=bool(item.get("counterexamples")),
                    suppressions=self.suppressions(item),
                )
            )
            self.link(list_name, key, parent, item, location, via_ref=True)
        else:
            key = node_key(self.map_id, item["id"])
            if key in self.nodes:
                self.duplicates.append(
                    DuplicateDefinition(
                        item["id"], self.nodes[key].location_of("id"), self.key_location(item, "id")
                    )
                )
            else:
                self.nodes[key] = self.node(_KIND_OF_LIST[list_name], key, item, location)
            self.link(list_name, key, parent, item, location, via_ref=False)
        self.declarations(key, item)
        for child_list in ("because", "premises", "counterexamples"):
            children = item.get(child_list)
            if children:
                yield child_list, children, key

    def link(
        self,
        list_name: str,
        key: str,
        parent: str | None,
        item: YamlMapping,
        location: Location,
        *,
        via_ref: bool,
    ) -> None:
        if list_name == "conclusions":
            return  # roots are read off `conclusions` in roots_in_order()
        assert parent is not None
        if list_name == "premises":
            weight = item.get("weight")  # what the premise adds under `weighing: criteria`
            edge = Edge(
                key,
                parent,
                Relation.PREMISE,
                self.map_id,
                location,
                role=item.get("role"),
                via_ref=via_ref,
                weight=None if weight is None else float(weight),
            )
        elif list_name == "because":
            edge = Edge(key, parent, Relation.SUPPORTS, self.map_id, location, via_ref=via_ref)
        else:
            weight = item.get("weight")
            edge = Edge(
                key,
                parent,
                Relation.ATTACKS,
                self.map_id,
                location,
                question=item.get("question"),
                via_ref=via_ref,
                weaker=bool(item.get("weaker", False)),
                conceded=bool(item.get("conceded", False)),
                weight=None if weight is None else float(weight),
            )
        self.edges.append(edge)

    def declarations(self, key: str, item: YamlMapping) -> None:
        """`contradicts` (an attack each way) and `outweighs` (a preference) on a claim or ref."""
        for list_name in ("contradicts", "outweighs"):
            written_ids: YamlSequence | None = item.get(list_name)
            if not written_ids:
                continue
            for index, written in enumerate(written_ids):
                other = qualify(written, self.map_id)
                location = self.at(*written_ids.positions[index])
                self.references.append(
                    Reference(
                        written=written,
                        target=other,
                        map_id=self.map_id,
                        location=location,
                        context=list_name,
                        parent=key,
                    )
                )
                if list_name == "outweighs":
                    self.preferences.append(Preference(key, other, self.map_id, location))
                    continue
                for source, target in ((key, other), (other, key)):
                    self.edges.append(
                        Edge(source, target, Relation.ATTACKS, self.map_id, location, declared_conflict=True)
                    )

    def quote_object(self, written: Mapping[str, Any]) -> Quote:
        """`{text: ..., occurrence: 2}` or `{text: ..., after: ...}`."""
        assert isinstance(written, YamlMapping)
        return Quote(
            written["text"],
            self.value_location(written, "text"),
            occurrence=written.get("occurrence"),
            after=written.get("after"),
        )

    def node(self, kind: Kind, key: str, item: YamlMapping, location: Location) -> Node:
        quote = item.get("quote")
        quotes: tuple[Quote, ...] = ()
        if isinstance(quote, str):
            quotes = (Quote(quote, self.value_location(item, "quote")),)
        elif isinstance(quote, Mapping):
            quotes = (self.quote_object(quote),)
        elif isinstance(quote, list):
            assert isinstance(quote, YamlSequence)
            quotes = tuple(
                self.quote_object(written)
                if isinstance(written, Mapping)
                else Quote(written, self.item_location(quote, index))
                for index, written in enumerate(quote)
            )
        return Node(
            key=key,
            id=item["id"],
            map_id=self.map_id,
            kind=kind,
            location=location,
            text=item.get("text"),
            quotes=quotes,
            implicit=bool(item.get("implicit", False)),
            warrant=item.get("warrant"),
            scheme=item.get("scheme"),
            note=item.get("note"),
            tags=tuple(item.get("tags", ())),
            at=item.get("at"),
            url=item.get("url"),
            suppressions=self.suppressions(item),
            weight=None if item.get("weight") is None else float(item["weight"]),
            standard=item.get("standard"),
            about=item.get("about"),
            assumed=item.get("assumed"),
            weighing=item.get("weighing"),
            field_locations={name: self.key_location(item, name) for name in item},
        )

    def suppressions(self, item: YamlMapping) -> tuple[Suppression, ...]:
        ignore = item.get("ignore")
        if not ignore:
            return ()
        return tuple(
            Suppression(code, reason, self.key_location(ignore, code)) for code, reason in ignore.items()
        )

    def source(self) -> SourceInfo | None:
        source = self.data.get("source")
        if not source:
            return None
        return SourceInfo(
            file=source.get("file"),
            title=source.get("title"),
            author=source.get("author"),
            date=source.get("date"),
            url=source.get("url"),
            language=source.get("language"),
            encoding=source.get("encoding"),
            ignore=tuple(source.get("ignore", ())),
            ignore_location=self.value_location(source, "ignore") if "ignore" in source else None,
            ignore_locations=self.item_locations(source.get("ignore")),
            note=source.get("note"),
            location=self.value_location(source, "file")
            if "file" in source
            else self.value_location(self.data, "source"),
        )

    def expectations(self) -> Iterator[Expectation]:
        expect = self.data.get("expect")
        if not expect:
            return
        for status in ("in", "out", "undecided"):
            written_ids: YamlSequence | None = expect.get(status)
            if not written_ids:
                continue
            for index, written in enumerate(written_ids):
                yield Expectation(
                    status,
                    qualify(written, self.map_id),
                    written,
                    self.item_location(written_ids, index),
                    semantics=expect.get("semantics", "grounded"),
                )


@attrs.frozen
class Corpus:
    """The maps checked together: where keys and cross-map refs resolve."""

    maps: tuple[ArgMap, ...]
    node_index: Mapping[str, Node] = attrs.field(eq=False, hash=False, repr=False)
    map_index: Mapping[str, ArgMap] = attrs.field(eq=False, hash=False, repr=False)

    @classmethod
    def of(cls, maps: Sequence[ArgMap]) -> Corpus:
        map_index: dict[str, ArgMap] = {}
        node_index: dict[str, Node] = {}
        for argmap in maps:
            if argmap.id in map_index:
                continue  # a duplicate map id: the first file wins; a check reports it
            map_index[argmap.id] = argmap
            node_index.update(argmap.node_index)
        return cls(maps=tuple(maps), node_index=node_index, map_index=map_index)

    def node(self, key: str) -> Node | None:
        return self.node_index.get(key)

    def map(self, map_id: str) -> ArgMap | None:
        return self.map_index.get(map_id)

    def scope(self, map_id: str) -> tuple[ArgMap, ...]:
        """The map and every map it refers to, directly or not.

        A map's evaluation sees the edges of exactly these maps: a third map
        that attacks a claim of ours changes that claim's status in the third
        map's evaluation, not in ours.
        """
        seen: dict[str, ArgMap] = {}
        pending = [map_id]
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            argmap = self.map_index.get(current)
            if argmap is None:
                continue
            seen[current] = argmap
            for reference in argmap.references:
                other, _ = split_key(reference.target)
                if other not in seen:
                    pending.append(other)
            for expectation in argmap.expectations:
                other, _ = split_key(expectation.key)
                if other not in seen:
                    pending.append(other)
        return tuple(sorted(seen.values(), key=lambda argmap: argmap.id))


@attrs.frozen
class MapView:
    """What a map's diagram and export show: its nodes, the nodes of other
    maps it brings in, and the edges among them."""

    keys: tuple[str, ...]  # own nodes sorted by id, then the others sorted
    edges: tuple[Edge, ...]  # each (source, target, relation) once, sorted
    context: frozenset[str]  # nodes of other maps shown only because a shown node needs them
    # For a shown node whose reasons are not all shown: the keys of every
    # node its evaluation depends on that the view leaves out (a diagram
    # draws them as one stub).
    hidden: Mapping[str, frozenset[str]] = attrs.field(factory=dict)


_RELATION_ORDER = {Relation.PREMISE: 0, Relation.SUPPORTS: 1, Relation.ATTACKS: 2}


def map_view(argmap: ArgMap, corpus: Corpus) -> MapView:
    """The nodes and edges of `argmap`'s view.

    A map that refers to nodes of other maps shows them, and with them what
    a reader needs to judge them: the chains inside those maps that connect
    one shown node to another (when a third map defeats a premise of another
    map, the reader must see the inference it sinks and the claim that
    inference supported), what the imported nodes support up to their map's
    conclusions (their statuses change with the attacks stated here), and
    every node a shown node's evaluation rests on directly: each claim's
    inferences and attackers, each inference's premises and attackers.
    What lies deeper is not shown but counted (`hidden`), so no reason is
    ever dropped silently. The order of the YAML changes nothing.
    """
    own = sorted(node.key for node in argmap.nodes)
    shown = set(own)
    imported: set[str] = set()
    for edge in argmap.edges:
        for key in (edge.source, edge.target):
            if key not in shown:
                imported.add(key)
    imported.update(key for key in argmap.roots if key not in shown)
    shown |= imported

    foreign_edges = [
        edge for other in corpus.scope(argmap.id) if other.id != argmap.id for edge in other.edges
    ]
    all_edges = (*argmap.edges, *foreign_edges)
    forward: dict[str, list[str]] = {}
    backward: dict[str, list[str]] = {}
    foreign_backward: dict[str, list[str]] = {}
    for edge in all_edges:
        backward.setdefault(edge.target, []).append(edge.source)
    for edge in foreign_edges:
        foreign_backward.setdefault(edge.target, []).append(edge.source)
        if edge.relation is not Relation.ATTACKS:
            forward.setdefault(edge.source, []).append(edge.target)
    if imported and foreign_edges:
        between = _reach(imported, forward) & _reach(shown, foreign_backward)
        # What the imported nodes support, up to their maps' conclusions.
        consequences = _reach(imported, forward) - imported
        # The imported claims' own reasons; of what they lead to, only the
        # path (its other reasons are counted, not drawn: a map that refers
        # to one premise does not draw the other map whole).
        # The reasons of the imported claims in conflict (attacked, or
        # attacking) are drawn: they decide it. Those of the others are
        # counted in `hidden`.
        disputed = {
            key
            for edge in argmap.edges
            if edge.relation is Relation.ATTACKS
            for key in (edge.source, edge.target)
            if key in imported
        }
        shown |= between | _direct_reasons(disputed, backward)
        shown |= consequences
        shown |= _direct_reasons({key for key in shown if _is_inference(key, corpus)}, backward)
    context = frozenset(shown - set(own) - imported)

    hidden: dict[str, frozenset[str]] = {}
    for key in sorted(shown):
        if any(reason not in shown for reason in backward.get(key, ())):
            hidden[key] = frozenset(_reach({key}, backward) - shown)

    unique: dict[tuple[str, str, Relation], Edge] = {}
    for edge in all_edges:
        if edge.source in shown and edge.target in shown:
            unique.setdefault((edge.source, edge.target, edge.relation), edge)
    edges = tuple(
        unique[identity]
        for identity in sorted(unique, key=lambda found: (found[0], found[1], _RELATION_ORDER[found[2]]))
    )
    return MapView(keys=(*own, *sorted(shown - set(own))), edges=edges, context=context, hidden=hidden)


def _is_inference(key: str, corpus: Corpus) -> bool:
    node = corpus.node(key)
    return node is not None and node.kind is Kind.INFERENCE


def _direct_reasons(keys: set[str], backward: Mapping[str, list[str]]) -> set[str]:
    """What the evaluation of each of `keys` reads: its premises or inferences, and its attackers."""
    return {reason for key in keys for reason in backward.get(key, ())}


def _reach(starts: set[str], successors: Mapping[str, list[str]]) -> set[str]:
    seen = set(starts)
    pending = list(starts)
    while pending:
        for following in successors.get(pending.pop(), ()):
            if following not in seen:
                seen.add(following)
                pending.append(following)
    return seen
