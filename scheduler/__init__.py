"""Scheduled work: the morning digests (jobs) and the clock that runs them (ticker)."""
