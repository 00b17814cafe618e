"""Scheduled work: the morning digests and the jobs features declare (jobs), and the clock
that runs them (ticker)."""
