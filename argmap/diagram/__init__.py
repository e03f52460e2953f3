"""Diagrams: DOT built from a checked map, and drawing it with the bundled Graphviz."""
