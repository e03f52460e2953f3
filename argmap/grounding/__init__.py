"""Grounding: source documents, finding quotes in them, and coverage."""
