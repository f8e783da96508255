"""Regenerate ``geo/lang/LANG/frequent_words.tsv`` from the ``wordfreq`` package (not a runtime need).

The extractor must not read an everyday word as a village that happens to share its spelling
(التحالف "the coalition" is also a hamlet in Yemen). Word frequencies tell everyday words apart;
this script writes each language's frequent words with their Zipf frequency, folded as the
extractor folds text. Source: wordfreq (https://github.com/rspeer/wordfreq), whose word lists are
licensed CC-BY-SA 4.0; the generated files carry that licence (see the README).

    pip install wordfreq && python tools/make_frequent_words.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: language -> lowest Zipf frequency kept (about the 30,000 most frequent words of each)
LANGUAGES = {"ar": 3.0, "en": 3.3}


def main() -> None:
    from wordfreq import iter_wordlist, zipf_frequency

    from gazetteer import fold

    for lang, floor in LANGUAGES.items():
        best: dict[str, float] = {}
        for word in iter_wordlist(lang, wordlist="best"):
            z = zipf_frequency(word, lang, wordlist="best")
            if z < floor:
                break
            norm = fold(word)
            if norm and not any(ch.isdigit() for ch in norm) and " " not in norm:
                best[norm] = max(best.get(norm, 0.0), z)
        path = ROOT / "geo" / "lang" / lang / "frequent_words.tsv"
        lines = [
            "# Frequent words with their Zipf frequency (log10 of occurrences per billion words), folded.",
            "# From wordfreq (https://github.com/rspeer/wordfreq), CC-BY-SA 4.0; made by tools/make_frequent_words.py.",
        ]
        lines += [f"{w}\t{z:.2f}" for w, z in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))]
        path.write_text("\n".join(lines) + "\n", "utf-8")
        print(f"{lang}: {len(best)} words -> {path}")


if __name__ == "__main__":
    main()
