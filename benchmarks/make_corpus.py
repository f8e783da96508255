"""A synthetic news corpus for the batch benchmark, made from the dev and seed articles.

Each record is one of the 13 real articles (``../shared/eval/dev*``, the seed), varied so that no
two are the same article: another outlet, a publication date shifted by days, the body's sentences
in another order (the first kept), and the numbers changed. Content keys therefore all differ, and
de-duplication merges only what really agrees (same claimant, event, place and date).

Run::

    python benchmarks/make_corpus.py OUT_DIR [--n 20000] [--per-file 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?![\d.,])")


def base_articles() -> list:
    from geo.readers import read_articles

    paths = sorted(EVAL.glob("dev*/*.txt")) + [ROOT / "seeds" / "karabakh-2020-10-20.ar.txt"]
    return [read_articles(p).articles[0] for p in paths]


def variant(article, i: int, rng: random.Random) -> dict:
    from geo.nlp.tokens import sentence_spans

    body = article.body
    spans = sentence_spans(body)
    sentences = [body[a:b] for a, b in spans]
    head, rest = sentences[:1], sentences[1:]
    rng.shuffle(rest)
    shift = rng.randint(1, 9)
    text = "\n".join(_NUMBER.sub(lambda m: str(int(m.group()) + shift), s) for s in head + rest)
    published = (article.published or dt.date(2020, 10, 20)) + dt.timedelta(days=rng.randint(0, 60))
    return {
        "id": f"syn-{i:06d}",
        "title": article.title,
        "text": text,
        "published": published.isoformat(),
        "outlet": f"Outlet {rng.randint(1, 150)}",
        "url": f"https://news.example/{i}",
        "language": article.language,
    }


def make(out: Path, n: int, per_file: int, seed: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    bases = base_articles()
    rng = random.Random(seed)
    written = 0
    for k in range(0, n, per_file):
        with open(out / f"corpus-{k // per_file:04d}.jsonl", "w", encoding="utf-8") as fh:
            for i in range(k, min(n, k + per_file)):
                fh.write(json.dumps(variant(bases[i % len(bases)], i, rng), ensure_ascii=False) + "\n")
                written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--per-file", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"wrote {make(args.out, args.n, args.per_file, args.seed)} articles to {args.out}")


if __name__ == "__main__":
    main()
