# End-to-end: database generations behind the XAPIANDB stub.  `index --full`
# builds a new generation while searches keep reading the old one and swaps
# it in; an analyzer upgrade makes search and incremental runs exit 4 until
# a --full (or --rebuild-if-needed) run; a killed --full leaves the old
# generation in use; a database made before generations (a plain glass
# directory) is converted by --full; a run without DIR uses the stored ones.
. "$(dirname "$0")/lib.sh"
db="$TMP/db"
cp -r "$FAHRAS_SRC/corpus" "$TMP/tree"
"$FAHRAS_BIN" index --quiet --db "$db" "$TMP/tree" || bad "first build"
count() { "$FAHRAS_BIN" stats --db "$1" --json | jq -r .articles; }

# a run without DIR re-indexes the directories the database lists
printf 'عنوان جديد\n\nنص عن سد النهضة\n' >"$TMP/tree/new.txt"
"$FAHRAS_BIN" index --quiet --db "$db" || bad "run without DIR"
check "a run without DIR picks up the new file" [ "$(count "$db")" -eq 37 ]

# --full over the same tree: a new generation, the old one removed
"$FAHRAS_BIN" index --quiet --full --db "$db" "$TMP/tree" || bad "--full"
check "--full moved the stub to gen-2" [ "$(cat "$db/XAPIANDB")" = "glass gen-2" ]
check "and removed gen-1" [ ! -e "$db/gen-1" ]
check "with the same articles" [ "$(count "$db")" -eq 37 ]
expect_exit 0 "check passes after --full" "$FAHRAS_BIN" check --db "$db"

# an analyzer upgrade from a version this fahras still searches (6: the
# lead values are all it lacks): searches go on, with a note; indexing into
# it needs the rebuild; stats reports it
"$FAHRAS_DBMETA" "$db" fahras.analyzer_version 6 || bad "dbmeta"
expect_exit 0 "search on a version 6 database works" "$FAHRAS_BIN" search --db "$db" المياه
check "with a note that names the rebuild" grep -q -- "note: .*analyzer version 6.*" "$TMP/err" && grep -q -- "index --full" "$TMP/err"
expect_exit 4 "an incremental run into it exits 4" "$FAHRAS_BIN" index --quiet --db "$db" "$TMP/tree"
check "and says searches go on meanwhile" grep -q "searches go on answering from it meanwhile" "$TMP/err"
expect_exit 0 "stats opens it" "$FAHRAS_BIN" stats --db "$db"
check "and says what the version means" grep -q "version 6.*this fahras: version" "$TMP/out"
expect_exit 4 "check runs its checks and exits 4 for the version" "$FAHRAS_BIN" check --db "$db"
check "saying searches work and index runs need the rebuild" grep -q "searches work, index runs exit 4" "$TMP/err"
expect_exit 4 "a dry run says the run would exit 4" "$FAHRAS_BIN" index --dry-run --db "$db" "$TMP/tree"
check "and names --full" grep -q -- "needs --full" "$TMP/err"
# a database from a newer fahras: not searched, and cron does not take it back a version
"$FAHRAS_DBMETA" "$db" fahras.analyzer_version 99 || bad "dbmeta"
expect_exit 4 "search on a newer version's database" "$FAHRAS_BIN" search --db "$db" المياه
check "says a newer fahras built it" grep -q "built by a newer fahras" "$TMP/err"
expect_exit 4 "--rebuild-if-needed does not downgrade it" "$FAHRAS_BIN" index --quiet --rebuild-if-needed --db "$db" "$TMP/tree"
check "the database still says 99" grep -q "version 99" <<<"$("$FAHRAS_BIN" stats --db "$db")"
# an analyzer upgrade: the database says it was built by version 2
"$FAHRAS_DBMETA" "$db" fahras.analyzer_version 2 || bad "dbmeta"
expect_exit 0 "stats opens any version" "$FAHRAS_BIN" stats --db "$db"
expect_exit 4 "search on a database of another analyzer version" "$FAHRAS_BIN" search --db "$db" المياه
check "says how to rebuild" grep -q -- "index --full" "$TMP/err"
expect_exit 4 "an incremental run refuses it too" "$FAHRAS_BIN" index --quiet --db "$db" "$TMP/tree"
check "and names --full" grep -q -- "--full" "$TMP/err"
check "and says searches refuse it meanwhile" grep -q "searches refuse it until it is done" "$TMP/err"
expect_exit 0 "--rebuild-if-needed rebuilds it" "$FAHRAS_BIN" index --quiet --rebuild-if-needed --db "$db" "$TMP/tree"
expect_exit 0 "search works after the rebuild" "$FAHRAS_BIN" search --db "$db" المياه
check "gen-3 is in use" [ "$(cat "$db/XAPIANDB")" = "glass gen-3" ]

# --db naming a directory that holds other things: refused, nothing created
mkdir -p "$TMP/docs" && echo hello >"$TMP/docs/letter.txt"
expect_exit 3 "--db on a directory of other files" "$FAHRAS_BIN" index --quiet --db "$TMP/docs" "$TMP/tree"
check "leaves it alone" [ "$(ls "$TMP/docs")" = "letter.txt" ]

# a plain glass database (built before generations) is used in place, and
# --full converts it
cp -r "$db/gen-3" "$TMP/legacy"
check "a copied generation is a plain glass database" [ -e "$TMP/legacy/iamglass" ]
printf 'خبر\n\nنص آخر عن الملوحة\n' >"$TMP/tree/new2.txt"
expect_exit 0 "an incremental run on a plain glass database" "$FAHRAS_BIN" index --quiet --db "$TMP/legacy" "$TMP/tree"
check "adds to it in place" [ "$(count "$TMP/legacy")" -eq 38 ]
expect_exit 0 "--full converts it to a stub and a generation" "$FAHRAS_BIN" index --quiet --full --db "$TMP/legacy" "$TMP/tree"
check "no glass files left at the top" [ ! -e "$TMP/legacy/iamglass" ] && [ -z "$(ls "$TMP/legacy" | grep '\.glass$')" ]
check "the stub names its generation" grep -q "^glass gen-" "$TMP/legacy/XAPIANDB"
check "with every article" [ "$(count "$TMP/legacy")" -eq 38 ]

# searches during a --full keep working on the old generation, and a killed
# --full leaves it in use
if [ -d "$(shared_dir)/corpus/ant-5k" ]; then
  big="$TMP/big"
  "$FAHRAS_BIN" index --quiet --db "$big" "$TMP/tree" || bad "small build"
  before=$(count "$big")
  "$FAHRAS_BIN" index --quiet --full --db "$big" "$TMP/tree" "$(shared_dir)/corpus/ant-5k" &
  pid=$!
  sleep 1
  n=0 fails=0
  while kill -0 "$pid" 2>/dev/null && [ $n -lt 20 ]; do
    "$FAHRAS_BIN" search --db "$big" --json المياه >/dev/null 2>"$TMP/serr" || fails=$((fails + 1))
    n=$((n + 1)); sleep 0.2
  done
  wait "$pid" || bad "the --full run"
  check "$n searches during --full all worked ($fails failed)" [ "$fails" -eq 0 ] && [ "$n" -gt 0 ]
  check "after the swap the new articles are there" [ "$(count "$big")" -gt 5000 ]
  # kill a --full half-way: the old generation stays in use, the next run cleans up
  gen=$(cat "$big/XAPIANDB")
  "$FAHRAS_BIN" index --quiet --full --db "$big" "$TMP/tree" "$(shared_dir)/corpus/ant-5k" &
  pid=$!
  sleep 2
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  check "a killed --full leaves the stub as it was" [ "$(cat "$big/XAPIANDB")" = "$gen" ]
  expect_exit 0 "searches still work" "$FAHRAS_BIN" search --db "$big" المياه
  "$FAHRAS_BIN" index --quiet --wait 10 --db "$big" "$TMP/tree" "$(shared_dir)/corpus/ant-5k" || bad "run after the kill"
  check "the next run removed the unfinished generation" [ "$(ls -d "$big"/gen-* | wc -l)" -eq 1 ]
  expect_exit 0 "check passes" "$FAHRAS_BIN" check --db "$big"
fi
finish
