"""Analysis: the evaluation, graph algorithms, argumentation schemes and content words."""
