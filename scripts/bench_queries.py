#!/usr/bin/env python3
"""The query set of `scripts/bench query`: one "kind<TAB>query" per line.

Usage: bench_queries.py TOPICS.tsv GAZETTEER_DIR DUMP OUT

Kinds (210 queries, deterministic: picks are ordered by a hash, not random):
  topic    the 20 evaluation topics' queries (../shared/eval/topics.tsv)
  leader   60 leaders' Arabic names (gazetteers/leaders.tsv ar=)
  country  50 countries' Arabic names (gazetteers/countries.tsv ar=)
  phrase2  40 two-to-four-word topic phrases (gazetteers/topics.tsv strong=)
  quoted   20 of those as "quoted phrases"
  rare     20 words that occur in 2 or 3 articles of the benchmark corpus (DUMP)
"""
import hashlib
import re
import sys


def split_query(q):
    """A query's parts for the peers' own syntaxes: each "quoted phrase" as its
    list of words, each other word alone (punctuation split off)."""
    parts = []
    for m in re.finditer(r'"([^"]*)"|(\S+)', q):
        if m.group(1) is not None:
            words = [w for w in re.split(r"[^\w]+", m.group(1)) if w]
            if words:
                parts.append(words)
        else:
            parts += [[w] for w in re.split(r"[^\w]+", m.group(2)) if w]
    return parts


def order(items):
    """Deterministic shuffle: sort by the MD5 of each item."""
    return sorted(set(items), key=lambda s: hashlib.md5(s.encode()).hexdigest())


def gaz_values(path, field):
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        for col in line.rstrip("\n").split("\t")[2:]:
            if col.startswith(field + "="):
                out.extend(v for v in col[len(field) + 1:].split("|") if v)
    return out


def main():
    topics, gaz, dump, out = sys.argv[1:5]
    rows = []
    for line in open(topics, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 2:
            rows.append(("topic", parts[1]))
    leaders = [v for v in gaz_values(f"{gaz}/leaders.tsv", "ar") if " " in v]
    rows += [("leader", v) for v in order(leaders)[:60]]
    rows += [("country", v) for v in order(gaz_values(f"{gaz}/countries.tsv", "ar"))[:50]]
    phrases = [v for v in gaz_values(f"{gaz}/topics.tsv", "strong") if 2 <= len(v.split()) <= 4]
    picked = order(phrases)[:60]
    rows += [("phrase2", v) for v in picked[:40]]
    rows += [("quoted", f'"{v}"') for v in picked[40:60]]
    # rare words: Arabic words of 5+ letters in exactly 2 or 3 articles
    df = {}
    with open(dump, encoding="utf-8", errors="replace") as f:
        for rec in f.read().split("\x1e"):
            for w in set(re.findall(r"[\u0621-\u064a]{5,}", rec)):
                df[w] = df.get(w, 0) + 1
    rare = [w for w, n in df.items() if n in (2, 3)]
    rows += [("rare", w) for w in order(rare)[:20]]
    with open(out, "w", encoding="utf-8") as f:
        for kind, q in rows:
            f.write(f"{kind}\t{q}\n")
    print(f"{len(rows)} queries -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
