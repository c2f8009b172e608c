# End-to-end: a build from scratch shared among worker processes (--jobs,
# indexer/parallel.h): the merged database equals a one-process build
# (documents, terms, positions, values, stored data), its manifest lets the
# next run skip every file, an article id from files of two workers falls
# back to one process, --full with workers swaps generations, and a killed
# parallel build leaves nothing behind that stops the next run.
. "$(dirname "$0")/lib.sh"
cp -r "$FAHRAS_SRC/corpus" "$TMP/tree"
"$FAHRAS_BIN" index --quiet --jobs 1 --db "$TMP/one" "$TMP/tree" || bad "one-process build"
"$FAHRAS_BIN" index --jobs 2 --db "$TMP/two" "$TMP/tree" >"$TMP/out" 2>&1 || bad "two-worker build"
"$FAHRAS_DBDUMP" "$TMP/one" >"$TMP/d1"
"$FAHRAS_DBDUMP" "$TMP/two" >"$TMP/d2"
check "two workers give the same database as one process" cmp -s "$TMP/d1" "$TMP/d2"
check "and count every article in the summary" grep -q "36 articles indexed" "$TMP/out"
expect_exit 0 "check passes (manifest and documents agree)" "$FAHRAS_BIN" check --db "$TMP/two"
check "no worker part is left" [ -z "$(ls "$TMP/two" | grep part)" ]
"$FAHRAS_BIN" index --db "$TMP/two" "$TMP/tree" >"$TMP/out" 2>&1
check "the next run skips every file" grep -q "incremental: $(ls -R "$TMP/tree" | grep -c '\.') unchanged files skipped" "$TMP/out"
# --full with workers: a new generation swapped in
gen=$(cat "$TMP/two/XAPIANDB")
"$FAHRAS_BIN" index --quiet --full --jobs 3 --db "$TMP/two" "$TMP/tree" || bad "--full --jobs 3"
check "--full --jobs 3 swapped in a new generation" [ "$(cat "$TMP/two/XAPIANDB")" != "$gen" ]
"$FAHRAS_DBDUMP" "$TMP/two" >"$TMP/d3"
check "with the same documents" cmp -s "$TMP/d1" "$TMP/d3"
# one article id in files that go to different workers: one process decides
mkdir -p "$TMP/dup/a" "$TMP/dup/z"
cp "$FAHRAS_SRC"/corpus/text/*.txt "$TMP/dup/a/"
sed -n '1,/<\/DOC>/p' "$FAHRAS_SRC/corpus/sgml/bundle-1.sgml" >"$TMP/dup/a/0-first.sgml"
sed -n '1,/<\/DOC>/p' "$FAHRAS_SRC/corpus/sgml/bundle-1.sgml" | sed 's/<TITLE>/<TITLE>نسخة أخرى: /' >"$TMP/dup/z/last.sgml"
"$FAHRAS_BIN" index --quiet --jobs 1 --db "$TMP/dup1" "$TMP/dup" || bad "one-process build with a shared id"
"$FAHRAS_BIN" index --jobs 2 --db "$TMP/dup2" "$TMP/dup" >"$TMP/out" 2>&1 || bad "two workers with a shared id"
check "a shared id falls back to one process" grep -q "indexing in one process" "$TMP/out"
"$FAHRAS_DBDUMP" "$TMP/dup1" >"$TMP/e1"
"$FAHRAS_DBDUMP" "$TMP/dup2" >"$TMP/e2"
check "and gives the one-process result (the id qualified)" cmp -s "$TMP/e1" "$TMP/e2"
# a killed parallel build: the workers die with it, the next run completes
mkdir -p "$TMP/big"
for i in $(seq 1 100); do mkdir -p "$TMP/big/$i" && cp "$FAHRAS_SRC"/corpus/text/*.txt "$TMP/big/$i/"; done
"$FAHRAS_BIN" index --quiet --jobs 2 --batch 20 --db "$TMP/k" "$TMP/big" &
pid=$!
sleep 1
check "the build is still running when it is killed" kill -0 "$pid"
kill -9 "$pid"
wait "$pid" 2>/dev/null
sleep 0.5
check "no worker outlives the killed run" sh -c "! pgrep -f '[i]ndex --quiet --jobs 2 --batch 20 --db $TMP/k' >/dev/null"
expect_exit 0 "the next run is not locked out" "$FAHRAS_BIN" index --quiet --jobs 2 --db "$TMP/k" "$TMP/big"
check "and leaves no part behind" [ -z "$(ls "$TMP/k" | grep part)" ]
check "with every article" [ "$("$FAHRAS_BIN" stats --db "$TMP/k" --json | jq -r .articles)" -eq $((100 * $(ls "$FAHRAS_SRC"/corpus/text/*.txt | wc -l))) ]
expect_exit 0 "check passes" "$FAHRAS_BIN" check --db "$TMP/k"
finish
