"""org-graph: a knowledge graph of Vietnamese officials and institutions from news bulletins."""
from .extract import extract
from .model import Article, Extraction

__all__ = ["Article", "Extraction", "extract"]
__version__ = "0.1.0"
