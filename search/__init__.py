"""nato-brief's headless core: ingestion, the Whoosh index, entities, briefings, quotes.

Nothing in this package imports Textual; ``tui`` renders what it returns.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
