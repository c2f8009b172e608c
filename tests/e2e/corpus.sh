# End-to-end: index the project's own corpus/ and check that each query of
# tests/data/corpus_queries.tsv returns its expected article first.
. "$(dirname "$0")/lib.sh"
db="$TMP/db"
out=$("$FAHRAS_BIN" index --db "$db" "$FAHRAS_SRC/corpus")
rc=$?
echo "$out"
check "index corpus/ exits 0" [ "$rc" -eq 0 ]
check "36 articles indexed" grep -q "36 articles indexed" <<<"$out"
check "README.md skipped, not indexed" grep -q "1 skipped" <<<"$out"
while IFS=$'\t' read -r query expected note; do
  [ "$query" = "query" ] && continue
  first=$(ids "$db" 1 "$query" | head -n 1)
  if [ "$first" = "$expected" ]; then ok "'$query' -> $expected"; else bad "'$query' -> '$first', wanted $expected ($note)"; fi
done <"$FAHRAS_SRC/tests/data/corpus_queries.tsv"
# the multi-record SGML bundle keeps each record's DOCNO
check "record 2 of bundle-1.sgml has its own DOCNO" grep -qx "FAH-2019-0014" <<<"$(ids "$db" 5 "داعش كركوك")"
# a plain-text file's id is its path relative to the indexed directory
check "plain-text id is the relative path" grep -qx "text/water-basra.txt" <<<"$(ids "$db" 3 "ملوحة شط العرب")"
# re-indexing the same tree replaces, never duplicates
"$FAHRAS_BIN" index --quiet --db "$db" "$FAHRAS_SRC/corpus" >"$TMP/q" 2>&1
check "--quiet prints nothing on success" [ ! -s "$TMP/q" ]
check "re-index keeps 36 articles" grep -q '"total_estimate":' <<<"$("$FAHRAS_BIN" search --db "$db" --json --limit 100 العراق)"
n=$("$FAHRAS_BIN" index --db "$db" "$FAHRAS_SRC/corpus" | sed -n 's/.*(\([0-9]*\) articles, stemmer.*/\1/p')
check "database still holds 36 articles after two more runs (got $n)" [ "$n" = "36" ]
finish
