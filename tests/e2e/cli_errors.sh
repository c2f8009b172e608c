# End-to-end: exit codes and messages of the Contract on bad use.
. "$(dirname "$0")/lib.sh"
db="$TMP/db"
expect_exit 3 "search on a missing database" "$FAHRAS_BIN" search --db "$TMP/none" "العراق"
check "the message names the database" grep -q "$TMP/none" "$TMP/err"
expect_exit 2 "search without a query" "$FAHRAS_BIN" search --db "$db"
expect_exit 2 "unknown command" "$FAHRAS_BIN" frobnicate
expect_exit 2 "index without a directory" "$FAHRAS_BIN" index --db "$db"
expect_exit 2 "unknown stemmer" "$FAHRAS_BIN" index --db "$db" --stemmer porter "$FAHRAS_SRC/corpus"
expect_exit 0 "--version" "$FAHRAS_BIN" --version
expect_exit 0 "search --help" "$FAHRAS_BIN" search --help
expect_exit 0 "index the corpus" "$FAHRAS_BIN" index --db "$db" "$FAHRAS_SRC/corpus"
expect_exit 2 "unclosed quote is a syntax error" "$FAHRAS_BIN" search --db "$db" '"أزمة المياه'
check "syntax error names the position" grep -q "character 1" "$TMP/err"
expect_exit 2 "punctuation-only query" "$FAHRAS_BIN" search --db "$db" "؟!،"
expect_exit 1 "nothing found exits 1" "$FAHRAS_BIN" search --db "$db" "كمبيوتركوانتي"
expect_exit 2 "invalid UTF-8 in the query" "$FAHRAS_BIN" search --db "$db" "$(printf '\xd8')"
expect_exit 0 "phrase query" "$FAHRAS_BIN" search --db "$db" '"أزمة المياه"'
LC_ALL=C LANG=C "$FAHRAS_BIN" search --db "$db" --json "موجة الحر" >"$TMP/c" 2>&1
check "LANG=C gives the same first hit" grep -q '"id":"text/heatwave-iraq.txt"' "$TMP/c"
check "«» quote a phrase like \"\"" [ "$(ids "$db" 50 '«ضبط الحدود»')" = "$(ids "$db" 50 '"ضبط الحدود"')" ]
expect_exit 0 "--limit 0 with matches exits 0" "$FAHRAS_BIN" search --db "$db" --limit 0 العراق
expect_exit 3 "--db naming a regular file" "$FAHRAS_BIN" index --db "$FAHRAS_SRC/README.md" "$FAHRAS_SRC/corpus"
expect_exit 2 "unknown --encoding" "$FAHRAS_BIN" index --db "$TMP/enc" --encoding nonsense "$FAHRAS_SRC/corpus"
check "no database is created for a usage error" [ ! -e "$TMP/enc" ]
expect_exit 2 "a directory that does not exist" "$FAHRAS_BIN" index --db "$TMP/nodir" "$TMP/nonexistent"
check "the missing directory is named" grep -q "$TMP/nonexistent" "$TMP/err"
# bad files do not stop the run
bad_dir="$TMP/bad"
mkdir -p "$bad_dir"
printf 'عنوان\n\nنص عربي صحيح عن المياه\n' >"$bad_dir/good.txt"
printf '\x1f\x8b\x08\x00\x00\x00\x00\x00' >"$bad_dir/broken.txt.gz"
printf '%%PDF-1.4 binary' >"$bad_dir/doc.pdf.txt"
: >"$bad_dir/empty.txt"
printf '<DOC>\n<DOCNO>X-1</DOCNO>\n<TITLE>بلا نهاية</TITLE>\n<TEXT>نص & رمز < غريب\n' >"$bad_dir/unterminated.txt"
printf 'x' >"$bad_dir/secret.txt"; chmod 000 "$bad_dir/secret.txt"
ln -s "$bad_dir" "$bad_dir/loop"
ln -s "$bad_dir/nowhere" "$bad_dir/dangling"
printf 'عنوان قديم\r\rنص بنهايات أسطر ماك\rسطر آخر\r' >"$bad_dir/cr.txt"
{ printf 'خبر معطوب\n\n'; for i in $(seq 1 40); do printf 'نص سليم عن السدود '; done; printf '\xff\xfe'; printf ' نهاية'; } >"$bad_dir/damaged.txt"
"$FAHRAS_BIN" index --db "$TMP/db2" "$bad_dir" >"$TMP/out" 2>"$TMP/err"
rc=$?
cat "$TMP/out" "$TMP/err"
if [ "$(id -u)" = 0 ]; then
  check "broken gzip makes the run exit 1" [ "$rc" -eq 1 ]
else
  check "unreadable and broken files make the run exit 1" [ "$rc" -eq 1 ]
fi
check "broken gzip is named" grep -q "broken.txt.gz.*gzip" "$TMP/err"
if [ "$(id -u)" = 0 ]; then want=5; else want=4; fi  # root can read secret.txt
check "the good and the unterminated record are indexed" grep -q "$want articles indexed" "$TMP/err"
"$FAHRAS_BIN" index --verbose --db "$TMP/db3" "$bad_dir" >"$TMP/v" 2>&1
for what in "loop.*symbolic link loop" "empty.txt.*empty file" "doc.pdf.txt.*PDF" "unterminated.txt.*without </DOC>" "dangling.*broken symbolic link" "damaged.txt.*byte offset"; do
  check "--verbose lists: $what" grep -q "$what" "$TMP/v"
done
check "the symlink loop is not followed" [ "$(ids "$TMP/db2" 10 "المياه" | wc -l)" -eq 1 ]
check "CR-only line ends separate words" grep -qx "cr.txt" <<<"$(ids "$TMP/db2" 3 "سطر")"
check "CR-only line ends: the first line is the title" grep -q '"title":"عنوان قديم"' <<<"$("$FAHRAS_BIN" search --db "$TMP/db2" --json سطر)"
check "one damaged byte keeps the file UTF-8" grep -qx "damaged.txt" <<<"$(ids "$TMP/db2" 3 "السدود")"
check "unterminated record is searchable" grep -qx "X-1" <<<"$(ids "$TMP/db2" 3 "رمز غريب")"
chmod 600 "$bad_dir/secret.txt"
# --db naming a file: a plain message, not Xapian's "Bad line"
printf 'x\n' >"$TMP/a-file"
for cmd in search stats check; do
  if [ "$cmd" = search ]; then expect_exit 3 "search --db FILE" "$FAHRAS_BIN" search --db "$TMP/a-file" word
  else expect_exit 3 "$cmd --db FILE" "$FAHRAS_BIN" "$cmd" --db "$TMP/a-file"; fi
  check "$cmd says it is a file, not a database directory" grep -q "is a file, not a database directory" "$TMP/err"
done
# show --json: a line for every id asked for, found or not
"$FAHRAS_BIN" index --quiet --db "$TMP/showdb" "$FAHRAS_SRC/corpus/text" || bad "index for show"
expect_exit 1 "show --json with an unknown id" "$FAHRAS_BIN" show --db "$TMP/showdb" --json no-such-id water-basra.txt
check "a not_found line for it" grep -q '^{"type":"not_found","id":"no-such-id"}$' "$TMP/out"
check "and the article for the known one" grep -q '"type":"article","id":"water-basra.txt"' "$TMP/out"
finish
