#!/usr/bin/env python3
"""The SQLite FTS5 peer of `scripts/bench index|query`, timed in one process.

usage: bench_fts5.py index DUMP DB      build DB (deleted first) from DUMP
       bench_fts5.py query DB QUERIES   run every query warm, top 10 with a snippet

DUMP: records "id 0x1F title 0x1F text 0x1E" (ingest_bench --dump).  Table:
fts5(id UNINDEXED, title, body, tokenize 'unicode61 remove_diacritics 2'),
no Arabic analysis beyond case folding and diacritic removal.  Queries:
the words OR-ed (a "quoted phrase" stays a phrase), ranked by bm25(), the
top 10 with snippet() of the body (what a result page shows).
Prints "articles N seconds S" or "queries N p50 X p95 Y p99 Z" (ms).
"""
import os
import re
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_queries import split_query  # noqa: E402


def records(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for rec in f.read().split("\x1e"):
            parts = rec.split("\x1f")
            if len(parts) == 3:
                yield parts


def index(dump, db):
    if os.path.exists(db):
        os.remove(db)
    t0 = time.monotonic()
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, title, body, "
                "tokenize = 'unicode61 remove_diacritics 2')")
    n = 0
    batch = []
    for r in records(dump):
        batch.append(r)
        n += 1
        if len(batch) == 1000:
            con.executemany("INSERT INTO a VALUES (?, ?, ?)", batch)
            batch = []
    con.executemany("INSERT INTO a VALUES (?, ?, ?)", batch)
    con.commit()
    con.close()
    print(f"articles {n} seconds {time.monotonic() - t0:.2f}")


def fts_query(q):
    """OR of the words; a quoted phrase stays one phrase."""
    return " OR ".join('"' + " ".join(p) + '"' for p in split_query(q))


def pct(v, p):
    v = sorted(v)
    return v[int(p * (len(v) - 1) + 0.5)]


def query(db, queries):
    con = sqlite3.connect(db)
    qs = [l.rstrip("\n").split("\t")[-1] for l in open(queries, encoding="utf-8") if l.strip()]
    ms = []
    for q in qs:
        fq = fts_query(q)
        t0 = time.monotonic()
        if fq:
            con.execute("SELECT id, title, snippet(a, 2, '[', ']', '…', 30) FROM a WHERE a MATCH ? "
                        "ORDER BY bm25(a) LIMIT 10", (fq,)).fetchall()
        ms.append((time.monotonic() - t0) * 1000)
    print(f"queries {len(ms)} p50 {pct(ms, .5):.3f} p95 {pct(ms, .95):.3f} p99 {pct(ms, .99):.3f}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "index":
        index(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "query":
        query(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
