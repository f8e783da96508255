"""Which Python files outside ``geo/lang/`` hold language knowledge: a language code or a word list.

A file is counted when its code (docstrings and comments left out) has

- a string literal that is exactly a language code of a registered language pack (``"ar"``, ``"en"``), or
- a string literal holding Arabic letters (not punctuation or digits alone, not a regular expression's
  character class: those are the script's, not a language's), or
- a collection literal (tuple, list, set, dict keys) of single lower-case words, two or more of them
  English grammar words (function words, discourse words, reporting verbs, place cues: the words
  of the English lexicon files), which tells a word list from a list of field names.

Run::

    python tools/language_audit.py [--verbose] [ROOT ...]     # default: geo gazetteer maps

It prints one line per counted file (with ``--verbose`` also the lines that made it count) and the total.
"""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

_ARABIC = re.compile("[\u0600-\u06ff]")
_WORD = re.compile(r"[a-z]+")
ROOT = Path(__file__).resolve().parents[1]


#: Lexicon files and the column holding the words as written (the other columns hold kinds and values).
_FORM_COLUMNS = {"discourse.tsv": 1, "verbs.tsv": 0, "places.tsv": 0, "words.tsv": 1, "language_words.tsv": 1}
#: Tables whose columns after the first hold only kind and value names (never grammar words).
_NAME_TABLES = ("quantity_items.tsv", "quantity_actions.tsv", "quantity_qualifiers.tsv", "numbers.tsv", "dates.tsv")
_LETTER = re.compile(r"[^\W\d_]")
_REGEX = re.compile(r"\\[dwsu]|\[.*\]")  # a character class or escape: a pattern, not a word


def _english_words() -> set[str]:
    """English grammar words of the lexicon files (function words, discourse words, reporting verbs,
    place cues), less every word that also serves as a kind or value name in those files."""
    forms: set[str] = set()
    names: set[str] = set()
    for base in (ROOT / "geo/lang/en", ROOT / "geo/lang", ROOT / "geo/data/en", ROOT / "geo/data"):
        for name, column in _FORM_COLUMNS.items():
            path = base / name
            if not path.exists():
                continue
            for line in path.read_text("utf-8").splitlines():
                cells = line.split("\t")
                if line.startswith("#") or len(cells) <= column:
                    continue
                if name == "language_words.tsv" and cells[0] != "en":
                    continue
                forms.update(w.lower() for w in re.findall(r"[A-Za-z]+", cells[column]))
                for k, cell in enumerate(cells):
                    if k != column:
                        names.update(w.lower() for w in re.findall(r"[A-Za-z]+", cell))
        for name in _NAME_TABLES:
            path = base / name
            for line in path.read_text("utf-8").splitlines() if path.exists() else ():
                if not line.startswith("#"):
                    for cell in line.split("\t")[1:]:
                        names.update(w.lower() for w in re.findall(r"[A-Za-z]+", cell))
    return forms - names


def _codes() -> set[str]:
    for base in (ROOT / "geo/lang", ROOT / "geo/data"):
        if base.is_dir():
            return {p.name for p in base.iterdir() if p.is_dir() and len(p.name) in (2, 3) and p.name.isalpha()}
    return set()


def _docstrings(tree: ast.AST) -> set[int]:
    """Docstrings and ``Literal[...]`` members (type annotations naming values, not words)."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and getattr(node.value, "id", None) == "Literal":
            ids.update(id(n) for n in ast.walk(node.slice))
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def audit(path: Path, codes: set[str], english: set[str]) -> list[tuple[int, str]]:
    """(line, reason) of every piece of language knowledge in one file."""
    tree = ast.parse(path.read_text("utf-8"))
    skip = _docstrings(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if node.value in codes:
                found.append((node.lineno, f"language code {node.value!r}"))
            elif _ARABIC.search(node.value) and _LETTER.search(node.value) and not _REGEX.search(node.value):
                found.append((node.lineno, f"Arabic word {node.value!r}"))
        elif isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            words = [
                e.value
                for e in items
                if isinstance(e, ast.Constant) and isinstance(e.value, str) and _WORD.fullmatch(e.value)
            ]
            hits = [w for w in words if w in english and len(w) > 1]
            if len(hits) >= 2:
                found.append((node.lineno, f"English words {hits[:5]}"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("roots", nargs="*", default=["geo", "gazetteer", "maps"])
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    codes, english = _codes(), _english_words()
    total = 0
    for root in args.roots:
        for path in sorted((ROOT / root).rglob("*.py")):
            rel = path.relative_to(ROOT)
            if rel.parts[:2] == ("geo", "lang"):
                continue
            found = audit(path, codes, english)
            if found:
                total += 1
                print(f"{rel}: {len(found)}")
                if args.verbose:
                    for line, reason in found:
                        print(f"    {line}: {reason}")
    print(f"{total} file(s) outside geo/lang/ hold language codes or word lists (codes: {sorted(codes)})")


if __name__ == "__main__":
    main()
