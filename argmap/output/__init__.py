"""Output: problem formats, the export, and text views of a checked map."""
