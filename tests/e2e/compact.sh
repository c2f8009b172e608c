# End-to-end: `fahras compact`.  The compacted database holds exactly what
# the old one did (ids, terms, wdf, positions, values, stored data: dbdump),
# is smaller, passes check, and the next index run has nothing to redo; it
# becomes a new generation swapped in atomically; a locked database exits 5,
# a missing one 3, a full disk 6 with the database unchanged; a plain glass
# database (made before generations) is converted; --json and --quiet.
. "$(dirname "$0")/lib.sh"
db="$TMP/db"
cp -r "$FAHRAS_SRC/corpus" "$TMP/tree"
# one writer and small batches: part-empty B-tree blocks, as incremental runs leave them
"$FAHRAS_BIN" index --quiet --jobs 1 --batch 5 --db "$db" "$TMP/tree" || bad "first build"
"$FAHRAS_DBDUMP" "$db" >"$TMP/before"
size_before=$("$FAHRAS_BIN" stats --db "$db" --json | jq -r .size_bytes)
gen_before=$(cat "$db/XAPIANDB")
ids "$db" 20 "العراق" >"$TMP/hits-before"

expect_exit 0 "compact" "$FAHRAS_BIN" compact --db "$db"
check "one summary line with both sizes" grep -Eq "^fahras compact: .*MB -> .*MB" "$TMP/out"
"$FAHRAS_DBDUMP" "$db" >"$TMP/after"
check "the same documents, terms, positions, values and stored data" cmp -s "$TMP/before" "$TMP/after"
size_after=$("$FAHRAS_BIN" stats --db "$db" --json | jq -r .size_bytes)
check "smaller on disk ($size_before -> $size_after bytes)" [ "$size_after" -lt "$size_before" ]
check "a new generation" [ "$(cat "$db/XAPIANDB")" != "$gen_before" ]
check "the old generation is removed" [ "$(ls -d "$db"/gen-* | wc -l)" -eq 1 ]
ids "$db" 20 "العراق" >"$TMP/hits-after"
check "the same hits in the same order" cmp -s "$TMP/hits-before" "$TMP/hits-after"
expect_exit 0 "check passes" "$FAHRAS_BIN" check --db "$db"
expect_exit 0 "the next index run" "$FAHRAS_BIN" index --db "$db" "$TMP/tree"
check "finds nothing to redo (the manifest came along)" grep -q "(0 read, 0 skipped, 0 failed); 0 articles indexed" "$TMP/out" "$TMP/err"
"$FAHRAS_DBDUMP" "$db" >"$TMP/after2"
check "and changes nothing" cmp -s "$TMP/before" "$TMP/after2"
# incremental runs go on writing into the compacted generation
echo "نص جديد عن الانتخابات في العراق" >"$TMP/tree/text/new-article.txt"
expect_exit 0 "an incremental run after compact" "$FAHRAS_BIN" index --quiet --db "$db" "$TMP/tree"
check "adds the new article" [ "$(ids "$db" 50 "الانتخابات" | grep -c new-article)" -eq 1 ]

# --json, --quiet
expect_exit 0 "compact --json" "$FAHRAS_BIN" compact --json --db "$db"
check "--json: one object with the sizes" jq -e '.type == "compact" and .bytes_after > 0 and .bytes_before > 0' "$TMP/out" >/dev/null
expect_exit 0 "compact --quiet" "$FAHRAS_BIN" compact --quiet --db "$db"
check "--quiet prints nothing" [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ]

# locked by an indexer: exit 5 at once
exec 9>"$db/fahras.lock"
flock -n 9
gen=$(cat "$db/XAPIANDB")
expect_exit 5 "a database locked by an indexer" "$FAHRAS_BIN" compact --db "$db"
check "says it is locked" grep -q "locked" "$TMP/err"
check "and leaves the generation alone" [ "$(cat "$db/XAPIANDB")" = "$gen" ]
exec 9>&-

# missing database, bad usage
expect_exit 3 "a missing database" "$FAHRAS_BIN" compact --db "$TMP/nowhere"
check "the message names it" grep -q "$TMP/nowhere" "$TMP/err"
check "and creates nothing" [ ! -e "$TMP/nowhere" ]
expect_exit 2 "an unexpected argument" "$FAHRAS_BIN" compact --db "$db" extra

# a full disk: exit 6, the database exactly as it was
if [ -n "${FAHRAS_ENOSPC:-}" ]; then
  "$FAHRAS_DBDUMP" "$db" >"$TMP/before"
  gen=$(cat "$db/XAPIANDB")
  FAHRAS_ENOSPC_PATH="$(realpath "$db")" FAHRAS_ENOSPC_AFTER=20000 LD_PRELOAD="$FAHRAS_ENOSPC" \
    "$FAHRAS_BIN" compact --db "$db" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  check "a full disk: exit 6 (got $rc)" [ "$rc" -eq 6 ]
  check "says the database is as it was" grep -q "as it was before this run" "$TMP/err"
  check "the stub still names the old generation" [ "$(cat "$db/XAPIANDB")" = "$gen" ]
  check "the unfinished generation is removed" [ "$(ls -d "$db"/gen-* | wc -l)" -eq 1 ]
  "$FAHRAS_DBDUMP" "$db" >"$TMP/after"
  check "the database is exactly as before" cmp -s "$TMP/before" "$TMP/after"
fi

# a plain glass database (a copied generation) is compacted into the stub layout
cp -r "$db/$(cut -d' ' -f2 "$db/XAPIANDB")" "$TMP/legacy"
check "a copied generation is a plain glass database" [ -e "$TMP/legacy/iamglass" ]
"$FAHRAS_DBDUMP" "$TMP/legacy" >"$TMP/before"
expect_exit 0 "compact a plain glass database" "$FAHRAS_BIN" compact --db "$TMP/legacy"
check "it now has a stub" [ -f "$TMP/legacy/XAPIANDB" ] && [ ! -e "$TMP/legacy/iamglass" ]
"$FAHRAS_DBDUMP" "$TMP/legacy" >"$TMP/after"
check "with the same content" cmp -s "$TMP/before" "$TMP/after"
expect_exit 0 "check passes on it" "$FAHRAS_BIN" check --db "$TMP/legacy"

echo "compact: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
