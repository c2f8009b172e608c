#!/usr/bin/env python3
"""Conflation quality of a fahras stemmer against reference stemmers.

Usage: conflation.py FAHRAS_BIN STEMMER TSV [TSV...]

Each TSV has a header "word<TAB>col1<TAB>col2..." (shared/anchors/
news_top5000_stems.tsv, golden_corpus_arabic.tsv).  For every reference
column it prints:
  exact   share of words whose fahras stem equals the reference stem, both
          passed through fahras's normalization (so ة/ه, hamza and ى/ي
          spelling differences do not count as disagreement);
  pairs P/R/F  the reference's conflation classes compared with ours: of the
          word pairs we give the same stem, the share the reference also
          conflates (precision), and of the pairs the reference conflates,
          the share we do (recall).
"""
import subprocess
import sys
from collections import Counter, defaultdict


def analyze(binary, stemmer, words):
    """normalized form and stem of each word (one word per input line)."""
    out = subprocess.run([binary, "analyze", "--stemmer", stemmer], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True).stdout.splitlines()
    # one output line per token; map by original word, keeping the first token
    res, i = [], 0
    lines = [l.split("\t") for l in out]
    # re-run word by word only when a word gives not exactly one token
    by_word = {}
    for w in words:
        by_word.setdefault(w, None)
    j = 0
    for w in words:
        if j < len(lines) and lines[j][0] == w:
            res.append((lines[j][1], lines[j][2]))
            j += 1
        else:
            # the word split into several tokens (or none): analyze it alone
            o = subprocess.run([binary, "analyze", "--stemmer", stemmer, w], capture_output=True,
                               text=True).stdout.splitlines()
            toks = [l.split("\t") for l in o]
            res.append(("".join(t[1] for t in toks), "".join(t[2] for t in toks)))
            while j < len(lines) and lines[j][0] != (words[len(res)] if len(res) < len(words) else None):
                j += 1
    return res


def pairs(classes):
    return sum(n * (n - 1) // 2 for n in Counter(classes).values())


def main():
    binary, stemmer = sys.argv[1], sys.argv[2]
    print("reference\twords\texact\tpair_precision\tpair_recall\tpair_F1")
    for path in sys.argv[3:]:
        rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8")]
        header, rows = rows[0], [r for r in rows[1:] if r and r[0]]
        words = [r[0] for r in rows]
        ours = [s for _, s in analyze(binary, stemmer, words)]
        for c in range(1, len(header)):
            refs_raw = [r[c] if c < len(r) else "" for r in rows]
            refs = [n for n, _ in analyze(binary, "none", [x if x else "-" for x in refs_raw])]
            ok = [i for i in range(len(words)) if refs_raw[i]]
            exact = sum(1 for i in ok if refs[i] == ours[i]) / max(1, len(ok))
            both = pairs([(refs[i], ours[i]) for i in ok])
            po = pairs([ours[i] for i in ok])
            pr = pairs([refs[i] for i in ok])
            p = both / po if po else 0.0
            r = both / pr if pr else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            name = path.rsplit("/", 1)[-1].replace(".tsv", "") + ":" + header[c]
            print("%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f" % (name, len(ok), exact, p, r, f))


if __name__ == "__main__":
    main()
