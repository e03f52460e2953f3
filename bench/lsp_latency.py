"""How long `argmap lsp` takes from an edit to its diagnostics, measured by a real client.

A client starts `python -m argmap lsp` over standard input and output, opens
a generated map (`bench/generate.py`, with its source document) and a small
map that refers to it, then sends N edits to the big map, one at a time: each
changes one premise's words, so every check has new text to read. For each
edit it times the span from sending `didChange` to receiving the map's
`publishDiagnostics`, and subtracts the server's debounce (the pause it waits
for typing to stop), leaving the time the check itself took. On Linux it also
reads the CPU time the server ran over the same span (/proc/PID/task/*/schedstat),
which other processes on a busy machine do not inflate.

Usage:

    python bench/lsp_latency.py                    # 100 nodes, 15 edits
    python bench/lsp_latency.py --nodes 100,1000 --edits 21
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import leaf_ids, write_map

from argmap.lsp.server import DEBOUNCE_SECONDS

REFERRING_MAP = """\
argmap: 1
id: reader
title: A map that builds on the generated one
conclusions:
  - id: builds-on
    text: The generated map's claim carries over.
    implicit: true
    because:
      - id: from-generated
        warrant: What the generated map says holds here too.
        premises: [{{ref: "{target}"}}]
"""


def cpu_seconds(pid: int) -> float | None:
    """The CPU time the process's threads have run so far, where Linux tells it (in nanoseconds)."""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
        return sum(int((task / "schedstat").read_text(encoding="ascii").split()[0]) for task in tasks) / 1e9
    except (OSError, ValueError):
        return None


async def measure(nodes: int, edits: int, folder: Path) -> tuple[list[float], list[float]]:
    """Seconds from each edit to its diagnostics, less the debounce; and the server's CPU seconds."""
    (folder / "argmap.toml").write_text("", encoding="utf-8")
    path, generated = write_map(nodes, folder)
    target = f"bench-{nodes}#{leaf_ids(generated)[0]}"
    reader = folder / "reader.yaml"
    reader.write_text(REFERRING_MAP.format(target=target), encoding="utf-8")

    client = LanguageClient("lsp-latency", "1")
    arrived: dict[str, asyncio.Event] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        arrived.setdefault(params.uri, asyncio.Event()).set()

    await client.start_io(sys.executable, "-m", "argmap", "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())

    async def published(uri: str) -> None:
        event = arrived.setdefault(uri, asyncio.Event())
        await asyncio.wait_for(event.wait(), timeout=60)
        event.clear()

    for opened in (reader, path):
        uri = opened.as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="yaml", version=1, text=opened.read_text(encoding="utf-8")
                )
            )
        )
        await published(uri)
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    first_text = next(line for line in text.splitlines() if line.lstrip().startswith("text: "))
    server = getattr(client, "_server", None)
    pid = getattr(server, "pid", None)
    times: list[float] = []
    cpu: list[float] = []
    for number in range(edits):
        edited = text.replace(first_text, f"{first_text} (edit {number})", 1)
        arrived.setdefault(uri, asyncio.Event()).clear()
        cpu_before = cpu_seconds(pid) if pid else None
        started = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=number + 2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
            )
        )
        await published(uri)
        times.append(time.perf_counter() - started - DEBOUNCE_SECONDS)
        cpu_after = cpu_seconds(pid) if pid else None
        if cpu_before is not None and cpu_after is not None:
            cpu.append(cpu_after - cpu_before)
        await asyncio.sleep(0.2)  # let the server check the referring map before the next edit
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]
    return times, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nodes", default="100", help="map sizes, separated by commas")
    parser.add_argument("--edits", type=int, default=15, help="edits per map (the median is reported)")
    args = parser.parse_args(argv)
    print(f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    print(f"debounce {DEBOUNCE_SECONDS * 1000:.0f} ms, subtracted\n")
    print("| nodes | edits | median | min | max | server CPU, median |")
    print("|---:|---:|---:|---:|---:|---:|")
    for nodes in (int(size) for size in args.nodes.split(",")):
        with tempfile.TemporaryDirectory() as scratch:
            times, cpu = asyncio.run(measure(nodes, args.edits, Path(scratch)))
        median, low, high = (1000 * value for value in (statistics.median(times), min(times), max(times)))
        cpu_shown = f"{1000 * statistics.median(cpu):.0f} ms" if cpu else "n/a"
        print(f"| {nodes} | {len(times)} | {median:.0f} ms | {low:.0f} ms | {high:.0f} ms | {cpu_shown} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
