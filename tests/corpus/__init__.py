"""Phrase corpora: what staff type, and what each phrase must be read as."""
