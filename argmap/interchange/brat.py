"""brat standoff annotations as in the Argument Annotated Essays corpus: in only.

An essay is a text file `NAME.txt` and its annotations `NAME.ann` beside
it: text-bound components `T1<TAB>MajorClaim|Claim|Premise START END<TAB>words`,
attributes `A1<TAB>Stance T2 For|Against`, relations
`R1<TAB>supports|attacks Arg1:T3 Arg2:T2`, and annotator notes
`#1<TAB>AnnotatorNotes T1<TAB>words`. Import names the `.ann` file.
`docs/interchange.md` has the table.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from argmap.files import Limits
from argmap.interchange import ImportedMap, InterchangeInputError, SourceDocument, read_input, slug
from argmap.interchange.build import Attack, Claim, GraphBuilder, Inference
from argmap.interchange.microtexts import pinned_quote

NAME = "brat"
DESCRIPTION = "brat standoff (.ann with its .txt), as in the Argument Annotated Essays, in only"

_COMPONENTS = {"MajorClaim", "Claim", "Premise"}
_SPAN = re.compile(r"^(\d+) (\d+)$")


def read(data: bytes, name: str, limits: Limits) -> list[ImportedMap]:
    path = Path(name)
    if path.suffix != ".ann":
        raise InterchangeInputError(
            f"{name}: name the brat annotation file (.ann); its .txt must stand beside it"
        )
    text_bytes = read_input(path.with_suffix(".txt"), limits)
    try:
        text = text_bytes.decode("utf-8-sig").replace("\r\n", "\n")
        annotations = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InterchangeInputError(f"{name}: the annotations or their text are not UTF-8") from None
    return [_Reader(annotations, text, name, path.stem).imported()]


class _Reader:
    def __init__(self, annotations: str, text: str, name: str, base: str) -> None:
        self.annotations = annotations
        self.text = text
        self.name = name
        self.base = base
        self.graph = GraphBuilder()
        self.kinds: dict[str, str] = {}
        self.line_of: dict[str, int] = {}

    def fail(self, line: int, column: int, message: str) -> InterchangeInputError:
        return InterchangeInputError(f"{self.name}:{line}:{column}: {message}")

    def imported(self) -> ImportedMap:
        stances: dict[str, str] = {}
        relations: list[tuple[int, str, str, str, str]] = []
        skipped: set[str] = set()
        for number, line in enumerate(self.annotations.split("\n"), 1):
            if not line.strip():
                continue
            fields = line.rstrip("\r").split("\t")
            ident = fields[0]
            if len(fields) < 2:
                raise self.fail(number, 1, "a brat line is an id, a tab, and an annotation")
            parts = fields[1].split(" ")
            if ident.startswith("T"):
                self._component(number, ident, parts, fields[2] if len(fields) > 2 else "")
            elif ident.startswith("A") and parts[0] == "Stance" and len(parts) == 3:
                stances[parts[1]] = parts[2]
            elif ident.startswith("R") and len(parts) == 3:
                first, second = parts[1].partition(":")[2], parts[2].partition(":")[2]
                relations.append((number, ident, parts[0], first, second))
            elif (
                ident.startswith("#") and parts[0] == "AnnotatorNotes" and len(parts) == 2 and len(fields) > 2
            ):
                claim = self.graph.claims.get(parts[1].lower())
                if claim is not None:
                    claim.note = fields[2].strip() or None
            else:
                skipped.add(ident[0] + " " + parts[0])
        for kind in sorted(skipped):
            self.graph.losses.append(f"annotations of type `{kind}` are not arguments; dropped")
        self._stances(stances)
        for number, ident, kind, source, target in relations:
            self._relation(number, ident, kind, source, target)
        map_id = slug(self.base)
        header: dict[str, Any] = {
            "argmap": 1,
            "id": map_id,
            "title": f"{self.base} (brat annotations, imported)",
            "source": {"file": f"{map_id}.txt"},
        }
        data = self.graph.map_data(header)
        document = SourceDocument(f"{map_id}.txt", self.text)
        return ImportedMap(f"{map_id}.yaml", data, (document,), tuple(self.graph.losses))

    def _component(self, number: int, ident: str, parts: list[str], words: str) -> None:
        kind = parts[0]
        if kind not in _COMPONENTS:
            self.graph.losses.append(f"{ident}: components of type `{kind}` are not arguments; dropped")
            return
        spans = []
        for piece in " ".join(parts[1:]).split(";"):
            match = _SPAN.match(piece.strip())
            if not match:
                raise self.fail(
                    number, len(ident) + len(kind) + 3, f"{ident}: `{piece}` is not a span `START END`"
                )
            start, end = int(match[1]), int(match[2])
            if not 0 <= start < end <= len(self.text):
                raise self.fail(
                    number, len(ident) + len(kind) + 3, f"{ident}: the span {start}-{end} is outside the text"
                )
            spans.append((start, end))
        covered = " ".join(self.text[start:end] for start, end in spans)
        if words and " ".join(words.split()) != " ".join(covered.split()):
            raise self.fail(
                number, 1, f"{ident}: the words of the annotation are not those of the text at {spans[0][0]}"
            )
        quotes: list[str | dict[str, Any]] = [
            " ".join(pinned_quote(self.text, start, end).split()) for start, end in spans
        ]
        claim_id = ident.lower()
        self.kinds[claim_id] = kind
        tags = ["major-claim"] if kind == "MajorClaim" else [kind.lower()]
        self.graph.claim(Claim(claim_id, " ".join(covered.split()), quotes=quotes, tags=tags))

    def _stances(self, stances: dict[str, str]) -> None:
        """A claim's stance For or Against the major claims, as the essays annotate it."""
        majors = [claim_id for claim_id, kind in self.kinds.items() if kind == "MajorClaim"]
        for ident, stance in stances.items():
            claim_id = ident.lower()
            if claim_id not in self.graph.claims or not majors:
                self.graph.losses.append(
                    f"the stance of {ident} has no claim or no major claim to point at; dropped"
                )
                continue
            for major in majors:
                if stance == "For":
                    self.graph.inference(Inference(f"{claim_id}-for-{major}", major, [(claim_id, None)]))
                elif stance == "Against":
                    self.graph.attack(Attack(claim_id, major))
                else:
                    self.graph.losses.append(
                        f"{ident}: the stance `{stance}` is neither For nor Against; dropped"
                    )
                    break
            self.graph.claims[claim_id].tags.append("for" if stance == "For" else "against")

    def _relation(self, number: int, ident: str, kind: str, source: str, target: str) -> None:
        source_id, target_id = source.lower(), target.lower()
        for end in (source_id, target_id):
            if end not in self.graph.claims:
                raise self.fail(number, 1, f"{ident}: {end.upper()} is not a component")
        if kind == "supports":
            self.graph.inference(Inference(ident.lower(), target_id, [(source_id, None)]))
        elif kind == "attacks":
            self.graph.attack(Attack(source_id, target_id))
        else:
            self.graph.losses.append(f"{ident}: relations of type `{kind}` are not arguments; dropped")
