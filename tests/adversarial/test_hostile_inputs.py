"""Hostile inputs: whatever the file, `argmap check` ends cleanly.

Each case writes its input into a fresh project folder and runs the real CLI
(`python -m argmap check ...`) in a subprocess with bounded memory (see
conftest.py). It asserts the exit code, the key words of the message, and
that no traceback or internal error escapes. Inputs that are valid, however
odd, must pass (exit 0); the rest end in exit 1 (the map has problems) or 2
(argmap could not do its job), with a message that says what is wrong.

The limits the suite relies on (documented in docs/format.md and
bench/RESULTS.md): a map file may hold at most 32 MiB (`max-file-size`,
`--max-file-size`) and nest at most 200 YAML levels (`max-depth`); anchors,
aliases and tags are refused outright, so no alias trick can expand.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from tests.adversarial.conftest import (
    MINIMAL_MAP,
    assert_no_crash,
    run_argmap,
    yaml_double_quoted,
)

SECRET = "TOPSECRET-hunter2-never-print-me"


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _map(conclusions: str, *, header: str = "") -> str:
    return f"argmap: 1\nid: hostile\ntitle: A map under attack\n{header}conclusions:\n{conclusions}"


@attrs.frozen
class Case:
    id: str
    # Writes the input into the project folder and returns the CLI arguments.
    build: Callable[[Path], list[str]]
    code: int | tuple[int, ...]
    words: tuple[str, ...] = ()
    # Words that must NOT appear (file contents that must never be shown).
    never: tuple[str, ...] = ()
    timeout: float | None = None
    marks: tuple[pytest.MarkDecorator, ...] = ()
    # The output must stay small: a hostile line is never echoed whole.
    max_output: int | None = None


# --- YAML tricks ---------------------------------------------------------------


def billion_laughs(root: Path) -> list[str]:
    lines = ['lol0: &a0 ["lol"]']
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"lol{level}: &a{level} [{', '.join([previous] * 10)}]")
    text = (
        "argmap: 1\nid: lols\ntitle: Lols\n" + "\n".join(lines) + "\nconclusions:\n  - id: c\n    text: *a9\n"
    )
    _write(root, "laughs.yaml", text)
    return ["check", "laughs.yaml"]


def alias_without_anchor(root: Path) -> list[str]:
    _write(root, "alias.yaml", _map("  - *nowhere\n"))
    return ["check", "alias.yaml"]


def merge_key(root: Path) -> list[str]:
    text = _map("  - &base\n    id: a\n    text: A.\n  - <<: *base\n    id: b\n")
    _write(root, "merge.yaml", text)
    return ["check", "merge.yaml"]


def anchor_on_scalar(root: Path) -> list[str]:
    _write(root, "anchor.yaml", _map("  - id: a\n    text: &t A claim.\n"))
    return ["check", "anchor.yaml"]


def python_tag(root: Path) -> list[str]:
    _write(root, "tag.yaml", _map('  - id: a\n    text: !!python/object/apply:os.system ["echo pwned"]\n'))
    return ["check", "tag.yaml"]


def several_documents(root: Path) -> list[str]:
    _write(root, "docs.yaml", MINIMAL_MAP + "---\n" + MINIMAL_MAP)
    return ["check", "docs.yaml"]


def deep_block(root: Path) -> list[str]:
    # Compact block sequences: each `- ` opens a sequence inside the previous one.
    _write(root, "deep-block.yaml", _map("  - " + "- " * 10_000 + "x\n"))
    return ["check", "deep-block.yaml"]


def deep_block_mappings(root: Path) -> list[str]:
    # One more space per level: 10,000 levels take 50 MB, so the size limit is raised for it.
    text = "argmap: 1\nid: deep\ntitle: Deep\nnote:\n" + "".join(
        " " * level + "k:\n" for level in range(1, 10_001)
    )
    _write(root, "deep-mapping.yaml", text + " " * 10_001 + "x\n")
    return ["check", "--max-file-size", "100MiB", "deep-mapping.yaml"]


def deep_flow_sequence(root: Path) -> list[str]:
    _write(root, "deep-flow.yaml", _map("  - " + "[" * 10_000 + "]" * 10_000 + "\n"))
    return ["check", "deep-flow.yaml"]


def deep_flow_mapping(root: Path) -> list[str]:
    _write(root, "deep-flow-map.yaml", _map("  - " + "{a: " * 10_000 + "x" + "}" * 10_000 + "\n"))
    return ["check", "deep-flow-map.yaml"]


def deep_but_allowed_and_invalid(root: Path) -> list[str]:
    """49 levels of claims (196 YAML levels, just under the limit) with an unknown key at the bottom."""
    lines = ["argmap: 1", "id: deep", "title: Deep", "conclusions:", "  - id: c0", "    text: C."]
    indent = 2
    for level in range(1, 49):
        pad = " " * (indent + 2)
        lines += [
            f"{pad}because:",
            f"{pad}  - id: i{level}",
            f"{pad}    premises:",
            f"{pad}      - id: c{level}",
            f"{pad}        text: C.",
        ]
        indent += 8
    lines.append(" " * (indent + 2) + "bogus: 1")
    _write(root, "deep-valid-shape.yaml", "\n".join(lines) + "\n")
    return ["check", "deep-valid-shape.yaml"]


def deep_invalid_with_raised_limit(root: Path) -> list[str]:
    """99 levels of claims (396 YAML levels) under a raised max-depth, an unknown key at the bottom."""
    (root / "pyproject.toml").write_text("[tool.argmap]\nmax-depth = 10000\n", encoding="utf-8")
    lines = ["argmap: 1", "id: deep", "title: Deep", "conclusions:", "  - id: c0", "    text: C."]
    indent = 2
    for level in range(1, 99):
        pad = " " * (indent + 2)
        lines += [
            f"{pad}because:",
            f"{pad}  - id: i{level}",
            f"{pad}    premises:",
            f"{pad}      - id: c{level}",
            f"{pad}        text: C.",
        ]
        indent += 8
    lines.append(" " * (indent + 2) + "bogus: 1")
    _write(root, "deep-raised.yaml", "\n".join(lines) + "\n")
    return ["check", "deep-raised.yaml"]


# --- size ----------------------------------------------------------------------


def fifty_megabytes(root: Path) -> list[str]:
    path = root / "huge.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("argmap: 1\nid: huge\ntitle: Huge\nconclusions:\n")
        chunk = "".join(f"  - id: c{index}\n    text: {'x' * 80}\n" for index in range(1000))
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    return ["check", "huge.yaml"]


def twenty_megabyte_line_invalid(root: Path) -> list[str]:
    # A 20 MB plain text that ends in `: `: the error is at column 20,971,531.
    _write(root, "line.yaml", _map("  - id: a\n    text: " + "x" * (20 * 1024 * 1024) + ": oops\n"))
    return ["check", "line.yaml"]


def twenty_megabyte_text_valid(root: Path) -> list[str]:
    _write(root, "long-text.yaml", _map(f"  - id: a\n    text: {'word ' * (4 * 1024 * 1024)}end\n"))
    return ["check", "--select", "M,S,L", "long-text.yaml"]


def hundred_thousand_conclusions(root: Path) -> list[str]:
    items = "".join(f"  - id: c{index}\n    text: Claim {index}.\n" for index in range(100_000))
    _write(root, "many.yaml", _map(items))
    return ["check", "--quiet", "many.yaml"]


def support_cycle_of_ten_thousand(root: Path) -> list[str]:
    count = 10_000
    items = "".join(
        f"  - id: c{k}\n    text: Claim {k}.\n    because:\n      - id: i{k}\n"
        f"        warrant: W.\n        premises:\n          - ref: c{(k + 1) % count}\n"
        for k in range(count)
    )
    _write(root, "cycle.yaml", _map(items))
    return ["check", "--quiet", "cycle.yaml"]


def chain_of_hundred_thousand_refs(root: Path) -> list[str]:
    count = 100_000
    parts = []
    for k in range(count):
        parts.append(f"  - id: c{k}\n    text: Claim {k}.\n")
        if k + 1 < count:
            parts.append(
                f"    because:\n      - id: i{k}\n        warrant: W.\n"
                f"        premises:\n          - ref: c{k + 1}\n"
            )
    _write(root, "chain.yaml", _map("".join(parts)))
    return ["check", "--quiet", "chain.yaml"]


def very_long_id(root: Path) -> list[str]:
    _write(root, "long-id.yaml", _map(f"  - id: {'a' * 100_000}\n    text: A.\n"))
    return ["check", "long-id.yaml"]


def huge_integer(root: Path) -> list[str]:
    _write(
        root,
        "bigint.yaml",
        f"argmap: 1\nid: big\ntitle: {'9' * 5000}\nconclusions:\n  - id: a\n    text: A.\n",
    )
    return ["check", "bigint.yaml"]


# --- bytes and encodings ----------------------------------------------------------


def nul_bytes(root: Path) -> list[str]:
    _write(root, "nul.yaml", MINIMAL_MAP.replace("A claim.", "A cl\x00aim.").encode())
    return ["check", "nul.yaml"]


def invalid_utf8(root: Path) -> list[str]:
    _write(root, "latin1.yaml", MINIMAL_MAP.replace("A claim.", "Caf\xe9 cr\xe8me.").encode("latin-1"))
    return ["check", "latin1.yaml"]


def utf16(root: Path) -> list[str]:
    _write(root, "utf16.yaml", MINIMAL_MAP.encode("utf-16"))
    return ["check", "utf16.yaml"]


def bom_and_crlf(root: Path) -> list[str]:
    _write(root, "bom.yaml", b"\xef\xbb\xbf" + MINIMAL_MAP.replace("\n", "\r\n").encode())
    return ["check", "--select", "M,S,L", "bom.yaml"]


def tabs(root: Path) -> list[str]:
    _write(root, "tabs.yaml", MINIMAL_MAP.replace("    text:", "\t\ttext:"))
    return ["check", "tabs.yaml"]


def empty_file(root: Path) -> list[str]:
    _write(root, "empty.yaml", "")
    return ["check", "empty.yaml"]


def only_comments(root: Path) -> list[str]:
    _write(root, "comments.yaml", "# argmap: 1\n# nothing else\n\n   # really\n")
    return ["check", "comments.yaml"]


def top_level_list(root: Path) -> list[str]:
    _write(root, "list.yaml", "- argmap: 1\n- id: x\n")
    return ["check", "list.yaml"]


def top_level_scalar(root: Path) -> list[str]:
    _write(root, "scalar.yaml", "argmap 1 and nothing more\n")
    return ["check", "scalar.yaml"]


def wrong_version(root: Path) -> list[str]:
    _write(root, "v2.yaml", MINIMAL_MAP.replace("argmap: 1", "argmap: 2"))
    return ["check", "v2.yaml"]


def version_as_text(root: Path) -> list[str]:
    _write(root, "v-text.yaml", MINIMAL_MAP.replace("argmap: 1", 'argmap: "1"'))
    return ["check", "v-text.yaml"]


# --- duplicate keys at every level -------------------------------------------------


def duplicate_top(root: Path) -> list[str]:
    _write(
        root, "dup-top.yaml", MINIMAL_MAP.replace("title: A map under attack\n", "title: One\ntitle: Two\n")
    )
    return ["check", "dup-top.yaml"]


def duplicate_source(root: Path) -> list[str]:
    _write(
        root,
        "dup-source.yaml",
        _map("  - id: a\n    text: A.\n", header="source:\n  title: One\n  title: Two\n"),
    )
    return ["check", "dup-source.yaml"]


def duplicate_node(root: Path) -> list[str]:
    _write(root, "dup-node.yaml", _map("  - id: a\n    text: A.\n    text: B.\n"))
    return ["check", "dup-node.yaml"]


def duplicate_nested(root: Path) -> list[str]:
    _write(
        root,
        "dup-nested.yaml",
        _map(
            "  - id: a\n    text: A.\n    counterexamples:\n"
            "      - id: b\n        text: B.\n        because:\n"
            "          - id: from-c\n            premises:\n              - id: c\n                text: C.\n"
            "                quote: one\n                quote: two\n"
        ),
    )
    return ["check", "dup-nested.yaml"]


# --- keys and ids --------------------------------------------------------------------


def key_is_a_list(root: Path) -> list[str]:
    _write(root, "list-key.yaml", _map("  - id: a\n    [text, quote]: A.\n"))
    return ["check", "list-key.yaml"]


def key_is_a_mapping(root: Path) -> list[str]:
    _write(root, "map-key.yaml", "? {argmap: 1}\n: 1\nid: x\n")
    return ["check", "map-key.yaml"]


def unicode_lookalike_id(root: Path) -> list[str]:
    # The "е" of "rеvenge" is Cyrillic (U+0435), not Latin.
    _write(root, "lookalike.yaml", _map("  - id: r\u0435venge\n    text: A.\n"))
    return ["check", "lookalike.yaml"]


def unicode_lookalike_ref(root: Path) -> list[str]:
    _write(
        root,
        "lookalike-ref.yaml",
        _map(
            "  - id: revenge\n    text: A.\n"
            "  - id: b\n    text: B.\n    counterexamples:\n      - ref: r\u0435venge\n"
        ),
    )
    return ["check", "lookalike-ref.yaml"]


# --- refs ---------------------------------------------------------------------------


def ref_to_itself(root: Path) -> list[str]:
    _write(
        root,
        "self.yaml",
        _map(
            "  - id: a\n    text: A.\n    because:\n"
            "      - id: from-a\n        warrant: W.\n        premises:\n          - ref: a\n"
        ),
    )
    return ["check", "self.yaml"]


def ref_to_missing_map(root: Path) -> list[str]:
    _write(root, "far.yaml", _map("  - id: a\n    text: A.\n    counterexamples:\n      - ref: nowhere#b\n"))
    return ["check", "far.yaml"]


# --- the file system --------------------------------------------------------------------


def folder_named_yaml(root: Path) -> list[str]:
    (root / "x.yaml").mkdir()
    _write(root / "x.yaml", "inner.yaml", MINIMAL_MAP.replace("argmap: 1", "argmap: 7"))
    return ["check", "x.yaml"]


def export_of_folder_named_yaml(root: Path) -> list[str]:
    (root / "x.yaml").mkdir()
    return ["export", "x.yaml"]


def missing_file(root: Path) -> list[str]:
    return ["check", "not-there.yaml"]


def dangling_symlink(root: Path) -> list[str]:
    (root / "dangling.yaml").symlink_to(root / "gone.yaml")
    return ["check", "dangling.yaml"]


def symlink_loop_of_folders(root: Path) -> list[str]:
    folder = root / "maps"
    folder.mkdir()
    _write(folder, "bad.yaml", MINIMAL_MAP.replace("argmap: 1", "argmap: 9"))
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "up").symlink_to(root, target_is_directory=True)
    return ["check", "maps"]


def symlink_to_itself(root: Path) -> list[str]:
    (root / "self-link.yaml").symlink_to(root / "self-link.yaml")
    return ["check", "self-link.yaml"]


def unreadable_file(root: Path) -> list[str]:
    path = _write(root, "secret.yaml", MINIMAL_MAP)
    path.chmod(0)
    return ["check", "secret.yaml"]


def named_pipe(root: Path) -> list[str]:
    os.mkfifo(root / "pipe.yaml")
    return ["check", "pipe.yaml"]


def named_pipe_in_folder(root: Path) -> list[str]:
    folder = root / "maps"
    folder.mkdir()
    _write(folder, "good.yaml", MINIMAL_MAP.replace("argmap: 1", "argmap: 3"))
    os.mkfifo(folder / "pipe.yaml")
    return ["check", "maps"]


def device_file(root: Path) -> list[str]:
    return ["check", "/dev/zero"]


# --- sources ------------------------------------------------------------------------------


def _source_map(root: Path, written: str) -> None:
    text = _map(
        "  - id: a\n    text: A.\n    quote: the password is hunter3\n",
        header=f"source:\n  file: {yaml_double_quoted(written)}\n",
    )
    _write(root / "maps", "grounded.yaml", text)


def _secret_outside(root: Path) -> Path:
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    secret = outside / "passwd"
    secret.write_text(f"{SECRET}\nthe password is hunter2\n", encoding="utf-8")
    return secret


def absolute_source(root: Path) -> list[str]:
    _source_map(root, str(_secret_outside(root)))
    return ["check", "maps/grounded.yaml"]


def climbing_source(root: Path) -> list[str]:
    _secret_outside(root)
    _source_map(root, "../../outside/passwd")
    return ["check", "maps/grounded.yaml"]


def etc_passwd_source(root: Path) -> list[str]:
    _source_map(root, "../../../../../../../../etc/passwd")
    return ["check", "maps/grounded.yaml"]


def symlinked_source(root: Path) -> list[str]:
    secret = _secret_outside(root)
    (root / "maps").mkdir()
    (root / "maps" / "article.txt").symlink_to(secret)
    _source_map(root, "article.txt")
    return ["check", "maps/grounded.yaml"]


def source_is_a_pipe(root: Path) -> list[str]:
    (root / "maps").mkdir()
    os.mkfifo(root / "maps" / "article.txt")
    _source_map(root, "article.txt")
    return ["check", "maps/grounded.yaml"]


# --- the cases ------------------------------------------------------------------------------

_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
_SLOW = pytest.mark.slow

CASES = [
    Case("billion-laughs", billion_laughs, 1, ("L103", "anchors", "ref")),
    Case("alias-without-anchor", alias_without_anchor, 1, ("L103", "aliases")),
    Case("merge-key", merge_key, 1, ("L103", "anchors")),
    Case("anchor-on-scalar", anchor_on_scalar, 1, ("L103", "&t")),
    Case("python-tag", python_tag, 1, ("L104", "tags"), never=("pwned\n",)),
    Case("several-documents", several_documents, 1, ("L110", "one YAML document")),
    Case("deep-block-sequences", deep_block, 1, ("L106", "deeper than 200", "max-depth"), max_output=5000),
    Case("deep-block-mappings", deep_block_mappings, 1, ("L106", "deeper than 200"), max_output=5000),
    Case("deep-flow-sequences", deep_flow_sequence, 1, ("L106", "deeper than 200"), max_output=5000),
    Case("deep-flow-mappings", deep_flow_mapping, 1, ("L106", "deeper than 200"), max_output=5000),
    Case(
        "deep-under-limit-invalid", deep_but_allowed_and_invalid, 1, ("S203", "unknown key `bogus`", "`c48`")
    ),
    Case(
        "deep-invalid-raised-limit",
        deep_invalid_with_raised_limit,
        1,
        ("S203", "unknown key `bogus`", "`c98`"),
    ),
    Case("file-of-50-mb", fifty_megabytes, 1, ("L105", "over the limit of 32.0 MiB", "--max-file-size")),
    Case(
        "line-of-20-mb-invalid",
        twenty_megabyte_line_invalid,
        1,
        ("L101", "mapping values are not allowed", "line.yaml:6:20971531"),
        max_output=5000,
    ),
    Case("line-of-20-mb-valid", twenty_megabyte_text_valid, 0, ("no problems",), max_output=5000),
    Case("nul-byte", nul_bytes, 1, ("L101", "#x0000", "control character"), never=("\x00",)),
    Case("invalid-utf8", invalid_utf8, 1, ("L107", "not valid UTF-8", "0xe9")),
    Case("utf16", utf16, 1, ("L107", "not valid UTF-8")),
    Case("bom-and-crlf", bom_and_crlf, 0, ("1 map checked",)),
    Case("tabs", tabs, 1, ("L101", "tabs")),
    Case("empty-file", empty_file, 1, ("L108", "holds no map")),
    Case("only-comments", only_comments, 1, ("L108", "holds no map")),
    Case("top-level-list", top_level_list, 1, ("L109", "not a list")),
    Case("top-level-scalar", top_level_scalar, 1, ("L109", "not a single value")),
    Case("wrong-version", wrong_version, 1, ("S201", "version `2`")),
    Case("version-as-text", version_as_text, 1, ("S201", "version")),
    Case("duplicate-key-top", duplicate_top, 1, ("L102", "duplicate key `title`", "line 3")),
    Case("duplicate-key-source", duplicate_source, 1, ("L102", "duplicate key `title`", "line 5")),
    Case("duplicate-key-node", duplicate_node, 1, ("L102", "duplicate key `text`", "line 6")),
    Case("duplicate-key-nested", duplicate_nested, 1, ("L102", "duplicate key `quote`", "line 15")),
    Case("key-is-a-list", key_is_a_list, 1, ("L111", "plain word")),
    Case("key-is-a-mapping", key_is_a_mapping, 1, ("L111", "plain word")),
    Case(
        "very-long-id",
        very_long_id,
        1,
        ("S207", "longer than 80"),
        max_output=5000,
    ),
    Case(
        "huge-integer",
        huge_integer,
        1,
        ("S204", "`title`", "must be a text"),
    ),
    Case("unicode-lookalike-id", unicode_lookalike_id, 1, ("S205", "not a valid id")),
    Case("unicode-lookalike-ref", unicode_lookalike_ref, 1, ("S205", "not a valid reference")),
    Case("ref-to-itself", ref_to_itself, 1, ("M304", "circular support")),
    Case("ref-to-missing-map", ref_to_missing_map, 1, ("M302", "`nowhere`", "not among the maps checked")),
    Case(
        "support-cycle-10000",
        support_cycle_of_ten_thousand,
        1,
        ("M304", "circular support", "more)"),
        max_output=20_000,
    ),
    # Valid and huge: handled, no limit refuses them (a hang guard of 10 minutes, not a timing).
    Case("chain-of-100000-refs", chain_of_hundred_thousand_refs, 0, (), timeout=600, marks=(_SLOW,)),
    Case("conclusions-100000", hundred_thousand_conclusions, 0, (), timeout=600, marks=(_SLOW,)),
    Case("folder-named-x-yaml", folder_named_yaml, 1, ("x.yaml/inner.yaml", "S201")),
    Case("export-folder-named-x-yaml", export_of_folder_named_yaml, 2, ("not a folder",)),
    Case("missing-file", missing_file, 2, ("not-there.yaml", "no such file")),
    Case("dangling-symlink", dangling_symlink, 2, ("dangling.yaml", "does not exist")),
    Case("symlink-loop-of-folders", symlink_loop_of_folders, 1, ("maps/bad.yaml", "S201")),
    Case("symlink-to-itself", symlink_to_itself, 2, ("self-link.yaml",)),
    Case(
        "unreadable-file",
        unreadable_file,
        2,
        ("secret.yaml", "permission denied"),
        marks=(
            pytest.mark.skipif(
                _AS_ROOT, reason="root reads a chmod 000 file: the refusal cannot be observed"
            ),
        ),
    ),
    Case(
        "named-pipe",
        named_pipe,
        2,
        ("pipe.yaml", "not a regular file"),
        timeout=10,
    ),
    Case(
        "named-pipe-in-folder",
        named_pipe_in_folder,
        1,
        ("maps/good.yaml", "S201"),
        timeout=10,
    ),
    Case(
        "device-file",
        device_file,
        2,
        ("/dev/zero", "not a regular file"),
        timeout=30,
    ),
    Case("absolute-source", absolute_source, 1, ("Q504", "absolute path"), never=(SECRET, "hunter2")),
    Case("climbing-source", climbing_source, 1, ("Q504", "climbs out"), never=(SECRET, "hunter2")),
    Case("etc-passwd-source", etc_passwd_source, 1, ("Q504", "climbs out"), never=("root:x:0",)),
    Case(
        "symlinked-source",
        symlinked_source,
        1,
        ("Q504", "link that points outside"),
        never=(SECRET, "hunter2"),
    ),
    Case("source-is-a-pipe", source_is_a_pipe, 1, ("Q506", "article.txt"), timeout=10),
]

if sys.platform == "win32":  # pragma: no cover - FIFOs and symlinks are POSIX here
    CASES = []


def _params() -> list[object]:
    return [pytest.param(case, id=case.id, marks=case.marks) for case in CASES]


@pytest.mark.parametrize("case", _params())
def test_hostile_input_ends_cleanly(case: Case, project: Path) -> None:
    arguments = case.build(project)
    try:
        result = run_argmap(*arguments, cwd=project, **({"timeout": case.timeout} if case.timeout else {}))
    finally:
        for path in project.rglob("*"):  # let pytest clean up what a case locked
            if path.is_file() and not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) == 0:
                path.chmod(0o600)
    assert_no_crash(result)
    expected = case.code if isinstance(case.code, tuple) else (case.code,)
    assert result.code in expected, result.output[-3000:]
    for word in case.words:
        assert word in result.output, f"{word!r} not in:\n{result.output[-3000:]}"
    for word in case.never:
        assert word not in result.output, f"{word!r} was printed"
    if case.max_output is not None:
        assert len(result.output) <= case.max_output, f"{len(result.output)} characters of output"


def test_there_are_at_least_thirty_cases() -> None:
    assert len({case.id for case in CASES}) == len(CASES) >= 30


# --- every special character in every text field: valid, and exported exactly ----------

HOSTILE_TEXTS = [
    "quotes ' \" and `backticks`, a colon: here, a # hash, a - dash",
    "starts with [bracket] {brace} & * ! | > % @ , ? :",
    "backslash \\ and \\n written out, tab\tinside, line\nbreak, CR\r too",
    "unicode: Ünïcødé, 中文, العربية, עברית, emoji 😀👍🏽, flags 🇺🇦",
    "invisible: zero\u200bwidth, joiner\u200d, RTL override \u202e reversed\u202c, BOM \ufeff inside",
    "line and paragraph separators \u2028 \u2029 and NEL \x85 and NBSP\xa0",
    "controls \x01\x07\x1b[31mred\x1b[0m and DEL \x7f",
    "yes",
    "null",
    "~",
    "0x1F",
    "1e3",
    "  leading and trailing spaces  ",
    "<script>alert('x')</script> & &amp; <b>bold</b>",
    "combining: e\u0301 a\u0308 Z\u0335\u0321a\u0336\u0322l\u0337go",
    "--- a document start? ... and an end",
    "%YAML 1.2 directive-looking text",
]


def _special_map(texts: list[str]) -> str:
    def q(index: int) -> str:
        return yaml_double_quoted(texts[index % len(texts)])

    return (
        "argmap: 1\n"
        "id: special\n"
        f"title: {q(0)}\n"
        f"note: {q(1)}\n"
        "source:\n"
        f"  title: {q(2)}\n"
        f"  author: {q(3)}\n"
        f"  date: {q(4)}\n"
        f"  note: {q(5)}\n"
        "conclusions:\n"
        "  - id: claim\n"
        f"    text: {q(6)}\n"
        f"    quote: {q(7)}\n"
        f"    note: {q(8)}\n"
        f"    at: {q(9)}\n"
        "    because:\n"
        "      - id: step\n"
        f"        warrant: {q(10)}\n"
        f"        note: {q(11)}\n"
        "        premises:\n"
        "          - id: premise\n"
        f"            text: {q(12)}\n"
        "            quote:\n"
        f"              - {q(13)}\n"
        f"              - {q(14)}\n"
        "          - id: other\n"
        f"            text: {q(15)}\n"
        "            implicit: true\n"
        "    counterexamples:\n"
        "      - id: objection\n"
        f"        text: {q(16)}\n"
        f"        quote: {q(0)}\n"
    )


@pytest.mark.parametrize("shift", range(len(HOSTILE_TEXTS)), ids=lambda shift: f"rotation-{shift}")
def test_every_special_character_in_every_text_field(shift: int, project: Path) -> None:
    texts = HOSTILE_TEXTS[shift:] + HOSTILE_TEXTS[:shift]
    _write(project, "special.yaml", _special_map(texts))
    checked = run_argmap("check", "--select", "M,S,L", "special.yaml", cwd=project)
    assert_no_crash(checked)
    assert checked.code == 0, checked.output[-3000:]

    exported = run_argmap("export", "special.yaml", cwd=project)
    assert_no_crash(exported)
    assert exported.code == 0, exported.output[-3000:]
    document = json.loads(exported.stdout)
    nodes = {node["id"]: node for node in document["nodes"]}

    def t(index: int) -> str:
        return texts[index % len(texts)]

    assert document["title"] == t(0)
    assert document["source"]["title"] == t(2)
    assert document["source"]["author"] == t(3)
    assert document["source"]["date"] == t(4)
    assert nodes["claim"]["text"] == t(6)
    assert nodes["claim"]["quote"] == [t(7)]
    assert nodes["claim"]["note"] == t(8)
    assert nodes["claim"]["at"] == t(9)
    assert nodes["step"]["warrant"] == t(10)
    assert nodes["step"]["note"] == t(11)
    assert nodes["premise"]["text"] == t(12)
    assert nodes["premise"]["quote"] == [t(13), t(14)]
    assert nodes["other"]["text"] == t(15)
    assert nodes["objection"]["text"] == t(16)
    assert nodes["objection"]["quote"] == [t(0)]


def test_special_characters_are_not_sent_raw_to_the_terminal(project: Path) -> None:
    """An escape sequence in a text must not reach the terminal through a message."""
    text = _map(
        '  - id: a\n    text: "\\x1b]0;pwned\\x07\\x1b[2J cleared"\n    because:\n      - id: from-b\n'
        "        premises:\n          - id: b\n            text: Something else entirely.\n"
    )
    _write(project, "escape.yaml", text)
    result = run_argmap("check", "escape.yaml", cwd=project)
    assert_no_crash(result)
    assert result.code in (0, 1)
    assert "\x1b]0;" not in result.output
    assert "\x1b[2J" not in result.output


def test_output_of_a_hostile_case_is_deterministic(project: Path) -> None:
    duplicate_nested(project)
    unicode_lookalike_ref(project)
    first = run_argmap("check", ".", cwd=project)
    second = run_argmap("check", ".", cwd=project)
    assert_no_crash(first)
    assert (first.code, first.stdout, first.stderr) == (second.code, second.stdout, second.stderr)


# --- a map is found by its `argmap:` line, wherever it stands ----------------------------

_LICENCE_LINE = "# Licensed under the terms of a long licence; this line pads the file out.\n"


def _licensed_map(comment_bytes: int) -> str:
    """MINIMAL_MAP below a comment of exactly `comment_bytes` bytes."""
    lines = _LICENCE_LINE * (comment_bytes // len(_LICENCE_LINE))
    rest = comment_bytes - len(lines)
    if rest:
        lines += "#" + "x" * (rest - 2) + "\n" if rest >= 2 else "\n"
    assert len(lines.encode()) == comment_bytes
    return lines + MINIMAL_MAP


@pytest.mark.parametrize(
    "comment_bytes",
    # `argmap:` across the first chunk's end at every cut, then far beyond it.
    [0, *range(64 * 1024 - 8, 64 * 1024 + 1), 200 * 1024, 3 * 1024 * 1024 + 5],
)
def test_a_folder_walk_finds_a_map_below_a_long_comment(comment_bytes: int, project: Path) -> None:
    from argmap.input.workspace import discover

    _write(project, "maps/licensed.yaml", _licensed_map(comment_bytes))
    assert discover([project]) == [project / "maps" / "licensed.yaml"]
    assert discover([project / "maps" / "licensed.yaml"], maps_only=True) == [
        project / "maps" / "licensed.yaml"
    ]


@pytest.mark.parametrize("blanks", [0, 1, 64 * 1024])
def test_a_folder_walk_finds_argmap_followed_by_blanks_across_chunks(blanks: int, project: Path) -> None:
    from argmap.input.workspace import discover

    padding = "#" * (64 * 1024 - 10) + "\n"
    _write(project, "spaced.yaml", padding + "argmap" + " " * blanks + ": 1\n")
    assert discover([project]) == [project / "spaced.yaml"]


def test_a_file_without_an_argmap_line_is_not_a_map(project: Path) -> None:
    from argmap.input.workspace import discover

    # `argmap:` that does not start a line, however the chunks cut it, is no declaration.
    _write(
        project, "ci.yaml", "jobs:\n  argmap: 1\n" + "x" * (64 * 1024 - 3) + " argmap: 1\n  " + "argmap: 2\n"
    )
    _write(
        project, "notes.yaml", "# argmap: 1\nkey: 'argmap: 1'\n" + "y" * (3 * 64 * 1024) + "\nargmapx: 1\n"
    )
    assert discover([project]) == []
    assert discover([project / "ci.yaml", project / "notes.yaml"], maps_only=True) == []


def test_a_map_with_a_byte_order_mark_is_found(project: Path) -> None:
    from argmap.input.workspace import discover

    (project / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + MINIMAL_MAP.encode())
    assert discover([project]) == [project / "bom.yaml"]


def test_check_of_a_folder_checks_a_map_that_opens_with_a_long_licence(project: Path) -> None:
    # It used to find `argmap:` only in the first 64 KiB: "0 maps checked", exit 0.
    _write(project, "maps/licensed.yaml", _licensed_map(100 * 1024) + "bogus: 1\n")
    line = 100 * 1024 // len(_LICENCE_LINE) + 2 + 6
    result = run_argmap("check", "--select", "S", ".", cwd=project)
    assert_no_crash(result)
    assert result.code == 1, result.output
    assert result.stdout == (
        f"maps/licensed.yaml:{line}:1: S203 unknown key `bogus` in the map [error]\n"
        "    hint: the keys allowed here: "
        "`argmap`, `conclusions`, `expect`, `id`, `ignore`, `issues`, `note`, `source`, `tags`, "
        "`thesis`, `title`\n"
        "\n1 map checked: 1 error in 1 file.\n"
    )
    assert result.stderr == ""


def test_fmt_maps_only_formats_a_map_that_opens_with_a_long_licence(project: Path) -> None:
    path = _write(
        project, "maps/licensed.yaml", _licensed_map(100 * 1024).replace("id: claim", "id:   claim")
    )
    result = run_argmap("fmt", "--maps-only", "--check", "maps/licensed.yaml", cwd=project)
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == (
        "would reformat maps/licensed.yaml\n"
        "argmap fmt: 1 file would be reformatted, 0 files already formatted\n"
    )
    assert path.read_text(encoding="utf-8") == _licensed_map(100 * 1024).replace("id: claim", "id:   claim")
