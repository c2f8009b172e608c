# End-to-end: a full disk.  An LD_PRELOAD shim (tests/tools/enospc.c) makes
# writes into the database directory fail with ENOSPC after a byte budget:
# `fahras index` must stop with a clear message and exit 6, and the
# database must be exactly as it was before the run (incremental run and
# --full alike); after space comes back, a run completes.
. "$(dirname "$0")/lib.sh"
: "${FAHRAS_ENOSPC:?set FAHRAS_ENOSPC to the enospc shim}"
db="$TMP/db"
cp -r "$FAHRAS_SRC/corpus" "$TMP/tree"
"$FAHRAS_BIN" index --quiet --db "$db" "$TMP/tree" || bad "first build"
"$FAHRAS_DBDUMP" "$db" >"$TMP/before"
# more articles to write: the corpus again under other names, changed a little
for f in "$TMP"/tree/text/*.txt; do
  for i in 1 2 3 4 5 6; do sed "s/العراق/العراق $i/" "$f" >"${f%.txt}-copy$i.txt"; done
done
for budget in 0 20000 200000; do
  FAHRAS_ENOSPC_PATH="$(realpath "$db")" FAHRAS_ENOSPC_AFTER=$budget LD_PRELOAD="$FAHRAS_ENOSPC" \
    "$FAHRAS_BIN" index --quiet --batch 50 --db "$db" "$TMP/tree" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  check "disk full after $budget bytes: exit 6 (got $rc)" [ "$rc" -eq 6 ]
  check "the message names the database and the cause" grep -q "No space left on device" "$TMP/err"
  "$FAHRAS_DBDUMP" "$db" >"$TMP/after"
  # with --batch 50 some batches may be committed before the disk fills:
  # the database must then hold a prefix of the run, and pass check
  expect_exit 0 "check passes after the failed run" "$FAHRAS_BIN" check --db "$db"
done
# a --full run that fills the disk leaves the old generation in use
"$FAHRAS_BIN" index --quiet --db "$db" "$TMP/tree" || bad "run with space"
"$FAHRAS_DBDUMP" "$db" >"$TMP/before"
gen=$(cat "$db/XAPIANDB")
FAHRAS_ENOSPC_PATH="$(realpath "$db")" FAHRAS_ENOSPC_AFTER=100000 LD_PRELOAD="$FAHRAS_ENOSPC" \
  "$FAHRAS_BIN" index --quiet --full --db "$db" "$TMP/tree" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "--full on a full disk: exit 6 (got $rc)" [ "$rc" -eq 6 ]
check "says the database is as it was" grep -q "as it was before this run" "$TMP/err"
check "the stub still names the old generation" [ "$(cat "$db/XAPIANDB")" = "$gen" ]
check "the unfinished generation is removed" [ "$(ls -d "$db"/gen-* | wc -l)" -eq 1 ]
"$FAHRAS_DBDUMP" "$db" >"$TMP/after"
check "the database is exactly as before" cmp -s "$TMP/before" "$TMP/after"
# an incremental run whose very first commit fails changes nothing either
touch "$TMP/tree/text/"*copy1.txt
printf 'جديد\n\nنص\n' >"$TMP/tree/brand-new.txt"
FAHRAS_ENOSPC_PATH="$(realpath "$db")" FAHRAS_ENOSPC_AFTER=0 LD_PRELOAD="$FAHRAS_ENOSPC" \
  "$FAHRAS_BIN" index --quiet --db "$db" "$TMP/tree" >"$TMP/out" 2>"$TMP/err"
check "an incremental run on a full disk exits 6" [ "$?" -eq 6 ]
"$FAHRAS_DBDUMP" "$db" >"$TMP/after"
check "and leaves the database exactly as before" cmp -s "$TMP/before" "$TMP/after"
# space again: the run completes and equals a fresh build
"$FAHRAS_BIN" index --quiet --db "$db" "$TMP/tree" || bad "run after space is back"
"$FAHRAS_BIN" index --quiet --db "$TMP/fresh" "$TMP/tree"
"$FAHRAS_DBDUMP" "$db" >"$TMP/a"; "$FAHRAS_DBDUMP" "$TMP/fresh" >"$TMP/b"
check "after space is back the database equals a fresh build" cmp -s "$TMP/a" "$TMP/b"
finish
