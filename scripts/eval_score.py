#!/usr/bin/env python3
"""Score ranked runs against TREC qrels (shared/eval/README.md's rules).

Usage: eval_score.py QRELS RUN_NAME=RUNFILE [RUN_NAME=RUNFILE ...] [--baseline NAME]

A run file holds lines "topic<TAB>docid" in rank order (best first, top 100).
Condensed lists: unjudged documents are dropped before scoring, and
unjudged@10 counts them in the raw top 10.  nDCG@10 uses gains 2^grade - 1
(Jarvelin & Kekalainen 2002, with the log2(rank+1) discount); P@10 and MAP
count grade >= 1 as relevant, MAP over the judged pool.  The paired
randomization test (Smucker, Allan & Carterette, CIKM 2007) flips the sign
of per-topic nDCG@10 differences 100,000 times (fixed seed) and reports the
two-sided p-value against the baseline run.
"""
import math
import random
import sys
from collections import defaultdict


def load_qrels(path):
    q = defaultdict(dict)
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) >= 4:
            q[parts[0]][parts[2]] = int(parts[3])
    return q


def load_run(path):
    r = defaultdict(list)
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 2:
            r[parts[0]].append(parts[1])
    return r


def score_topic(ranked, judged):
    unjudged10 = sum(1 for d in ranked[:10] if d not in judged)
    cond = [d for d in ranked if d in judged]
    gains = [2 ** judged[d] - 1 for d in cond[:10]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted((2 ** g - 1 for g in judged.values()), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    ndcg = dcg / idcg if idcg > 0 else 0.0
    p10 = sum(1 for d in cond[:10] if judged[d] >= 1) / 10.0
    nrel = sum(1 for g in judged.values() if g >= 1)
    hits, ap = 0, 0.0
    for i, d in enumerate(cond):
        if judged[d] >= 1:
            hits += 1
            ap += hits / (i + 1)
    ap = ap / nrel if nrel else 0.0
    return ndcg, p10, ap, unjudged10


def randomization(a, b, trials=100000, seed=7):
    diffs = [x - y for x, y in zip(a, b)]
    obs = abs(sum(diffs))
    rng = random.Random(seed)
    count = 0
    for _ in range(trials):
        s = sum(d if rng.random() < 0.5 else -d for d in diffs)
        if abs(s) >= obs - 1e-12:
            count += 1
    return count / trials


def main():
    args = sys.argv[1:]
    baseline = None
    if "--baseline" in args:
        i = args.index("--baseline")
        baseline = args[i + 1]
        del args[i:i + 2]
    qrels = load_qrels(args[0])
    topics = sorted(qrels)
    runs = []
    for spec in args[1:]:
        name, path = spec.split("=", 1)
        runs.append((name, load_run(path)))
    per = {}
    for name, run in runs:
        per[name] = {t: score_topic(run.get(t, []), qrels[t]) for t in topics}
    names = [n for n, _ in runs]
    print("per-topic nDCG@10")
    print("topic\t" + "\t".join(names))
    for t in topics:
        print(t + "\t" + "\t".join("%.3f" % per[n][t][0] for n in names))
    print()
    print("run\tnDCG@10\tP@10\tMAP\tunjudged@10\tworse_than_baseline_topics\tp_vs_baseline")
    for n in names:
        vals = [per[n][t] for t in topics]
        nd = sum(v[0] for v in vals) / len(vals)
        p10 = sum(v[1] for v in vals) / len(vals)
        mp = sum(v[2] for v in vals) / len(vals)
        un = sum(v[3] for v in vals) / len(vals)
        worse, pval = "-", "-"
        if baseline and n != baseline and baseline in per:
            a = [per[n][t][0] for t in topics]
            b = [per[baseline][t][0] for t in topics]
            worse = str(sum(1 for x, y in zip(a, b) if x < y - 1e-9))
            pval = "%.4f" % randomization(a, b)
        print("%s\t%.3f\t%.3f\t%.3f\t%.2f\t%s\t%s" % (n, nd, p10, mp, un, worse, pval))


if __name__ == "__main__":
    main()
