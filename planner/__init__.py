"""Support Planner: a guided planner for a disabled child's or young person's personal budget."""

__version__ = "0.1.0"
