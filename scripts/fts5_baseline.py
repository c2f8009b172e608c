#!/usr/bin/env python3
"""The SQLite FTS5 baseline of the evaluation (shared/eval/README.md): every
article of ant-multisource (title, abstract and text in one column) in an FTS5 table with the
`unicode61 remove_diacritics 2` tokenizer, each topic's query as typed with OR
semantics, ranked by FTS5's bm25(), top 100.

usage: fts5_baseline.py CORPUS_DIR TOPICS_TSV DB_PATH RUN_OUT

The database is built once (kept at DB_PATH; delete it to rebuild); the run
file gets "topic<TAB>DOCNO" lines, best first.  Python's sqlite3 module (with
Debian's libsqlite3, FTS5 built in) is the peer: no Arabic analysis beyond
Unicode case folding and diacritic removal.
"""
import os
import re
import sqlite3
import sys

corpus, topics, dbpath, runout = sys.argv[1:5]
TAG = {k: re.compile(rf"<{k}>(.*?)</{k}>", re.S) for k in ("DOCNO", "TITLE", "ABSTRACT", "TEXT")}


def field(t, k):
    m = TAG[k].search(t)
    return m.group(1).strip() if m else ""


if not os.path.exists(dbpath):
    con = sqlite3.connect(dbpath + ".tmp")
    con.execute("CREATE VIRTUAL TABLE a USING fts5(docno UNINDEXED, body, "
                "tokenize = 'unicode61 remove_diacritics 2')")
    rows = []
    for root, _, files in os.walk(corpus):
        for f in sorted(files):
            if not f.endswith(".txt"):
                continue
            t = open(os.path.join(root, f), encoding="utf-8", errors="replace").read()
            docno = field(t, "DOCNO")
            if docno:
                rows.append((docno, field(t, "TITLE") + "\n" + field(t, "ABSTRACT") + "\n" + field(t, "TEXT")))
    con.executemany("INSERT INTO a VALUES (?, ?)", rows)
    con.commit()
    con.close()
    os.rename(dbpath + ".tmp", dbpath)

con = sqlite3.connect(dbpath)
with open(runout, "w", encoding="utf-8") as out:
    for line in open(topics, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2:
            continue
        words = [w for w in re.split(r"[\s\"'«»،؛؟.,:()\-]+", parts[1]) if w]
        if not words:
            continue
        q = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        for (docno,) in con.execute("SELECT docno FROM a WHERE a MATCH ? ORDER BY bm25(a) LIMIT 100", (q,)):
            out.write(f"{parts[0]}\t{docno}\n")
