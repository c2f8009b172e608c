# End-to-end (heavy, about 3 minutes): one run over all of shared/corpus
# gives 63,954 articles: ANT 31,525 (the ant-5k files repeat ANT DOCNOs with
# the same text, so they merge), SaudiNewsNet 30,973 (31,030 records, 57
# with neither title nor content), the cp1256 set 1,455, and the seed; the
# README files are skipped.
. "$(dirname "$0")/lib.sh"
need_shared corpus
out=$("$FAHRAS_BIN" index --db "$TMP/db" "$(shared_dir)/corpus")
rc=$?
echo "$out"
check "exit 0" [ "$rc" -eq 0 ]
check "63,954 articles in the database" grep -q "database: .* (63954 articles" <<<"$out"
check "57 empty records counted" grep -q "57 empty records not indexed" <<<"$out"
check "5,000 ant-5k copies merged" grep -q "5000 identical copies" <<<"$out"
check "README files skipped (3)" grep -q "3 skipped, 0 failed" <<<"$out"
check "a SaudiNewsNet record is searchable with its date" \
  grep -q '"date":"2015-0' <<<"$("$FAHRAS_BIN" search --db "$TMP/db" --json --source okaz --limit 1 "ولي العهد")"
check "date range filter" [ "$("$FAHRAS_BIN" search --db "$TMP/db" --json --from 2015 --to 2015 --limit 20 العراق | jq -r 'select(.type=="hit") | .date[0:4]' | sort -u)" = "2015" ]
finish
