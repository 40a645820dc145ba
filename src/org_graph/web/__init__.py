"""``org-graph serve``: the web viewer (search, a person's timeline with its sources, bodies, posts,
events, documents, a graph view) and a read-only SPARQL 1.1 Protocol endpoint. See docs/viewer.md."""
from .app import ServeConfig, create_app

__all__ = ["ServeConfig", "create_app"]
