"""Saving and resuming plans on this computer."""
