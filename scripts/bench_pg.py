#!/usr/bin/env python3
"""The PostgreSQL 15 peer of `scripts/bench index|query`.

usage: bench_pg.py DUMP QUERIES OUT_TSV [--runs N]

Starts a private server (initdb into a temporary directory, run as the
`postgres` user, listening on 127.0.0.1:54329 only), loads DUMP (records
"id 0x1F title 0x1F text 0x1E", ingest_bench --dump) into
a(id, title, body, tsv tsvector GENERATED from to_tsvector('arabic', title
|| ' ' || body)), builds a GIN index on tsv, then runs every query of QUERIES
("kind<TAB>query" lines) warm in one psql session: the words OR-ed
(a "quoted phrase" as <->), ranked by ts_rank, top 10 with ts_headline of the
body (what a result page shows).  The server is stopped at the end.

Writes OUT_TSV lines: "index_seconds S", "articles N", "index_bytes B", and
per run "query_ms p50 p95 p99"; or "error WHY" when PostgreSQL cannot run
(not installed, not root, ...), which the benchmark table reports.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_queries import split_query  # noqa: E402

BIN = "/usr/lib/postgresql/15/bin"
PORT = "54329"


def run_as_pg(args, **kw):
    return subprocess.run(["runuser", "-u", "postgres", "--"] + args, check=True, **kw)


def psql(datadir, sql_file=None, command=None, capture=True):
    args = ["psql", "-X", "-q", "-h", "127.0.0.1", "-p", PORT,
            "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1"]
    if sql_file:
        args += ["-f", sql_file]
    if command:
        args += ["-At", "-c", command]
    return run_as_pg(args, capture_output=capture, text=True)


def tsquery_of(q):
    """The words OR-ed (|); a quoted phrase as <-> between its words."""
    return " | ".join("(" + " <-> ".join("'" + w + "'" for w in p) + ")" for p in split_query(q))


def pct(v, p):
    v = sorted(v)
    return v[int(p * (len(v) - 1) + 0.5)]


def main():
    dump, queries, out = sys.argv[1:4]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 1
    with open(out, "w") as o:
        why = None
        if os.geteuid() != 0:
            why = "needs root (to run the server as the postgres user)"
        elif not os.path.exists(f"{BIN}/postgres"):
            why = f"PostgreSQL 15 is not installed ({BIN}/postgres absent; apt-get install postgresql-15)"
        elif not shutil.which("psql"):
            why = "psql is not installed (apt-get install postgresql-client-15)"
        if why:
            o.write(f"error\t{why}\n")
            return
        work = tempfile.mkdtemp(prefix="fahras-bench-pg-")
        os.chmod(work, 0o755)
        datadir = f"{work}/data"
        os.mkdir(datadir)
        shutil.chown(datadir, "postgres", "postgres")
        started = False
        try:
            run_as_pg([f"{BIN}/initdb", "-D", datadir, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                       "--locale=C.UTF-8"], capture_output=True)
            run_as_pg([f"{BIN}/pg_ctl", "-D", datadir, "-l", f"{datadir}/log", "-w", "-o",
                       f"-c listen_addresses=127.0.0.1 -p {PORT} -c unix_socket_directories={datadir} "
                       "-c shared_buffers=1GB -c maintenance_work_mem=1GB -c max_wal_size=4GB", "start"],
                      capture_output=True)
            started = True
            # the articles as CSV, readable by the postgres user
            csvp = f"{work}/a.csv"
            import csv
            n = 0
            with open(dump, encoding="utf-8", errors="replace") as f, open(csvp, "w", newline="", encoding="utf-8") as c:
                w = csv.writer(c)
                for rec in f.read().split("\x1e"):
                    parts = rec.split("\x1f")
                    if len(parts) == 3:
                        w.writerow([p.replace("\x00", "") for p in parts])
                        n += 1
            os.chmod(csvp, 0o644)
            psql(datadir, command="CREATE TABLE a (id text, title text, body text, tsv tsvector GENERATED ALWAYS AS "
                                  "(to_tsvector('arabic', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED)")
            t0 = time.monotonic()
            psql(datadir, command=f"COPY a (id, title, body) FROM '{csvp}' WITH (FORMAT csv)")
            psql(datadir, command="CREATE INDEX a_tsv ON a USING gin (tsv)")
            psql(datadir, command="VACUUM ANALYZE a")
            secs = time.monotonic() - t0
            # the index: the GIN index plus the stored tsvectors it is built from
            size = psql(datadir, command="SELECT pg_relation_size('a_tsv') + "
                                         "(SELECT sum(pg_column_size(tsv)) FROM a)").stdout
            total = psql(datadir, command="SELECT pg_total_relation_size('a')").stdout
            o.write(f"index_seconds\t{secs:.2f}\narticles\t{n}\n")
            o.write(f"index_bytes\t{int(size.strip())}\ntable_bytes\t{int(total.strip())}\n")
            # queries: one psql session, \timing per statement
            qs = [l.rstrip("\n").split("\t")[-1] for l in open(queries, encoding="utf-8") if l.strip()]
            sqlp = f"{work}/q.sql"
            with open(sqlp, "w", encoding="utf-8") as s:
                s.write("\\timing on\n\\o /dev/null\n")
                for q in qs:
                    tq = tsquery_of(q).replace("'", "''")
                    s.write("SELECT id, title, ts_headline('arabic', body, q) FROM (SELECT id, title, body, q "
                            f"FROM a, to_tsquery('arabic', '{tq}') q WHERE tsv @@ q "
                            "ORDER BY ts_rank(tsv, q) DESC LIMIT 10) t;\n")
            os.chmod(sqlp, 0o644)
            for _ in range(runs):
                res = psql(datadir, sql_file=sqlp).stdout
                ms = [float(x) for x in re.findall(r"Time: ([\d.]+) ms", res)]
                if len(ms) != len(qs):
                    o.write(f"error\t{len(ms)} timings for {len(qs)} queries\n")
                    break
                o.write(f"query_ms\t{pct(ms, .5):.3f}\t{pct(ms, .95):.3f}\t{pct(ms, .99):.3f}\n")
        except subprocess.CalledProcessError as e:
            o.write(f"error\t{os.path.basename(e.cmd[4])} failed: {(e.stderr or '').strip()[:200]}\n")
        finally:
            if started:
                subprocess.run(["runuser", "-u", "postgres", "--", f"{BIN}/pg_ctl", "-D", datadir, "-m", "fast",
                                "-w", "stop"], capture_output=True)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
