"""The domain: the plan, its rules and its money."""
