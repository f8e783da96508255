"""Corpus scale: many articles to one claims table, in parallel, resumable and loss-free.

>>> report = run_batch(["corpus/"], "claims.parquet", workers=2)  # doctest: +SKIP
>>> report.extracted, report.claims, round(report.rate)  # doctest: +SKIP
(20000, 61234, 210)
"""

from .engines import ENGINES, DaskEngine, Engine, ProcessEngine, SerialEngine, make_engine
from .inputs import article_hash, discover
from .merge import OUTPUT_FORMATS, to_frame
from .runner import BatchError, BatchReport, run_batch
from .store import PartitionStore

__all__ = [
    "run_batch",
    "BatchReport",
    "BatchError",
    "Engine",
    "SerialEngine",
    "ProcessEngine",
    "DaskEngine",
    "make_engine",
    "ENGINES",
    "PartitionStore",
    "OUTPUT_FORMATS",
    "article_hash",
    "discover",
    "to_frame",
]
