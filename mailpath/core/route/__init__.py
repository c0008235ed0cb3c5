"""The delivery route as a networkx graph, its layout and its labels (template keys and
parameters), built from a `Result` and the receiver model's paths."""
