"""No input ends in an uncaught exception: arbitrary text, arbitrary YAML,
and map-shaped documents with arbitrary values."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.cli import app
from argmap.config import Config
from argmap.lint.runner import check_paths

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(
                st.text(max_size=8),
                st.sampled_from(
                    [
                        "id",
                        "text",
                        "quote",
                        "implicit",
                        "ref",
                        "because",
                        "premises",
                        "counterexamples",
                        "argmap",
                        "conclusions",
                        "expect",
                        "ignore",
                    ]
                ),
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=25,
)


def run_check(folder: Path, content: str | bytes) -> None:
    path = folder / "fuzz.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(content)
    result = check_paths([path], Config(), cwd=folder)
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message


@SETTINGS
@given(text=st.text(max_size=300))
def test_arbitrary_text(tmp_path: Path, text: str) -> None:
    run_check(tmp_path, text.encode("utf-8", errors="surrogatepass"))


@SETTINGS
@given(data=st.binary(max_size=200))
def test_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    run_check(tmp_path, data)


@SETTINGS
@given(document=yaml_values)
def test_arbitrary_yaml_documents(tmp_path: Path, document: object) -> None:
    run_check(tmp_path, yaml.safe_dump(document, allow_unicode=True))


@SETTINGS
@given(
    conclusions=yaml_values,
    extra=st.dictionaries(
        st.sampled_from(["source", "expect", "ignore", "note", "tags"]), yaml_values, max_size=3
    ),
)
def test_map_shaped_documents(tmp_path: Path, conclusions: object, extra: dict[str, object]) -> None:
    document = {"argmap": 1, "id": "fuzz", "title": "Fuzz", "conclusions": conclusions, **extra}
    run_check(tmp_path, yaml.safe_dump(document, allow_unicode=True))


runner = CliRunner()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=yaml_values)
def test_cli_exit_codes_only(tmp_path: Path, document: object) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text("argmap: 1\n" + yaml.safe_dump({"doc": document}, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
