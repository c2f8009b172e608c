# End-to-end over ../shared/corpus/ant-5k: all 5,000 articles indexed with no
# error, and each query of tests/data/ant5k_queries.tsv ranks one of its
# expected DOCNOs in the top 3.
. "$(dirname "$0")/lib.sh"
need_shared corpus/ant-5k
db="$TMP/db"
out=$("$FAHRAS_BIN" index --db "$db" "$(shared_dir)/corpus/ant-5k")
rc=$?
echo "$out"
check "index ant-5k exits 0" [ "$rc" -eq 0 ]
check "5000 articles indexed, 0 failed" grep -q "5000 files (5000 read, 0 skipped, 0 failed); 5000 articles indexed" <<<"$out"
while IFS=$'\t' read -r query expected note; do
  [ "$query" = "query" ] && continue
  top=$(ids "$db" 3 "$query")
  hit=""
  IFS='|' read -ra alts <<<"$expected"
  for a in "${alts[@]}"; do grep -qx "$a" <<<"$top" && hit=$a; done
  if [ -n "$hit" ]; then ok "'$query' -> $hit in top 3"; else bad "'$query': top 3 = $(echo $top), wanted $expected ($note)"; fi
done <"$FAHRAS_SRC/tests/data/ant5k_queries.tsv"
# human output carries title, date and source
human=$("$FAHRAS_BIN" search --db "$db" --limit 1 "اردوغان")
check "human output shows rank and title" grep -q '^1\. .*أردوغان' <<<"$human"
check "human output shows date and source" grep -Eq '^   20[0-9]{2}-[0-9]{2}-[0-9]{2} · [a-zA-Z0-9]+ · ' <<<"$human"
check "xapian-delve opens the database" xapian-delve "$db" >/dev/null
# paging: pages of 10 make up the list of 100, with no article twice (the
# lead weight reorders fixed blocks of hits, the same whatever the page)
for q in السعودية ترامب إيران; do
  for flag in "" --no-collapse; do
    long=$("$FAHRAS_BIN" search --db "$db" --json $flag --limit 100 "$q" | jq -r 'select(.type=="hit") | .id')
    paged=$(for o in 0 10 20 30 40 50 60 70 80 90; do
      "$FAHRAS_BIN" search --db "$db" --json $flag --limit 10 --offset $o "$q" | jq -r 'select(.type=="hit") | .id'; done)
    check "'$q' $flag: pages of 10 = the list of 100" [ "$paged" = "$long" ]
    check "'$q' $flag: no article on two pages" [ -z "$(sort <<<"$paged" | uniq -d)" ]
  done
done
finish
