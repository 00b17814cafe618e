"""Test support: the Slack-faithful app harness, a real PostgreSQL, a network guard, records."""
