"""DOT text written directly, byte for byte as `graphviz.Digraph` writes it.

`argmap.diagram.dot` builds the diagram through the part of the
`graphviz.Digraph` interface that it uses (`node`, `edge`, `attr`,
`subgraph` as a context manager, `source`). Each attribute went through the
package's `quote`, whose check of positional arguments costs more than the
quoting: 18,000 calls were a third of `argmap render -f dot` for 1,000 nodes.
`DotGraph` quotes by the same rules (`graphviz.quoting`) in plain functions.

User text is escaped before it gets here, by `argmap.diagram.dot.dot_text`
(the one escaping path); a value marked with `graphviz.nohtml` stays a
quoted string even when it reads like `<...>`, as in the package.
tests/diagram/test_dot_writer.py holds the two writers to the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from graphviz.quoting import NoHtml

# The rules of graphviz.quoting (graphviz 0.20 and 0.21).
_HTML_STRING = re.compile(r"<.*>$", re.DOTALL)
_ID = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
_UNESCAPED_QUOTE = re.compile(r"(?P<escaped_backslashes>(?:\\{2})*)\\?(?P<literal_quote>\")")


def quote(identifier: str) -> str:
    """`graphviz.quoting.quote`: an ID as it is, `<...>` as HTML unless marked
    nohtml, anything else in double quotes with its quotes escaped."""
    if _HTML_STRING.match(identifier) and not isinstance(identifier, NoHtml):
        return identifier
    if not _ID.match(identifier) or identifier.lower() in _KEYWORDS:
        if '"' not in identifier:  # the substitution matches at a quote only: most values have none
            return f'"{identifier}"'
        return '"' + _UNESCAPED_QUOTE.sub(r"\g<escaped_backslashes>\\\g<literal_quote>", identifier) + '"'
    return identifier


def quote_edge(identifier: str) -> str:
    """`graphviz.quoting.quote_edge`: `node[:port[:compass]]`, each part quoted."""
    node, _, rest = identifier.partition(":")
    parts = [quote(node)]
    if rest:
        port, _, compass = rest.partition(":")
        parts.append(quote(port))
        if compass:
            parts.append(compass)
    return ":".join(parts)


def _a_list(label: str | None, attributes: Mapping[str, str | None]) -> str:
    # As the package: the label first, then the attributes sorted by name
    # (it sorts a plain dict's items), those set to None left out.
    result = [f"label={quote(label)}"] if label is not None else []
    result += [
        f"{quote(key)}={quote(value)}" for key, value in sorted(attributes.items()) if value is not None
    ]
    return " ".join(result)


def _attr_list(label: str | None, attributes: Mapping[str, str | None]) -> str:
    content = _a_list(label, attributes)
    return f" [{content}]" if content else ""


class DotGraph:
    """A directed graph's DOT text, as `graphviz.Digraph` would write it."""

    def __init__(
        self,
        name: str | None = None,
        comment: str | None = None,
        graph_attr: Mapping[str, str] | None = None,
        node_attr: Mapping[str, str] | None = None,
        edge_attr: Mapping[str, str] | None = None,
    ) -> None:
        self.name = name
        self.comment = comment
        self.graph_attr = dict(graph_attr or {})
        self.node_attr = dict(node_attr or {})
        self.edge_attr = dict(edge_attr or {})
        self.body: list[str] = []

    def node(self, name: str, label: str | None = None, **attributes: str | None) -> None:
        self.body.append(f"\t{quote(name)}{_attr_list(label, attributes)}\n")

    def edge(
        self, tail_name: str, head_name: str, label: str | None = None, **attributes: str | None
    ) -> None:
        tail, head = quote_edge(tail_name), quote_edge(head_name)
        self.body.append(f"\t{tail} -> {head}{_attr_list(label, attributes)}\n")

    def attr(self, kw: str | None = None, **attributes: str | None) -> None:
        if kw is not None and kw.lower() not in ("graph", "node", "edge"):
            raise ValueError(f"attr statement must target graph, node, or edge: {kw!r}")
        if attributes:
            if kw is None:
                self.body.append(f"\t{_a_list(None, attributes)}\n")
            else:
                self.body.append(f"\t{kw}{_attr_list(None, attributes)}\n")

    @contextmanager
    def subgraph(self, name: str | None = None) -> Iterator[DotGraph]:
        """A subgraph, added to this graph's body when the `with` block ends."""
        subgraph = DotGraph(name=name)
        yield subgraph
        self.body += [f"\t{line}" for line in subgraph.lines(subgraph=True)]

    def lines(self, *, subgraph: bool = False) -> Iterator[str]:
        if self.comment:
            yield f"// {self.comment}\n"
        name = quote(self.name) + " " if self.name else ""
        yield (f"subgraph {name}{{\n" if self.name else "{\n") if subgraph else f"digraph {name}{{\n"
        for kw, attributes in (
            ("graph", self.graph_attr),
            ("node", self.node_attr),
            ("edge", self.edge_attr),
        ):
            if attributes:
                yield f"\t{kw}{_attr_list(None, attributes)}\n"
        yield from self.body
        yield "}\n"

    @property
    def source(self) -> str:
        return "".join(self.lines())
