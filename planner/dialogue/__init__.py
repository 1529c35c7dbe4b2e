"""The dialogue core: flows as data, compiled into a state machine, driven by a Conversation."""
