#!/usr/bin/env python3
"""`scripts/bench index|query|all`: fahras against the peers a user would pick
instead, the same articles and queries, in one run.

usage: bench_peers.py MODE RUNS SMALL SHARED   (called by scripts/bench)

Systems:
  fahras            `fahras index` over the corpus directories (it reads, decodes
                    and parses the files itself), `search --batch` for latency
  Xapian defaults   bench/xapian_defaults.cc: TermGenerator + Stem("arabic"),
                    positions, default flush; QueryParser (STEM_SOME, OR)
  SQLite FTS5       scripts/bench_fts5.py: unicode61 remove_diacritics 2, bm25,
                    snippet(); Python's sqlite3 (Debian libsqlite3)
  PostgreSQL 15     scripts/bench_pg.py: to_tsvector('arabic'), GIN, ts_rank,
                    ts_headline, a private server on 127.0.0.1 (as postgres)
The peers read the articles fahras extracted (build/bench-data/*.dump, made
by `ingest_bench --dump`): title + lead + body, the same 62,5xx articles.

Figures per system: index wall time, articles/s, MB/s of text, peak RSS,
index size / text size (fahras also after xapian-compact); query latency
p50/p95/p99 over the 210 queries of scripts/bench_queries.py, warm, top 10
with snippets or stored text, one process per system; fahras also one
process per query.  Medians over RUNS alternating runs; ratios to fahras.
The table is printed and written to build/bench-data/peers-DATE.md.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "build", "bench-data")
FAHRAS = os.path.join(ROOT, "build", "fahras")
XAPD = os.path.join(ROOT, "build", "bench", "xapian_defaults")
INGEST = os.path.join(ROOT, "build", "bench", "ingest_bench")


def sh(args, **kw):
    return subprocess.run(args, check=True, **kw)


def timed(args, ok=(0,), stdout=subprocess.PIPE):
    """Run args under /usr/bin/time: (wall seconds, peak RSS MB, stdout, stderr)."""
    tf = os.path.join(DATA, "time.out")
    r = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", tf] + args, stdout=stdout, stderr=subprocess.PIPE,
                       text=True)
    if r.returncode not in ok:
        raise RuntimeError(f"{' '.join(args[:3])} failed ({r.returncode}): {r.stderr.strip()[-300:]}")
    wall, rss = open(tf).read().split()[-2:]
    return float(wall), int(rss) / 1024.0, r.stdout, r.stderr


def du(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def generation(db):
    """The glass database a fahras database's stub names (PATH/gen-N)."""
    return f"{db}/" + open(f"{db}/XAPIANDB").read().split()[-1]


def compacted_size(src, tmp):
    """Bytes of src after xapian-compact --multipass (into tmp, removed after)."""
    shutil.rmtree(tmp, ignore_errors=True)
    sh(["xapian-compact", "--multipass", src, tmp], stdout=subprocess.DEVNULL)
    size = du(tmp)
    shutil.rmtree(tmp)
    return size


def pcts(text):
    m = re.search(r"p50 ([\d.]+)( ms)?, p95 ([\d.]+)( ms)?, p99 ([\d.]+)", text) or \
        re.search(r"p50 ([\d.]+)() p95 ([\d.]+)() p99 ([\d.]+)", text)
    if not m:
        raise RuntimeError("no latency figures in: " + text[-300:])
    return float(m.group(1)), float(m.group(3)), float(m.group(5))


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def main():
    mode, runs, small, shared = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4]
    dirs = [f"{shared}/corpus/ant-5k"] if small else [f"{shared}/corpus/ant-multisource", f"{shared}/corpus/saudinewsnet"]
    for d in dirs:
        if not os.path.isdir(d):
            sys.exit(f"scripts/bench: {d} is absent (set FAHRAS_SHARED)")
    tag = "small" if small else "full"
    os.makedirs(DATA, exist_ok=True)
    dump = os.path.join(DATA, f"articles-{tag}.dump")
    if not os.path.exists(dump):
        sh([INGEST, "--dump", dump + ".tmp"] + dirs, stdout=subprocess.DEVNULL)
        os.rename(dump + ".tmp", dump)
    text_bytes, articles = 0, 0
    with open(dump, "rb") as f:
        for rec in f.read().split(b"\x1e"):
            p = rec.split(b"\x1f")
            if len(p) == 3:
                text_bytes += len(p[1]) + len(p[2])
                articles += 1
    qtsv = os.path.join(DATA, f"queries-{tag}.tsv")
    sh(["python3", os.path.join(ROOT, "scripts", "bench_queries.py"), f"{shared}/eval/topics.tsv",
        os.path.join(ROOT, "gazetteers"), dump, qtsv], stderr=subprocess.DEVNULL)
    qtxt = os.path.join(DATA, f"queries-{tag}.txt")
    queries = [l.rstrip("\n").split("\t", 1)[1] for l in open(qtsv, encoding="utf-8")]
    with open(qtxt, "w", encoding="utf-8") as f:
        f.write("\n".join(queries) + "\n")
    do_index = mode in ("index", "all")
    do_query = mode in ("query", "all")
    work = os.path.join(DATA, f"peers-{tag}")
    os.makedirs(work, exist_ok=True)
    dbs = {"fahras": f"{work}/fahras", "xapian": f"{work}/xapian", "fts5": f"{work}/fts5.sqlite"}
    R = {s: {"wall": [], "rss": [], "size": [], "p50": [], "p95": [], "p99": []}
         for s in ("fahras", "fahras-1", "xapian", "fts5", "pg", "fahras-process")}
    compacted, xcompacted, compacted1 = [], [], []
    pg_error = None
    need_build = do_index or not all(os.path.exists(p) for p in dbs.values())
    for run in range(runs):
        print(f"run {run + 1}/{runs} ...", file=sys.stderr)
        if need_build and (do_index or run == 0):
            for s in ("fahras", "xapian", "fts5"):
                p = dbs[s]
                if os.path.isdir(p):
                    shutil.rmtree(p)
                elif os.path.exists(p):
                    os.remove(p)
            # one writer (--jobs 1), then the default (one worker per core, merged)
            one = f"{work}/fahras-1"
            shutil.rmtree(one, ignore_errors=True)
            wall, rss, _, _ = timed([FAHRAS, "index", "--quiet", "--jobs", "1", "--db", one] + dirs)
            R["fahras-1"]["wall"].append(wall), R["fahras-1"]["rss"].append(rss)
            R["fahras-1"]["size"].append(du(generation(one)))
            # what `fahras compact` makes of the one-writer database
            sh([FAHRAS, "compact", "--quiet", "--db", one])
            compacted1.append(du(generation(one)))
            shutil.rmtree(one)
            wall, rss, _, _ = timed([FAHRAS, "index", "--quiet", "--db", dbs["fahras"]] + dirs)
            R["fahras"]["wall"].append(wall), R["fahras"]["rss"].append(rss)
            R["fahras"]["size"].append(du(generation(dbs["fahras"])))
            compacted.append(compacted_size(generation(dbs["fahras"]), f"{work}/fahras-compact"))
            wall, rss, _, _ = timed([XAPD, "index", dump, dbs["xapian"]])
            R["xapian"]["wall"].append(wall), R["xapian"]["rss"].append(rss)
            R["xapian"]["size"].append(du(dbs["xapian"]))
            xcompacted.append(compacted_size(dbs["xapian"], f"{work}/xapian-compact"))
            wall, rss, _, _ = timed(["python3", os.path.join(ROOT, "scripts", "bench_fts5.py"), "index", dump, dbs["fts5"]])
            R["fts5"]["wall"].append(wall), R["fts5"]["rss"].append(rss)
            R["fts5"]["size"].append(du(dbs["fts5"]))
        if do_query:
            # exit 1: some query found nothing (rare words, countries absent from a small corpus)
            _, _, _, err = timed([FAHRAS, "search", "--db", dbs["fahras"], "--limit", "10", "--batch", qtxt],
                                 ok=(0, 1), stdout=subprocess.DEVNULL)
            for k, v in zip(("p50", "p95", "p99"), pcts(err)):
                R["fahras"][k].append(v)
            _, _, out, _ = timed([XAPD, "query", dbs["xapian"], qtxt])
            for k, v in zip(("p50", "p95", "p99"), pcts(out)):
                R["xapian"][k].append(v)
            _, _, out, _ = timed(["python3", os.path.join(ROOT, "scripts", "bench_fts5.py"), "query", dbs["fts5"], qtsv])
            for k, v in zip(("p50", "p95", "p99"), pcts(out)):
                R["fts5"][k].append(v)
            # fahras, one process per query (start-up, opening the database, the gazetteer)
            ms = []
            for q in queries:
                t0 = time.monotonic()
                subprocess.run([FAHRAS, "search", "--db", dbs["fahras"], "--limit", "10", "--", q],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                ms.append((time.monotonic() - t0) * 1000)
            ms.sort()
            for k, p in (("p50", .5), ("p95", .95), ("p99", .99)):
                R["fahras-process"][k].append(ms[int(p * (len(ms) - 1) + 0.5)])
        # PostgreSQL: load, index and query in one go
        pgout = f"{work}/pg.tsv"
        sh(["python3", os.path.join(ROOT, "scripts", "bench_pg.py"), dump, qtsv, pgout])
        for line in open(pgout):
            k, *v = line.rstrip("\n").split("\t")
            if k == "error":
                pg_error = v[0]
            elif k == "index_seconds" and do_index:
                R["pg"]["wall"].append(float(v[0]))
            elif k == "index_bytes" and do_index:
                R["pg"]["size"].append(int(v[0]))
            elif k == "query_ms" and do_query:
                for kk, vv in zip(("p50", "p95", "p99"), v):
                    R["pg"][kk].append(float(vv))
        if pg_error:
            break

    # the table
    mb = text_bytes / 1e6
    names = {"fahras": f"fahras (Arabic analysis, tagging, snippets; {os.cpu_count()} workers + merge)",
             "fahras-1": "fahras, one writer (--jobs 1)", "xapian": "Xapian 1.4 defaults (bench/xapian_defaults.cc)",
             "fts5": "SQLite FTS5 unicode61 (Python sqlite3)", "pg": "PostgreSQL 15 to_tsvector('arabic') + GIN",
             "fahras-process": "fahras, one process per query"}
    fw = med(R["fahras"]["wall"])
    lines = [f"Benchmark of {articles:,} articles ({mb:.0f} MB of title and body text; "
             f"{'ant-5k' if small else 'ant-multisource + SaudiNewsNet'}), {len(queries)} queries, "
             f"medians of {runs} run(s), {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
             f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB.", ""]
    if do_index:
        lines += ["| system | index time | articles/s | MB/s | time / fahras | peak RSS | index / text |",
                  "|---|---|---|---|---|---|---|"]
        for s in ("fahras", "fahras-1", "xapian", "fts5", "pg"):
            w = med(R[s]["wall"])
            if w is None:
                lines.append(f"| {names[s]} | {'not run: ' + pg_error if s == 'pg' and pg_error else '–'} | | | | | |")
                continue
            rss = med(R[s]["rss"])
            size = med(R[s]["size"])
            extra = f" ({med(compacted) / text_bytes:.2f}× compacted)" if s == "fahras" and compacted else \
                f" ({med(compacted1) / text_bytes:.2f}× after `fahras compact`)" if s == "fahras-1" and compacted1 else \
                f" ({med(xcompacted) / text_bytes:.2f}× compacted)" if s == "xapian" and xcompacted else ""
            lines.append(f"| {names[s]} | {w:.1f} s | {articles / w:,.0f} | {mb / w:.2f} | {w / fw:.2f} | "
                         f"{f'{rss:.0f} MB' if rss else 'server, not measured'} | {size / text_bytes:.2f}×{extra} |")
        lines.append("")
    if do_index and R["fahras-1"]["wall"] and R["xapian"]["wall"]:
        x = med(R["xapian"]["wall"])
        lines += [f"Articles/s against Xapian's defaults: one writer {x / med(R['fahras-1']['wall']):.2f}×, "
                  f"{os.cpu_count()} workers with the merge {x / fw:.2f}× (medians of the runs' times).", ""]
    if do_query:
        lines += ["| system | p50 ms | p95 ms | p99 ms | p95 / fahras |", "|---|---|---|---|---|"]
        fp95 = med(R["fahras"]["p95"])
        names["fahras"] = "fahras (Arabic analysis, snippets, collapsing; `search --batch`)"
        for s in ("fahras", "xapian", "fts5", "pg", "fahras-process"):
            if not R[s]["p50"]:
                lines.append(f"| {names[s]} | {'not run: ' + pg_error if s == 'pg' and pg_error else '–'} | | | |")
                continue
            p50, p95, p99 = med(R[s]["p50"]), med(R[s]["p95"]), med(R[s]["p99"])
            lines.append(f"| {names[s]} | {p50:.2f} | {p95:.2f} | {p99:.2f} | {p95 / fp95:.2f} |")
        lines.append("")
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(DATA, f"peers-{tag}-{time.strftime('%Y%m%d-%H%M')}.md"), "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
