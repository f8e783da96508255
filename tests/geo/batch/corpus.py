"""Small corpora for the batch tests: the seed article as JSON-lines records, varied so each
record is a different article (another outlet or date) yet says the same things."""

from __future__ import annotations

import json
from pathlib import Path

from ...texts import SEED_DIR

SEED = SEED_DIR / "karabakh-2020-10-20.ar.txt"


def seed_record(n: int, *, outlet: str | None = None, published: str = "2020-10-20") -> dict:
    title, body = SEED.read_text("utf-8").split("\n", 1)
    return {
        "id": f"seed-{n:03d}",
        "title": title,
        "text": body,
        "published": published,
        "outlet": outlet or f"Outlet {n}",
        "language": "ar",
    }


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def corpus(folder: Path, n: int, *, per_file: int = 5) -> Path:
    """``n`` seed variants (one outlet each) in JSONL files of ``per_file`` records under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    records = [seed_record(i) for i in range(n)]
    for k in range(0, n, per_file):
        write_jsonl(folder / f"part{k // per_file:02d}.jsonl", records[k : k + per_file])
    return folder
