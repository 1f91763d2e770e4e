"""Fixtures of the synth tests."""
