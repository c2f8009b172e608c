# End-to-end: a second run skips unchanged files and, after files are
# added, modified, deleted, renamed, touched, and a record is removed from a
# multi-record file, the database holds exactly what a fresh build of the
# same tree holds (same ids, same stored articles).
. "$(dirname "$0")/lib.sh"
tree="$TMP/tree"
cp -r "$FAHRAS_SRC/corpus" "$tree"
"$FAHRAS_BIN" index --quiet --db "$TMP/db" "$tree" || bad "first run"
out=$("$FAHRAS_BIN" index --db "$TMP/db" "$tree")
check "a second run skips all 33 unchanged files" grep -q "incremental: 33 unchanged files skipped" <<<"$out"
check "and indexes nothing" grep -q "; 0 articles indexed" <<<"$out"
sleep 1.1  # a new modification time even on coarse file systems
sed -i 's/العراق/العراق الجديد/' "$tree/text/water-basra.txt"
rm "$tree/text/tunisia-election.txt"
touch "$tree/text/hajj-season.txt"
mv "$tree/text/egypt-pound.txt" "$tree/text/egypt-pound-renamed.txt"
mkdir "$tree/archive" && mv "$tree/sgml/bundle-2.sgml" "$tree/archive/" && mv "$tree/text/al-hol-camp.txt" "$tree/archive/"
printf 'خبر جديد\n\nنص جديد عن السدود\n' >"$tree/text/new.txt"
python3 - "$tree/sgml/bundle-1.sgml" <<'PY'
import sys
p = sys.argv[1]
parts = open(p, encoding="utf-8").read().split("</DOC>")
open(p, "w", encoding="utf-8").write("</DOC>".join(parts[:1] + parts[2:]))  # drop record 2
PY
out=$("$FAHRAS_BIN" index --db "$TMP/db" "$tree")
echo "$out"
check "changed files re-read, the rest skipped; the touched and the renamed file are not re-read" grep -q "incremental: 26 unchanged files skipped, 1 touched (same content, not re-read), 3 moved or renamed ([0-9]* articles kept, not re-read), 1 removed file, 2 articles deleted" <<<"$out"
"$FAHRAS_BIN" index --quiet --db "$TMP/fresh" "$tree" || bad "fresh build"
xapian-delve -A Q "$TMP/db" | tr ' ' '\n' | grep '^Q' | sort >"$TMP/a"
xapian-delve -A Q "$TMP/fresh" | tr ' ' '\n' | grep '^Q' | sort >"$TMP/b"
check "same article ids as a fresh build" diff "$TMP/a" "$TMP/b"
sed 's/^Q//' "$TMP/b" | xargs "$FAHRAS_BIN" show --db "$TMP/db" --json >"$TMP/sa"
sed 's/^Q//' "$TMP/b" | xargs "$FAHRAS_BIN" show --db "$TMP/fresh" --json >"$TMP/sb"
check "same stored articles as a fresh build" diff "$TMP/sa" "$TMP/sb"
"$FAHRAS_DBDUMP" "$TMP/db" >"$TMP/da" && "$FAHRAS_DBDUMP" "$TMP/fresh" >"$TMP/db_"
check "same terms, wdf, positions, values and data as a fresh build" diff "$TMP/da" "$TMP/db_"
check "the removed record is gone" [ "$(ids "$TMP/db" 5 "داعش كركوك" | grep -c FAH-2019-0014)" -eq 0 ]
# a second round: everything touched, one file renamed again
sleep 1.1
find "$tree" -type f -exec touch {} +
mv "$tree/archive/al-hol-camp.txt" "$tree/al-hol.txt"
out=$("$FAHRAS_BIN" index --db "$TMP/db" "$tree")
check "touched files are not re-read" grep -q "; 0 articles indexed" <<<"$out"
rm -rf "$TMP/fresh" && "$FAHRAS_BIN" index --quiet --db "$TMP/fresh" "$tree"
"$FAHRAS_DBDUMP" "$TMP/db" >"$TMP/da" && "$FAHRAS_DBDUMP" "$TMP/fresh" >"$TMP/db_"
check "still the same as a fresh build" diff "$TMP/da" "$TMP/db_"
expect_exit 0 "fahras check passes" "$FAHRAS_BIN" check --db "$TMP/db"
# a run over another directory leaves these articles alone
mkdir -p "$TMP/other" && printf 'عنوان آخر\n\nنص آخر\n' >"$TMP/other/x.txt"
"$FAHRAS_BIN" index --quiet --db "$TMP/db" "$TMP/other"
check "indexing another directory keeps the first tree's articles" [ "$("$FAHRAS_BIN" stats --db "$TMP/db" --json | jq -r .articles)" -eq $(( $(wc -l <"$TMP/b") + 1 )) ]
finish
