#!/usr/bin/env python3
"""Render the ant-5k articles in the other formats fahras reads, for the
ingestion round-trip test (tests/e2e/variants.sh).

Usage: make_variants.py ANT_DIR OUT_DIR

Article i (files in sorted order) goes to format i mod 5:
  0  multi-DOC SGML bundles of 50 records, gzipped      bundles/bundle-NNN.sgml.gz
  1  the SGML file re-encoded as Windows-1256, CRLF      cp1256/DOCNO.txt
     (articles with characters outside Windows-1256 go to 2 instead)
  2  the SGML file as UTF-16 with a byte-order mark      utf16/DOCNO.txt
  3  JSON Lines, 100 records a file                      jsonl/part-NNN.jsonl
  4  an HTML page with real-world clutter (menu, script, cookie banner,
     "read also" list, related box, footer)             html/DOCNO.html
It also writes OUT_DIR/../ids.tsv: DOCNO <TAB> the id fahras gives the
article in OUT_DIR (the path for HTML pages, which carry no DOCNO).
"""
import email.utils
import gzip
import html
import json
import os
import re
import sys

FIELDS = ["DOCNO", "URL", "SRC", "CAT", "TITLE", "TIME", "AUTHOR", "ABSTRACT", "TEXT"]


def field(rec, tag):
    m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), rec, re.S)
    return m.group(1).strip() if m else None


def iso(rfc):
    try:
        return email.utils.parsedate_to_datetime(rfc).isoformat()
    except Exception:
        return rfc


def page(a):
    t = html.escape(a["TITLE"] or "")
    paras = "\n".join("<p>%s</p>" % html.escape(p) for p in (a["TEXT"] or "").split("\n") if p.strip())
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{t} | موقع الأخبار</title>
<meta property="og:title" content="{t}">
<meta property="article:published_time" content="{iso(a['TIME'] or '')}">
<meta property="og:site_name" content="{html.escape(a['SRC'] or '')}">
<meta name="description" content="{html.escape((a['ABSTRACT'] or '')[:150])}">
<link rel="canonical" href="{html.escape(a['URL'] or '')}">
<script>window.dataLayer = [{{"page": "article"}}]; function track() {{ return "الرئيسية"; }}</script>
<style>.menu {{ display: flex }}</style>
</head><body>
<header class="site-header"><a href="/">الرئيسية</a></header>
<nav><ul class="menu"><li><a href="/politics">سياسة</a></li><li><a href="/sport">رياضة</a></li><li><a href="/economy">اقتصاد</a></li></ul></nav>
<div id="cookie-consent" class="cookie-banner">نستخدم ملفات تعريف الارتباط لتحسين تجربتك. <button>موافق</button></div>
<main>
<article>
<h1>{t}</h1>
<div class="byline">{html.escape(a['AUTHOR'] or '')}</div>
{paras}
<h3>اقرأ أيضاً</h3>
<ul><li><a href="/x1">ارتفاع أسعار الذهب في الأسواق العالمية</a></li><li><a href="/x2">منتخب مصر يستعد لمباراة ودية</a></li></ul>
<div class="share-buttons"><a href="#">شارك على تويتر</a></div>
</article>
<aside class="related-news"><h2>أخبار ذات صلة</h2><ul><li>خبر آخر لا علاقة له</li></ul></aside>
</main>
<footer class="site-footer">جميع الحقوق محفوظة © 2018</footer>
<script src="/analytics.js"></script>
</body></html>
"""


def main():
    src, out = sys.argv[1], sys.argv[2]
    files = []
    for root, _, names in os.walk(src):
        for n in names:
            if n.endswith(".txt"):
                files.append(os.path.join(root, n))
    files.sort()
    for d in ["bundles", "cp1256", "utf16", "jsonl", "html"]:
        os.makedirs(os.path.join(out, d), exist_ok=True)
    ids = []
    bundle, bundles, lines, parts = [], 0, [], 0

    def flush_bundle():
        nonlocal bundle, bundles
        if bundle:
            with gzip.open(os.path.join(out, "bundles", "bundle-%03d.sgml.gz" % bundles), "wb") as g:
                g.write("\n".join(bundle).encode("utf-8"))
            bundles += 1
            bundle = []

    def flush_lines():
        nonlocal lines, parts
        if lines:
            with open(os.path.join(out, "jsonl", "part-%03d.jsonl" % parts), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            parts += 1
            lines = []

    for i, path in enumerate(files):
        raw = open(path, encoding="utf-8").read()
        a = {k: field(raw, k) for k in FIELDS}
        docno = a["DOCNO"]
        kind = i % 5
        if kind == 1:
            try:
                data = raw.replace("\n", "\r\n").encode("cp1256")
            except UnicodeEncodeError:
                kind = 2
            else:
                open(os.path.join(out, "cp1256", docno + ".txt"), "wb").write(data)
                ids.append((docno, docno))
        if kind == 0:
            bundle.append(raw.strip())
            ids.append((docno, docno))
            if len(bundle) == 50:
                flush_bundle()
        elif kind == 2:
            open(os.path.join(out, "utf16", docno + ".txt"), "wb").write(raw.encode("utf-16"))
            ids.append((docno, docno))
        elif kind == 3:
            lines.append(json.dumps({"id": docno, "title": a["TITLE"], "date": a["TIME"],
                                     "source": a["SRC"], "url": a["URL"], "author": a["AUTHOR"],
                                     "category": a["CAT"], "description": a["ABSTRACT"],
                                     "content": a["TEXT"]}, ensure_ascii=False))
            ids.append((docno, docno))
            if len(lines) == 100:
                flush_lines()
        elif kind == 4:
            open(os.path.join(out, "html", docno + ".html"), "w", encoding="utf-8").write(page(a))
            ids.append((docno, "html/%s.html" % docno))
    flush_bundle()
    flush_lines()
    with open(os.path.join(out, "..", "ids.tsv"), "w", encoding="utf-8") as f:
        for d, v in ids:
            f.write("%s\t%s\n" % (d, v))


if __name__ == "__main__":
    main()
