"""Table models over plain row lists: filter and sort in Python, then reset (no proxy models)."""
