# End-to-end: fahras stats, fahras check (also on a damaged database), and
# a second indexer on the same database (exit 5, or --wait).
. "$(dirname "$0")/lib.sh"
db="$TMP/db"
"$FAHRAS_BIN" index --quiet --db "$db" "$FAHRAS_SRC/corpus" || bad "index corpus"
json=$("$FAHRAS_BIN" stats --db "$db" --json)
check "stats --json counts 36 articles" [ "$(jq -r .articles <<<"$json")" = 36 ]
check "stats reports the analyzer and stemmer" [ "$(jq -r '.stemmer' <<<"$json")" = light ]
check "stats reports the last run" [ "$(jq -r '.last_run.articles' <<<"$json")" = 36 ]
check "stats reports a size" [ "$(jq -r '.size_bytes' <<<"$json")" -gt 10000 ]
expect_exit 0 "check a sound database" "$FAHRAS_BIN" check --db "$db"
expect_exit 3 "stats on a missing database" "$FAHRAS_BIN" stats --db "$TMP/none"
check "stats counts the manifest's files" [ "$(jq -r .files <<<"$json")" = 33 ]
check "a new database is a stub and a generation" [ "$(cat "$db/XAPIANDB")" = "glass gen-1" ]
check "that Xapian's own tools open" sh -c "xapian-delve '$db' | grep -q 'number of documents = 36'"
check "check --json says sound" sh -c "'$FAHRAS_BIN' check --json --db '$db' | jq -e '.sound and .files == 33 and .articles == 36' >/dev/null"
# damage a copy: cut the postlist table in half
cp -r "$db" "$TMP/broken"
size=$(stat -c %s "$TMP/broken/gen-1/postlist.glass")
truncate -s $((size / 2)) "$TMP/broken/gen-1/postlist.glass"
expect_exit 3 "check finds the damage" "$FAHRAS_BIN" check --db "$TMP/broken"
# two indexers: the second exits 5 at once, or waits with --wait
if [ -d "$(shared_dir)/corpus/ant-5k" ]; then
  "$FAHRAS_BIN" index --quiet --db "$TMP/two" "$(shared_dir)/corpus/ant-5k" &
  first=$!
  for i in $(seq 1 50); do [ -e "$TMP/two/gen-1/flintlock" ] && break; sleep 0.1; done
  sleep 0.3
  "$FAHRAS_BIN" index --quiet --db "$TMP/two" "$FAHRAS_SRC/corpus" 2>"$TMP/err2"
  rc=$?
  if kill -0 "$first" 2>/dev/null; then
    check "a second indexer exits 5 (got $rc)" [ "$rc" -eq 5 ]
    check "and says the database is locked" grep -q "locked by another indexer" "$TMP/err2"
    "$FAHRAS_BIN" index --quiet --wait 120 --db "$TMP/two" "$FAHRAS_SRC/corpus"
    check "with --wait it runs after the first" [ "$?" -eq 0 ]
  else
    ok "the first indexer finished too fast to test the lock (skipped)"
  fi
  wait "$first"
  check "both indexers' articles are there" [ "$("$FAHRAS_BIN" stats --db "$TMP/two" --json | jq -r .articles)" -ge 5000 ]
fi
finish
