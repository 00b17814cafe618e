"""Test support: Slack request signing and payloads, a real PostgreSQL, a network guard."""
