"""Benchmark argmap phase by phase, at every size, against PyYAML's C loader.

For N = 100, 1,000, 10,000 and 100,000 nodes (maps written by
bench/generate.py, same seed, same bytes every time) it prints the median
time of each phase, called directly in the library:

    read+parse   argmap.input.yaml_reader.read_map_file
    schema       argmap.input.schema.validate
    model        argmap.input.model.ArgMap.from_data
    checks       every rule of argmap.rules.RULES
    evaluation   argmap.analysis.evaluate.evaluation_for        (when the module exists)
    grounding    argmap.grounding.ground.grounding_for        (when the module exists)
    dot          argmap.diagram.dot: the DOT source          (when the module exists)
    layout+svg   Graphviz through the render module    (when it exists; small maps only)

then `check` (argmap.lint.runner.check_paths, the whole of `argmap check` but
the CLI), the floor (`yaml.load(text, Loader=yaml.CSafeLoader)` on the same
file: parsing and nothing else, in C), their ratio, and the peak memory of
one `check` in a fresh process. Each size runs in a subprocess of its own,
so that one size's memory does not inflate the next.

It also measures the cold start of `argmap check`, `--version` and `--help`
beside `python -c pass` and yamllint (when installed beside argmap: `pip
install yamllint`, for the bench only) on the same ~50-node map, the runs
alternated and timed in CPU (the child's user + system time: steadier than
wall time on a shared machine), with a `-X importtime` breakdown; 3,000
quotes not found in a 5 MB source (bench/quotes_not_found.py); and checking
a folder of 1,000 small maps in one process and in parallel.

    python bench/run.py                       # everything (several minutes)
    python bench/run.py --quick               # fewer repeats, up to 10,000 nodes
    python bench/run.py --sizes 100,1000      # a subset
    python bench/run.py --only sizes          # sizes | cold | quotes | folder | lsp | render
    python bench/run.py --only render --baseline ../main/.venv/bin/argmap   # beside another install
    python bench/run.py --json out.json       # also save the figures
    python bench/run.py --compare bench/results.json   # and say what changed since that run

Run it with the project's virtualenv (`/work/venv/bin/python bench/run.py`
or any environment with argmap installed).
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

DEFAULT_SIZES = (100, 1_000, 10_000, 100_000)
# Graphviz's `dot` layout grows faster than linearly with the number of
# nodes and edges: seconds at 1,000 nodes, many minutes at 10,000. Layout is
# measured up to this size unless --layout-max says otherwise.
DEFAULT_LAYOUT_MAX = 1_000
NOT_PRESENT = "n/a (module not present)"

# --- small helpers -------------------------------------------------------


def median_time(function: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """The median wall time of `function` over `repeats` runs, and its last result."""
    times: list[float] = []
    result: Any = None
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def median_wall_and_cpu(function: Callable[[], Any], repeats: int) -> tuple[float, float, Any]:
    """Median wall time and median CPU time of this process (steadier when
    other programs share the machine), and the last result."""
    walls: list[float] = []
    cpus: list[float] = []
    result: Any = None
    for _ in range(repeats):
        gc.collect()
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - start_wall)
        cpus.append(time.process_time() - start_cpu)
    return statistics.median(walls), statistics.median(cpus), result


def module_present(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "-"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def clean_env() -> dict[str, str]:
    """The environment for child processes: bytecode cached as an installed package has it.

    Some shells export PYTHONDONTWRITEBYTECODE, which makes every start
    recompile argmap from source (tens of milliseconds): not what a user of
    an installed argmap sees. The cache goes to a folder outside the tree.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "argmap-bench-pycache")
    env.setdefault("NO_COLOR", "1")
    return env


# --- the render adapter ---------------------------------------------------
# The render engineer's module is written at the same time as this one; the
# names below are tried in order, so the benchmark follows the module as it
# settles without editing.

_DOT_FUNCTIONS = ("dot_source", "build_dot", "render_dot", "to_dot", "dot_for")
_SVG_FUNCTIONS = ("render_svg", "svg_from_dot", "layout_svg", "render")


def find_function(module_name: str, names: tuple[str, ...]) -> Callable[..., Any] | None:
    if not module_present(module_name):
        return None
    module = importlib.import_module(module_name)
    for name in names:
        function = getattr(module, name, None)
        if callable(function):
            return function  # type: ignore[no-any-return]
    return None


def graphviz_own_svg(dot: str) -> bytes:
    """Graphviz alone: the bundled engine lays out the DOT and writes SVG."""
    import pygraphviz

    graph = pygraphviz.AGraph(string=dot)
    data: bytes = graph.draw(format="svg", prog="dot")
    return data


# --- one size, in a worker process ----------------------------------------


def phases_worker(path: Path, repeats: int, layout: bool) -> dict[str, Any]:
    import yaml

    from argmap.analysis.context import Run
    from argmap.config import Config
    from argmap.files import Limits
    from argmap.input.model import ArgMap, Corpus
    from argmap.input.schema import validate
    from argmap.input.yaml_reader import read_map_file
    from argmap.lint.runner import check_paths
    from argmap.rules import RULES

    config = Config(limits=Limits(max_bytes=1 << 30))
    display = path.name
    results: dict[str, Any] = {"bytes": path.stat().st_size}
    # Warm the caches that a real run fills once (the compiled schema, imports).
    check_paths([path], config, cwd=path.parent)

    results["read+parse"], loaded = median_time(lambda: read_map_file(path, display, config.limits), repeats)
    assert loaded.data is not None, loaded.problems
    data = loaded.data
    results["schema"], schema_problems = median_time(lambda: validate(data, display), repeats)
    results["schema_problems"] = len(schema_problems)
    results["model"], argmap = median_time(lambda: ArgMap.from_data(data, display, path), repeats)
    results["nodes"] = len(argmap.nodes)
    results["edges"] = len(argmap.edges)
    corpus = Corpus.of([argmap])

    def fresh_context() -> Any:
        return Run(corpus, config, path.parent).context(argmap)

    def run_rules() -> dict[str, float]:
        context = fresh_context()
        spent: dict[str, float] = {}
        for rule in RULES:
            start = time.perf_counter()
            list(rule.check(context, config))
            spent[rule.code] = time.perf_counter() - start
        return spent

    results["checks"], per_rule = median_time(run_rules, repeats)
    results["slowest_rules"] = sorted(per_rule.items(), key=lambda item: -item[1])[:3]

    analyses: list[Callable[[Any], Any]] = []
    if module_present("argmap.analysis.evaluate"):
        from argmap.analysis.evaluate import evaluation_for

        analyses.append(evaluation_for)

        results["evaluation"], _ = median_time(lambda: evaluation_for(fresh_context()), repeats)
    else:
        results["evaluation"] = NOT_PRESENT
    if module_present("argmap.analysis.semantics"):
        results.update(semantics_phases(argmap, repeats))
    else:
        results["preferred"] = results["stable"] = NOT_PRESENT
    if module_present("argmap.grounding.ground"):
        from argmap.grounding.ground import grounding_for

        analyses.append(grounding_for)

        results["grounding"], grounding = median_time(lambda: grounding_for(fresh_context()), repeats)
        results["grounded_nodes"] = sum(1 for node in grounding.nodes.values() if node.line is not None)
    else:
        results["grounding"] = NOT_PRESENT

    dot_function = find_function("argmap.diagram.dot", _DOT_FUNCTIONS)
    if not module_present("argmap.diagram.dot"):
        results["dot"] = results["layout+svg"] = NOT_PRESENT
    elif dot_function is None:
        results["dot"] = results["layout+svg"] = (
            "n/a (argmap.diagram.dot has none of " + ", ".join(_DOT_FUNCTIONS) + ")"
        )
    else:
        # The DOT alone: the evaluation and the grounding it draws are computed
        # first, untimed (they have phases of their own above).
        dot_times: list[float] = []
        dot: Any = None
        for _ in range(repeats):
            context = fresh_context()
            for analysis in analyses:
                analysis(context)
            gc.collect()
            start = time.perf_counter()
            dot = dot_function(context)
            dot_times.append(time.perf_counter() - start)
        results["dot"] = statistics.median(dot_times)
        dot_text = dot if isinstance(dot, str) else getattr(dot, "source", str(dot))
        if not layout:
            results["layout+svg"] = "skipped (above --layout-max)"
        else:
            svg_function = find_function("argmap.diagram.draw", _SVG_FUNCTIONS) or find_function(
                "argmap.diagram.dot", _SVG_FUNCTIONS
            )
            layout_repeats = max(1, min(repeats, 3))
            results["graphviz-alone"], _ = median_time(lambda: graphviz_own_svg(dot_text), layout_repeats)
            if svg_function is None:
                results["layout+svg"] = "n/a (no svg entry point found)"
            else:
                results["layout+svg"], _ = median_time(lambda: svg_function(dot_text), layout_repeats)

    results["check"], results["check_cpu"], check_result = median_wall_and_cpu(
        lambda: check_paths([path], config, cwd=path.parent), repeats
    )
    results["check_errors"] = check_result.error_count

    def floor() -> Any:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    results["floor"], _ = median_time(floor, repeats)
    results["ratio"] = results["check"] / results["floor"]
    # The C loader's constructors are Python code that allocates an object
    # per node: the cyclic garbage collector runs again and again while it
    # works. Without it the floor is lower; the stricter ratio uses that.
    gc.disable()
    try:
        results["floor_nogc"], _ = median_time(floor, repeats)
    finally:
        gc.enable()
    results["ratio_nogc"] = results["check"] / results["floor_nogc"]
    # The parse alone, in C: events and nodes with positions, no Python objects
    # per value. Nothing that reads YAML can go below this.
    results["compose_floor"], _ = median_time(
        lambda: yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader), repeats
    )
    return results


def semantics_phases(argmap: Any, repeats: int) -> dict[str, Any]:
    """Preferred and stable labellings (with credulous and sceptical acceptance)
    of the map with one two-way conflict per 50 nodes added between random
    claims, so that there is something to choose (docs/evaluation.md)."""
    import random

    from argmap.analysis.evaluate import evaluate
    from argmap.analysis.semantics import Semantics
    from argmap.input.model import Edge, Relation

    claims = [node.key for node in argmap.nodes if node.kind.is_claim]
    chooser = random.Random(0)
    edges = list(argmap.edges)
    for _ in range(max(1, len(argmap.nodes) // 50)):
        first, second = chooser.sample(claims, 2)
        for source, target in ((first, second), (second, first)):
            edges.append(Edge(source, target, Relation.ATTACKS, argmap.id, argmap.location))
    evaluation = evaluate(argmap.nodes, edges)
    phases: dict[str, Any] = {}
    for name in ("preferred", "stable"):
        accept = functools.partial(_labellings_of, evaluation, Semantics(name))

        try:
            phases[name], (count, _, _) = median_time(accept, repeats)
            phases[name + "_labellings"] = count
        except Exception as error:  # the documented refusal beyond the search limit
            phases[name] = f"refused: {error}"
    return phases


def _labellings_of(evaluation: Any, semantics: Any) -> Any:
    from argmap.analysis.semantics import labellings

    found = labellings(evaluation, semantics)
    return found.count, found.credulous(), found.sceptical()


def rss_worker(path: Path) -> dict[str, Any]:
    """One `check` in a fresh process: its peak resident memory."""
    from argmap.config import Config
    from argmap.files import Limits
    from argmap.lint.runner import check_paths

    before = peak_rss_mb()
    check_paths([path], Config(limits=Limits(max_bytes=1 << 30)), cwd=path.parent)
    return {"peak_rss_mb": peak_rss_mb(), "baseline_rss_mb": before}


def peak_rss_mb() -> float:
    """This process's peak resident memory.

    Linux's `VmHWM` belongs to the process image; `ru_maxrss` would also
    count the parent's peak, which a child inherits across fork and exec.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_worker(kind: str, path: Path, *extra: str) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, str(path), *extra]
    completed = subprocess.run(command, capture_output=True, text=True, env=clean_env(), check=False)
    if completed.returncode != 0:
        raise SystemExit(f"worker {kind} {path} failed:\n{completed.stderr}")
    result: dict[str, Any] = json.loads(completed.stdout.splitlines()[-1])
    return result


# --- the sections ---------------------------------------------------------

_PHASES = (
    "read+parse",
    "schema",
    "model",
    "checks",
    "evaluation",
    "preferred",
    "stable",
    "grounding",
    "dot",
    "layout+svg",
)


def bench_sizes(
    sizes: list[int], work: Path, repeats_for: Callable[[int], int], layout_max: int
) -> dict[str, Any]:
    from generate import write_map

    print("== phases by size (median wall time) ==")
    table: dict[str, Any] = {}
    for size in sizes:
        path, generated = write_map(size, work)
        repeats = repeats_for(size)
        phases = run_worker("phases", path, str(repeats), "1" if size <= layout_max else "0")
        phases.update(run_worker("rss", path))
        phases["repeats"] = repeats
        table[str(size)] = phases
        print(
            f"\nN = {size:,} nodes ({generated.node_count:,} with ids, {generated.ref_count:,} refs, "
            f"{phases['bytes'] / 1e6:.1f} MB, {repeats} repeats)"
        )
        for phase in _PHASES:
            value = phases.get(phase)
            shown = fmt_seconds(value) if isinstance(value, float) else str(value)
            print(f"  {phase:<12} {shown}")
        if isinstance(phases.get("graphviz-alone"), float):
            line = f"  {'graphviz':<12} {fmt_seconds(phases['graphviz-alone'])} (pygraphviz on the same DOT)"
            if isinstance(phases.get("layout+svg"), float) and isinstance(phases.get("dot"), float):
                render = phases["dot"] + phases["layout+svg"]
                line += f"; render/graphviz = {render / phases['graphviz-alone']:.2f}x"
            print(line)
        rules = ", ".join(f"{code} {fmt_seconds(spent)}" for code, spent in phases["slowest_rules"])
        print(f"  slowest rules: {rules}")
        print(
            f"  check        {fmt_seconds(phases['check'])}   "
            f"(CPU {fmt_seconds(phases['check_cpu'])}; {phases['check_errors']} errors)"
        )
        print(f"  C floor      {fmt_seconds(phases['floor'])}   (yaml.load with CSafeLoader)")
        print(f"  C floor, GC off {fmt_seconds(phases['floor_nogc'])}")
        print(
            f"  C compose    {fmt_seconds(phases['compose_floor'])}   "
            "(yaml.compose: the parse alone, no Python values)"
        )
        print(
            f"  check/floor  {phases['ratio']:.2f}x   "
            f"(against the floor without GC: {phases['ratio_nogc']:.2f}x)"
        )
        print(
            f"  peak RSS     {phases['peak_rss_mb']:.0f} MB "
            f"(interpreter and imports: {phases['baseline_rss_mb']:.0f} MB)"
        )
    checks = {int(size): value["check"] for size, value in table.items()}
    cpu = {int(size): value["check_cpu"] for size, value in table.items()}
    if 10_000 in checks and 100_000 in checks:
        print(
            f"\ngrowth: check(100,000) / check(10,000) = {checks[100_000] / checks[10_000]:.1f}x wall, "
            f"{cpu[100_000] / cpu[10_000]:.1f}x CPU (target <= 12x)"
        )
    return table


def importtime_breakdown(command: list[str], cwd: Path, top: int = 12) -> list[tuple[str, int, int]]:
    """(module, self µs, cumulative µs) of the slowest imports of `command`."""
    completed = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_env(),
        check=False,
    )
    rows: list[tuple[str, int, int]] = []
    for line in completed.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line.removeprefix("import time:").split("|")
        rows.append((name.rstrip(), int(self_us), int(cumulative_us)))
    # Top-level imports (no indentation beyond one space) say where the time goes.
    top_level = [row for row in rows if not row[0].startswith("  ")]
    top_level.sort(key=lambda row: -row[2])
    return top_level[:top]


def alternating_runs(commands: dict[str, list[str]], runs: int, cwd: Path) -> dict[str, dict[str, float]]:
    """Median wall and CPU time (user + system of the child, from
    `resource.getrusage(RUSAGE_CHILDREN)`) of each command, the commands run
    in turn `runs` times (side by side, so that a change in the machine's
    load touches all of them alike)."""
    env = clean_env()
    for command in commands.values():  # warm the bytecode cache
        subprocess.run(command, capture_output=True, cwd=cwd, env=env, check=False)
    walls: dict[str, list[float]] = {label: [] for label in commands}
    cpus: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, cwd=cwd, env=env, check=False)
            walls[label].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[label].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return {
        label: {"wall": statistics.median(walls[label]), "cpu": statistics.median(cpus[label])}
        for label in commands
    }


def bench_cold(work: Path, runs: int) -> dict[str, Any]:
    import shutil

    from generate import write_map

    print("\n== cold start: `argmap` beside `python -c pass` and yamllint (fresh processes, side by side) ==")
    path, generated = write_map(50, work)
    library_script = work / "library_check.py"
    library_script.write_text(
        "import sys\nfrom pathlib import Path\nfrom argmap.lint.runner import check_paths\n"
        "from argmap.config import load_config\nfrom argmap.output.formats import format_problems\n"
        "path = Path(sys.argv[1])\nresult = check_paths([path], load_config(path))\n"
        "sys.stdout.write(format_problems(result.problems, 'text', files_checked=1))\n",
        encoding="utf-8",
    )
    python = sys.executable
    scripts = Path(python).parent
    argmap_script = shutil.which("argmap", path=str(scripts)) or ""
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "argmap check": [argmap_script, "check", path.name],
        "library only (no CLI)": [python, str(library_script), path.name],
        "argmap --version": [argmap_script, "--version"],
        "argmap --help": [argmap_script, "--help"],
    }
    yamllint = shutil.which("yamllint", path=str(scripts)) or shutil.which("yamllint")
    if yamllint:
        commands["yamllint (same map)"] = [yamllint, path.name]
        commands["yamllint --help"] = [yamllint, "--help"]
    figures: dict[str, Any] = alternating_runs(commands, runs, work)
    for label in commands:
        print(
            f"  {label:<28} CPU {fmt_seconds(figures[label]['cpu'])}   "
            f"wall {fmt_seconds(figures[label]['wall'])}"
        )
    if not yamllint:
        print("  yamllint: not installed (pip install yamllint beside argmap, for the bench only)")
    print(f"  (medians of {runs} alternating runs; {generated.node_count} nodes; bytecode cached)")

    def ratio(numerator: str, denominator: str, target: str) -> None:
        if numerator in figures and denominator in figures:
            value = figures[numerator]["cpu"] / figures[denominator]["cpu"]
            figures[f"{numerator} / {denominator}"] = value
            print(f"  {numerator} / {denominator}: {value:.2f}x CPU ({target})")

    ratio("argmap check", "yamllint (same map)", "target <= 0.7x")
    ratio("argmap --version", "python -c pass", "target <= 2x")
    ratio("argmap --help", "yamllint --help", "target <= 0.7x")
    breakdown = importtime_breakdown([python, argmap_script, "check", path.name], work)
    print("  slowest imports of `argmap check` (-X importtime, cumulative):")
    for name, self_us, cumulative_us in breakdown:
        print(f"    {name.strip():<36} {cumulative_us / 1000:7.1f} ms  (self {self_us / 1000:.1f} ms)")
    figures["importtime"] = breakdown
    return figures


def bench_render(work: Path, runs: int, nodes: int = 1_000, baseline: str | None = None) -> dict[str, Any]:
    """`argmap render -f svg` of one map in fresh processes, with `-d BT` (one
    layout) and with the automatic direction, beside the engine alone on the
    same DOT (`python -c` with pygraphviz); with `baseline` (another
    installation's `argmap` program), the same two renders by it, side by side."""
    import shutil

    from generate import write_map

    from argmap.config import Config
    from argmap.diagram.layout import plan_diagrams
    from argmap.lint.runner import check_paths

    print(f"\n== render -f svg of {nodes:,} nodes (fresh processes, side by side, CPU) ==")
    folder = work / "render"
    folder.mkdir(exist_ok=True)
    (folder / "argmap.toml").write_text("", encoding="utf-8")
    path, _ = write_map(nodes, folder)
    result = check_paths([path], Config(), cwd=folder)
    (argmap,) = result.workspace.requested
    problems = [problem for problem in result.problems if problem.file == argmap.file]
    context = result.run.context(argmap)
    planned = plan_diagrams(context, problems, _render_options())
    (bottom_up,) = plan_diagrams(context, problems, _render_options(), auto=False)
    # The engine alone: on the DOT `-d BT` draws, and on every diagram the automatic plan writes.
    engine_inputs = {"BT": [bottom_up.dot], "planned": [diagram.dot for diagram in planned]}
    python = sys.executable
    argmap_script = shutil.which("argmap", path=str(Path(python).parent)) or ""
    engine = (
        "import json, pygraphviz, sys\n"
        "for dot in json.load(open(sys.argv[1], encoding='utf-8')):\n"
        "    pygraphviz.AGraph(string=dot).draw(format='svg', prog='dot')\n"
    )
    render = [argmap_script, "render", path.name, "--force", "-f", "svg", "-o", "out"]
    commands: dict[str, list[str]] = {}
    for name, dots in engine_inputs.items():
        dots_file = folder / f"engine-{name}.json"
        dots_file.write_text(json.dumps(dots), encoding="utf-8")
        commands[f"engine alone ({name})"] = [python, "-c", engine, str(dots_file)]
    commands["render -d BT"] = [*render, "-d", "BT"]
    commands["render (automatic)"] = render
    if baseline is not None:
        at_baseline = [baseline, *render[1:]]
        commands["baseline: render -d BT"] = [*at_baseline, "-d", "BT"]
        commands["baseline: render (automatic)"] = at_baseline
    figures: dict[str, Any] = alternating_runs(commands, runs, folder)
    for label in commands:
        engine_label = "engine alone (BT)" if "-d BT" in label else "engine alone (planned)"
        cpu = figures[label]["cpu"]
        print(
            f"  {label:<30} CPU {fmt_seconds(cpu)} ({cpu / figures[engine_label]['cpu']:.2f}x "
            f"{engine_label})   wall {fmt_seconds(figures[label]['wall'])}"
        )
    figures["diagrams"] = len(planned)
    print(
        f"  (automatic: {len(planned)} diagram(s); medians of {runs} alternating runs; "
        "target <= 1.2x the layout)"
    )
    return figures


def _render_options() -> Any:
    from argmap.diagram.dot import RenderOptions

    return RenderOptions()


def bench_quotes(quotes: int) -> dict[str, Any]:
    print(f"\n== {quotes:,} quotes not found in a 5 MB source (bench/quotes_not_found.py, CPU time) ==")
    completed = subprocess.run(
        [sys.executable, str(BENCH / "quotes_not_found.py"), "--quotes", str(quotes), "--json"],
        capture_output=True,
        text=True,
        env=clean_env(),
        check=True,
    )
    figures: dict[str, Any] = json.loads(completed.stdout.splitlines()[-1])
    total = figures["index_cpu"] + figures["search_cpu"]
    print(
        f"  index {fmt_seconds(figures['index_cpu'])} + search {fmt_seconds(figures['search_cpu'])} "
        f"= {fmt_seconds(total)} CPU (target < 5 s); outcomes {figures['outcomes']}"
    )
    return figures


def bench_folder(work: Path, count: int, nodes: int, repeats: int, jobs: int) -> dict[str, Any]:
    from generate import write_folder

    print(f"\n== a folder of {count:,} maps of ~{nodes} nodes: one process vs. parallel ==")
    folder = work / f"folder-{count}-{nodes}"
    if not (folder / f"many-{count - 1:04d}.yaml").exists():
        write_folder(count, nodes, folder)
    result = run_worker("folder", folder, str(repeats), str(jobs))
    print(f"  single process   {fmt_seconds(result['single'])}   (CPU {fmt_seconds(result['single_cpu'])})")
    if "parallel" in result:
        print(
            f"  parallel (-j {result['jobs']})   {fmt_seconds(result['parallel'])}   "
            f"speed-up {result['single'] / result['parallel']:.2f}x; same output: {result['same_output']}"
        )
    else:
        print(f"  parallel         {NOT_PRESENT} (argmap.lint.parallel)")
    print(f"  problems: {result['problems']} ({result['errors']} errors)")
    return result


def bench_lsp(work: Path, repeats: int, nodes: int = 100) -> dict[str, Any]:
    """The language server's work after the debounce: check an edited, unsaved
    100-node map from its buffer (the target is 100 ms)."""
    from generate import write_map

    print(f"\n== language server: diagnostics after an edit of a {nodes}-node map (target <= 100 ms) ==")
    if not module_present("pygls"):
        print(f"  {NOT_PRESENT} (pip install 'argmap[lsp]')")
        return {}
    from argmap.lsp.analysis import check, problems_by_file

    path, _ = write_map(nodes, work / f"lsp-{nodes}")
    text = path.read_text(encoding="utf-8")
    edits = iter(range(10**6))

    def after_an_edit() -> Any:
        # Each run sees a different buffer, as typing gives.
        edited = text + f"# edit {next(edits)}\n"
        return problems_by_file(check(path, edited))

    check(path, text)  # the imports and the scheme catalogue, loaded once per server
    seconds, found = median_time(after_an_edit, repeats)
    print(
        f"  check of the buffer   {fmt_seconds(seconds)}   ({sum(len(v) for v in found.values())} problems)"
    )
    return {"nodes": nodes, "diagnostics": seconds}


def folder_worker(folder: Path, repeats: int, jobs: int) -> dict[str, Any]:
    from argmap.config import Config
    from argmap.lint.runner import check_paths

    config = Config()
    figures: dict[str, Any] = {}
    figures["single"], figures["single_cpu"], single = median_wall_and_cpu(
        lambda: check_paths([folder], config, cwd=folder), repeats
    )
    figures["problems"] = len(single.problems)
    figures["errors"] = single.error_count
    if module_present("argmap.lint.parallel"):
        from argmap.lint.parallel import check_paths_parallel

        figures["parallel"], parallel = median_time(
            lambda: check_paths_parallel([folder], config, jobs=jobs, cwd=folder), repeats
        )
        figures["jobs"] = jobs
        figures["same_output"] = (
            parallel.problems == single.problems and parallel.workspace.files == single.workspace.files
        )
    return figures


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", help="comma-separated node counts (default 100,1000,10000,100000; --quick: up to 10000)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer repeats and sizes: a minute instead of several"
    )
    parser.add_argument(
        "--only",
        choices=("sizes", "cold", "folder", "quotes", "lsp", "render"),
        action="append",
        help="run only these sections",
    )
    parser.add_argument(
        "--layout-max", type=int, default=DEFAULT_LAYOUT_MAX, help="lay out maps up to this many nodes"
    )
    parser.add_argument("--folder-count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--work", type=Path, help="where to write the generated maps (default: a temporary folder)"
    )
    parser.add_argument(
        "--baseline", help="another installation's `argmap` program to render with, side by side"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--compare", type=Path, help="a --json file of an earlier run: print what changed since"
    )
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        kind, path, *extra = args.worker
        if kind == "phases":
            result = phases_worker(Path(path), int(extra[0]), extra[1] == "1")
        elif kind == "rss":
            result = rss_worker(Path(path))
        else:
            result = folder_worker(Path(path), int(extra[0]), int(extra[1]))
        print(json.dumps(result))
        return 0

    if args.sizes:
        sizes = [int(part.replace("_", "").replace(",", "")) for part in args.sizes.split(",") if part]
    else:
        sizes = [size for size in DEFAULT_SIZES if not args.quick or size <= 10_000]

    def repeats_for(size: int) -> int:
        if args.quick:
            return 3 if size <= 10_000 else 1
        # 100,000 nodes: one run (each check takes minutes while Q501 is quadratic).
        return 7 if size <= 1_000 else 5 if size <= 10_000 else 1

    sections = args.only or ["sizes", "cold", "quotes", "folder", "render", "lsp"]
    info = machine()
    print(f"machine: {info['nproc']} cores, {info['cpu']}, Python {info['python']}, {info['platform']}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    info["load_at_start"] = f"{load:.2f}"
    if load > 0.5:
        print(
            f"note: load average {load:.2f} at start: other programs share the cores; "
            "CPU times are steadier than wall times"
        )
    figures: dict[str, Any] = {"machine": info}
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        if "sizes" in sections:
            figures["sizes"] = bench_sizes(sizes, work, repeats_for, args.layout_max)
        if "cold" in sections:
            figures["cold"] = bench_cold(work, 5 if args.quick else 15)
        if "quotes" in sections:
            figures["quotes"] = bench_quotes(300 if args.quick else 3_000)
        if "folder" in sections:
            figures["folder"] = bench_folder(work, args.folder_count, 30, 1 if args.quick else 3, args.jobs)
        if "render" in sections:
            figures["render"] = bench_render(work, 3 if args.quick else 5, baseline=args.baseline)
        if "lsp" in sections:
            figures["lsp"] = bench_lsp(work, 5 if args.quick else 15)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.compare:
        print_changes(json.loads(args.compare.read_text(encoding="utf-8")), figures)
    return 0


def print_changes(before: dict[str, Any], after: dict[str, Any]) -> None:
    """The figures of two runs side by side: what changed since the last one."""
    print("\n== what changed since the run in the --compare file ==")
    for size, now in after.get("sizes", {}).items():
        then = before.get("sizes", {}).get(size)
        if not then:
            continue
        for key in (
            "read+parse",
            "schema",
            "model",
            "checks",
            "evaluation",
            "grounding",
            "dot",
            "check",
            "peak_rss_mb",
        ):
            old, new = then.get(key), now.get(key)
            if isinstance(old, float) and isinstance(new, float) and old > 0:
                unit = " MB" if key == "peak_rss_mb" else ""
                shown_old = f"{old:.0f}{unit}" if unit else fmt_seconds(old)
                shown_new = f"{new:.0f}{unit}" if unit else fmt_seconds(new)
                print(f"  N={int(size):>7,} {key:<11} {shown_old:>10} -> {shown_new:>10}  ({new / old:.2f}x)")
    cold_before, cold_after = before.get("cold", {}), after.get("cold", {})
    for label in ("argmap check", "library only (no CLI)", "argmap --version", "argmap --help"):
        old, new = cold_before.get(label), cold_after.get(label)
        if isinstance(old, dict) and isinstance(new, dict):
            print(f"  cold {label:<24} CPU {fmt_seconds(old['cpu'])} -> {fmt_seconds(new['cpu'])}")


if __name__ == "__main__":
    sys.exit(main())
