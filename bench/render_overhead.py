"""How much time `argmap render` adds on top of Graphviz's own layout.

For a synthetic map of N nodes (bench/generate.py, same seed, same bytes) it
times, as medians over several runs in one warm process:

    engine       Graphviz alone on the final DOT: pygraphviz.AGraph(string=dot)
                 .draw(format=..., prog="dot"), nothing of argmap's
    render       the whole `argmap render --force` command, run in-process
                 through its Typer app: load, validate, check, evaluate,
                 ground, build the DOT, draw, stamp, write atomically

and the ratio render / engine (the aim: at most 1.3 for 1,000 nodes), in
wall-clock time and in this process's CPU time (steadier when other
programs share the machine), then
the phases of the render so that the difference can be placed:

    check        argmap.lint.runner.check_paths (load, schema, model, every rule)
    dot          argmap.diagram.dot.dot_source (annotations and DOT)
    draw         argmap.diagram.draw.draw (the engine, the fd-2 capture, the digest)
    write        argmap.files.write_atomically

With --cold it also times both in fresh processes (`argmap render` against
`python -c "import pygraphviz; ...draw()"`), where imports count too.

    /work/venv/bin/python bench/render_overhead.py                 # 1,000 nodes, svg
    /work/venv/bin/python bench/render_overhead.py --nodes 100,1000,3000 --format png --cold
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_map  # bench/generate.py, beside this file


def median_time(
    action: Callable[[], Any], repeats: int, clock: Callable[[], float] = time.perf_counter
) -> tuple[float, Any]:
    times: list[float] = []
    result: Any = None
    for _ in range(repeats):
        start = clock()
        result = action()
        times.append(clock() - start)
    return statistics.median(times), result


def measure(nodes: int, output_format: str, repeats: int, cold: bool) -> dict[str, float]:
    import pygraphviz
    from typer.testing import CliRunner

    from argmap.cli import app
    from argmap.config import Config
    from argmap.diagram.dot import dot_source
    from argmap.diagram.draw import draw
    from argmap.files import Limits, write_atomically
    from argmap.lint.runner import check_paths

    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="argmap-render-bench-") as folder:
        root = Path(folder)
        (root / "argmap.toml").write_text("", encoding="utf-8")
        path, _ = write_map(nodes, root)
        output = root / "out"
        config = Config(limits=Limits(max_bytes=1 << 30))

        result = check_paths([path], config, cwd=root)
        (argmap,) = result.workspace.requested
        problems = [problem for problem in result.problems if problem.file == argmap.file]
        dot = dot_source(result.run.context(argmap), problems)

        def engine_alone() -> bytes:
            data: bytes = pygraphviz.AGraph(string=dot).draw(format=output_format, prog="dot")
            return data

        runner = CliRunner()

        def whole_render() -> None:
            outcome = runner.invoke(
                app, ["render", str(path), "--force", "-f", output_format, "-o", str(output)]
            )
            if outcome.exit_code != 0:
                raise SystemExit(f"argmap render failed ({outcome.exit_code}): {outcome.stderr}")

        whole_render()  # warm: imports, the compiled schema, fontconfig's caches
        engine_alone()
        # Interleaved, so that a busy machine slows both alike.
        # Wall-clock time, and CPU time of this process (steadier on a busy machine:
        # both the engine and argmap run on this process's one thread).
        times: dict[str, list[float]] = {"engine": [], "render": [], "engine_cpu": [], "render_cpu": []}
        for _ in range(repeats):
            for name, action in (("engine", engine_alone), ("render", whole_render)):
                times[name].append(median_time(action, 1)[0])
                times[name + "_cpu"].append(median_time(action, 1, time.process_time)[0])
        for name, values in times.items():
            figures[name] = statistics.median(values)

        def fresh_check() -> Any:
            return check_paths([path], config, cwd=root)

        figures["check"], checked = median_time(fresh_check, repeats)
        (argmap,) = checked.workspace.requested
        context = checked.run.context(argmap)
        problems = [problem for problem in checked.problems if problem.file == argmap.file]
        figures["dot"], dot = median_time(lambda: dot_source(context, problems), repeats)
        figures["draw"], drawing = median_time(lambda: draw(dot, output_format), repeats)
        target = root / f"timed.{output_format}"
        figures["write"], _ = median_time(lambda: write_atomically(target, drawing.data), repeats)
        figures["nodes"] = len(argmap.nodes)
        figures["dot_bytes"] = len(dot)

        if cold:
            argmap_command = Path(sys.executable).with_name("argmap")
            figures["cold_render"], _ = median_time(
                lambda: subprocess.run(
                    [
                        str(argmap_command),
                        "render",
                        str(path),
                        "--force",
                        "-f",
                        output_format,
                        "-o",
                        str(output),
                    ],
                    check=True,
                    capture_output=True,
                ),
                max(1, repeats // 2),
            )
            dot_file = root / "bench.dot"
            dot_file.write_text(dot, encoding="utf-8")
            script = (
                "import pygraphviz, sys; "
                f"pygraphviz.AGraph(string=open({str(dot_file)!r}).read())"
                f".draw(format={output_format!r}, prog='dot')"
            )
            figures["cold_engine"], _ = median_time(
                lambda: subprocess.run([sys.executable, "-c", script], check=True, capture_output=True),
                max(1, repeats // 2),
            )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nodes", default="1000", help="map sizes, comma-separated (default 1000)")
    parser.add_argument("--format", default="svg", choices=("svg", "png", "pdf"), dest="output_format")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="also time fresh processes")
    arguments = parser.parse_args(argv)
    print(f"format {arguments.output_format}, median of {arguments.repeats} runs (seconds)")
    for size in (int(part) for part in arguments.nodes.split(",") if part.strip()):
        figures = measure(size, arguments.output_format, arguments.repeats, arguments.cold)
        ratio = figures["render"] / figures["engine"]
        added = figures["render"] - figures["engine"]
        print(
            f"\n{int(figures['nodes'])} nodes, DOT of {int(figures['dot_bytes']):,} bytes\n"
            f"  engine alone   {figures['engine']:.3f}   (CPU {figures['engine_cpu']:.3f})\n"
            f"  whole render   {figures['render']:.3f}   = {ratio:.2f}x the engine (aim: <= 1.30x), "
            f"argmap adds {added:.3f}\n"
            f"                 (CPU {figures['render_cpu']:.3f} = "
            f"{figures['render_cpu'] / figures['engine_cpu']:.2f}x the engine's CPU)\n"
            f"    check        {figures['check']:.3f}   "
            "(load, schema, model, rules: shared with `argmap check`)\n"
            f"    dot          {figures['dot']:.3f}   (statuses, grounding, DOT)\n"
            f"    draw         {figures['draw']:.3f}   (engine + capture + digest: "
            f"{figures['draw'] - figures['engine']:+.3f} over the engine)\n"
            f"    write        {figures['write']:.3f}"
        )
        if "cold_render" in figures:
            print(
                f"  fresh processes: argmap render {figures['cold_render']:.3f}, "
                f"python + pygraphviz alone {figures['cold_engine']:.3f} "
                f"({figures['cold_render'] / figures['cold_engine']:.2f}x)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
