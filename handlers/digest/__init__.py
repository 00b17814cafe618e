"""The morning digest the scheduler posts, laid out from the parts features declare
(`Feature.digest_parts`). This module is its public face (the scheduler reads a batch with
`read_digests` and posts `render_digest`); it registers no listeners (the buttons belong to
the features)."""

from handlers.common.digest_parts import Digest, DigestBatch, read_digests
from handlers.digest.render import render_digest

__all__ = ["Digest", "DigestBatch", "read_digests", "render_digest"]
