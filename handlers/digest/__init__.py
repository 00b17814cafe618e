"""The morning digest the scheduler posts, composed from the sections features export. This
module is its public face (the scheduler imports `render_digest` from here); it registers no
listeners (the buttons belong to the features)."""

from handlers.digest.render import render_digest

__all__ = ["render_digest"]
