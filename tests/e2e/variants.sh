# End-to-end: ant-5k rendered at test time in the other formats (multi-DOC
# .sgml.gz bundles, Windows-1256 with CRLF, UTF-16, JSON Lines, HTML pages
# with clutter; tests/tools/make_variants.py) indexes to the same 5,000
# articles with the same titles and dates as the original.
. "$(dirname "$0")/lib.sh"
need_shared corpus/ant-5k
ant="$(shared_dir)/corpus/ant-5k"
python3 "$FAHRAS_SRC/tests/tools/make_variants.py" "$ant" "$TMP/variants" || { bad "generating the variants"; finish; exit; }
"$FAHRAS_BIN" index --quiet --db "$TMP/orig" "$ant" || bad "indexing the original"
out=$("$FAHRAS_BIN" index --db "$TMP/var" "$TMP/variants")
rc=$?
echo "$out"
check "indexing the variants exits 0" [ "$rc" -eq 0 ]
check "5000 articles from the variants" grep -q "database: .* (5000 articles" <<<"$out"
for d in bundles cp1256 utf16 jsonl html; do
  check "format $d was generated" [ -n "$(ls "$TMP/variants/$d")" ]
done
cut -f1 "$TMP/ids.tsv" | xargs "$FAHRAS_BIN" show --db "$TMP/orig" --json |
  jq -r '[.id, (.title // ""), (.date // "")] | @tsv' | sort >"$TMP/a.tsv"
cut -f2 "$TMP/ids.tsv" | xargs "$FAHRAS_BIN" show --db "$TMP/var" --json |
  jq -r '[(.id | sub("^html/"; "") | sub("\\.html$"; "")), (.title // ""), (.date // "")] | @tsv' | sort >"$TMP/b.tsv"
check "5000 originals shown" [ "$(wc -l <"$TMP/a.tsv")" -eq 5000 ]
check "5000 variants shown" [ "$(wc -l <"$TMP/b.tsv")" -eq 5000 ]
if diff "$TMP/a.tsv" "$TMP/b.tsv" >"$TMP/diff"; then
  ok "every article has the same id, title and date in both"
else
  bad "titles/dates differ for $(grep -c '^<' "$TMP/diff") articles; first: $(head -4 "$TMP/diff")"
fi
# HTML clutter stays out of the text
html_hits() { ids "$TMP/var" 50 "\"$1\"" | grep -c '^html/'; }
check "cookie banner not indexed" [ "$(html_hits "نستخدم ملفات تعريف الارتباط")" -eq 0 ]
check "read-also list not indexed" [ "$(html_hits "ارتفاع أسعار الذهب في الأسواق العالمية")" -eq 0 ]
check "related box not indexed" [ "$(html_hits "خبر آخر لا علاقة له")" -eq 0 ]
check "footer not indexed" [ "$(html_hits "جميع الحقوق محفوظة")" -eq 0 ]
check "menu not indexed" [ "$(html_hits "سياسة رياضة اقتصاد")" -eq 0 ]
check "share buttons not indexed" [ "$(html_hits "شارك على تويتر")" -eq 0 ]
check "the article text of a page is indexed" [ "$(ids "$TMP/var" 3 "$(sed -n 's/.*<h1>\(.*\)<\/h1>.*/\1/p' "$(ls "$TMP"/variants/html/*.html | head -1)")" | grep -c '^html/')" -ge 1 ]
finish
