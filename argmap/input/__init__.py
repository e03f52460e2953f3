"""Input: read map files with positions, validate them against the schema, build the model."""
