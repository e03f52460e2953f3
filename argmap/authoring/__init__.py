"""Authoring: fmt, new and watch, the author's everyday commands."""
