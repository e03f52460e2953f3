"""The self-contained HTML report: a map beside its source, in the browser."""
