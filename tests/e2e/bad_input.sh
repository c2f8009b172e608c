# End-to-end: each class of bad input has its defined behaviour, a message
# naming the file (and line or offset), and the run goes on.
. "$(dirname "$0")/lib.sh"
d="$TMP/in"
mkdir -p "$d"
printf '[{"title": "خبر أول عن المياه", "content": "نص"}, {"title": "خبر ثان", "content": "نص" ,, }]' >"$d/broken-array.json"
{ printf '{"title": "سطر أول عن السدود", "content": "نص"}\n'; printf '{"title": "سطر ثان", "content": "نص"}\n'; printf '{"title": "سطر معطوب", content}\n'; printf '{"title": "سطر رابع", "content": "نص"}\n'; } >"$d/lines.jsonl"
printf '[{"title": "", "content": ""}, {"title": "له عنوان فقط"}]' >"$d/empty-records.json"
printf 'عنوان\n\nنص فيه\x00 صفر و\x07 جرس و\x1b هروب\n' >"$d/controls.txt"
printf '<rss version="2.0"><channel><title>x</title><item><title>بند بلا إغلاق' >"$d/broken.rss"
printf 'PK\x03\x04zipdata' >"$d/archive.zip"
printf 'x' >"$d/bundle.tar.gz"
: >"$d/empty.json"
"$FAHRAS_BIN" index --verbose --db "$TMP/db" "$d" >"$TMP/out" 2>&1
rc=$?
cat "$TMP/out"
check "a run with broken files exits 1" [ "$rc" -eq 1 ]
check "invalid JSON array: file and line named" grep -q "broken-array.json: invalid JSON at line 1 (byte offset [0-9]*) after 1 record" "$TMP/out"
check "invalid JSON Lines: line 3 named" grep -q "lines.jsonl: 1 invalid JSON line(s), the first at line 3 .*the other 3 record(s) are indexed" "$TMP/out"
check "JSON Lines: the line after the bad one is indexed too" [ "$(ids "$TMP/db" 5 "سطر رابع" | wc -l)" -ge 1 ]
printf '[فيديو] لحظة انهيار مبنى في الموصل\n\nنص الخبر عن الانهيار.\n' >"$TMP/bracket.txt"
mkdir -p "$TMP/br" && mv "$TMP/bracket.txt" "$TMP/br/"
"$FAHRAS_BIN" index --quiet --db "$TMP/dbbr" "$TMP/br"
check "a text file starting with [ is read as text" [ "$(ids "$TMP/dbbr" 5 "الموصل" | wc -l)" -eq 1 ]
check "records before a JSON error are kept" [ "$(ids "$TMP/db" 5 "السدود" | wc -l)" -eq 1 ]
check "the array's first record is kept" grep -qx "broken-array.json#1" <<<"$(ids "$TMP/db" 5 "المياه")"
check "empty record counted, title-only record indexed" grep -q "1 empty records not indexed" "$TMP/out"
check "title-only record searchable" [ "$(ids "$TMP/db" 5 "عنوان فقط" | wc -l)" -ge 1 ]
check "control characters do not glue words" [ "$(ids "$TMP/db" 5 "صفر" | wc -l)" -eq 1 ]
check "zip is skipped as an archive" grep -q "archive.zip: skipped: .*unpack it first" "$TMP/out"
check "tar.gz is skipped by name" grep -q "bundle.tar.gz: skipped: tar archive" "$TMP/out"
check "empty file skipped" grep -q "empty.json: skipped: empty file" "$TMP/out"
check "truncated RSS still yields its item (libxml2 recovery)" [ "$(ids "$TMP/db" 5 "بلا إغلاق" | wc -l)" -eq 1 ]
log="${XDG_STATE_HOME:-$HOME/.local/state}/fahras/index.log"
check "the log file lists every problem ($log)" grep -q "lines.jsonl" "$log"
"$FAHRAS_BIN" index --db "$TMP/db3" "$d" >"$TMP/out3" 2>&1
check "without --verbose the summary names the log file" grep -q "all listed in $log" "$TMP/out3"
check "the log keeps earlier runs (a failure is reported by one run only)" grep -q "lines.jsonl" "$log"
check "each run under a header with the time and the database" [ "$(grep -c "^== .* fahras index into " "$log")" -ge 2 ]
# --format forces a reader; --encoding forces a code page
printf '\xe8\xd2\xc7\xd1\xc9 \xc7\xe4\xd5\xcd\xc9\n' >"$TMP/iso.txt"
mkdir -p "$TMP/iso" && mv "$TMP/iso.txt" "$TMP/iso/"
"$FAHRAS_BIN" index --quiet --db "$TMP/db2" "$TMP/iso"
check "ISO-8859-6 detected" [ "$(ids "$TMP/db2" 5 "وزارة الصحة" | wc -l)" -eq 1 ]
# a file that fails on its content is reported once, not by every (cron) run, until it changes
mkdir -p "$TMP/once" && cp "$FAHRAS_SRC/corpus/text/water-basra.txt" "$TMP/once/"
gzip -c "$FAHRAS_SRC/corpus/text/water-basra.txt" | head -c 120 >"$TMP/once/cut.txt.gz"
expect_exit 1 "a truncated .gz fails the first run" "$FAHRAS_BIN" index --quiet --db "$TMP/db4" "$TMP/once"
check "naming it" grep -q "cut.txt.gz" "$TMP/err"
expect_exit 0 "the next run, with the file unchanged, is quiet" "$FAHRAS_BIN" index --quiet --db "$TMP/db4" "$TMP/once"
check "and prints nothing" [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ]
gzip -c "$FAHRAS_SRC/corpus/text/water-basra.txt" | head -c 100 >"$TMP/once/cut.txt.gz"
expect_exit 1 "a changed (still bad) file is read and reported again" "$FAHRAS_BIN" index --quiet --db "$TMP/db4" "$TMP/once"
gzip -c "$FAHRAS_SRC/corpus/text/water-basra.txt" >"$TMP/once/cut.txt.gz"
expect_exit 0 "once repaired it is indexed" "$FAHRAS_BIN" index --quiet --db "$TMP/db4" "$TMP/once"
check "with its article" [ "$("$FAHRAS_BIN" stats --db "$TMP/db4" --json | jq -r .articles)" -eq 2 ]
chmod 000 "$TMP/once/water-basra.txt"
if [ "$(id -u)" != 0 ]; then
  touch "$TMP/once/water-basra.txt"
  expect_exit 1 "an unreadable file fails" "$FAHRAS_BIN" index --quiet --db "$TMP/db4" "$TMP/once"
  expect_exit 1 "and is retried (and reported) by the next run" "$FAHRAS_BIN" index --quiet --db "$TMP/db4" "$TMP/once"
fi
chmod 644 "$TMP/once/water-basra.txt"

# a truncated gzip file: the records before the cut are kept, the file fails once
if [ -d "$(shared_dir)/corpus/saudinewsnet" ]; then
  mkdir -p "$TMP/tgz"
  head -c 100000 "$(ls "$(shared_dir)"/corpus/saudinewsnet/*.json.gz | head -1)" >"$TMP/tgz/cut.json.gz"
  expect_exit 1 "a truncated .json.gz fails" "$FAHRAS_BIN" index --quiet --db "$TMP/dbt" "$TMP/tgz"
  check "saying the records before the damage are kept" grep -q "truncated gzip file .*records before it are kept" "$TMP/err"
  check "and they are" [ "$("$FAHRAS_BIN" stats --db "$TMP/dbt" --json | jq -r .articles)" -gt 10 ]
  expect_exit 0 "the next run (file unchanged) is quiet" "$FAHRAS_BIN" index --quiet --db "$TMP/dbt" "$TMP/tgz"
fi

# random bytes are binary data, not a windows-1256 article; a file that held
# an article and is overwritten with them keeps its article (exit 1, once)
mkdir -p "$TMP/rnd"
cp "$FAHRAS_SRC/corpus/text/water-basra.txt" "$TMP/rnd/"
"$FAHRAS_BIN" index --quiet --db "$TMP/dbr" "$TMP/rnd" || bad "random: first run"
head -c 5000 /dev/urandom >"$TMP/rnd/random.dat"
expect_exit 0 "a new file of random bytes is skipped" "$FAHRAS_BIN" index --db "$TMP/dbr" "$TMP/rnd"
check "not indexed" [ "$("$FAHRAS_BIN" stats --db "$TMP/dbr" --json | jq -r .articles)" -eq 1 ]
head -c 8000 /dev/urandom >"$TMP/rnd/water-basra.txt"
expect_exit 1 "an article file overwritten with random bytes fails" "$FAHRAS_BIN" index --quiet --db "$TMP/dbr" "$TMP/rnd"
check "saying its article is kept" grep -q "water-basra.txt: it held 1 article and is now binary data" "$TMP/err"
check "which it is" [ "$(ids "$TMP/dbr" 5 "البصرة" | grep -c water-basra)" -eq 1 ]
expect_exit 0 "the next run (file unchanged) is quiet" "$FAHRAS_BIN" index --quiet --db "$TMP/dbr" "$TMP/rnd"
expect_exit 0 "check passes" "$FAHRAS_BIN" check --db "$TMP/dbr"

# a subdirectory that cannot be read (permissions) is not a removal: its
# files' articles stay until a run can read it again.  Root reads anything,
# so under root the runs go as the user nobody.
nobody() {
  if [ "$(id -u)" = 0 ]; then
    XDG_STATE_HOME="$TMP/nb/state" setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
  else
    XDG_STATE_HOME="$TMP/nb/state" "$@"
  fi
}
if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null; then
  mkdir -p "$TMP/nb" "$TMP/perm/pub" "$TMP/perm/secret"
  chmod 777 "$TMP/nb" && chmod 711 "$TMP"
  cp "$FAHRAS_SRC/corpus/text/water-basra.txt" "$TMP/perm/pub/"
  cp "$(ls "$FAHRAS_SRC"/corpus/text/*.txt | grep -v water-basra | head -1)" "$TMP/perm/secret/"
  chmod -R a+rwX "$TMP/perm"
  expect_exit 0 "a tree with a subdirectory" nobody "$FAHRAS_BIN" index --quiet --db "$TMP/nb/db" "$TMP/perm"
  n0=$("$FAHRAS_BIN" stats --db "$TMP/nb/db" --json | jq -r .articles)
  chmod 000 "$TMP/perm/secret"
  expect_exit 1 "--dry-run with the subdirectory unreadable exits 1" nobody "$FAHRAS_BIN" index --dry-run --db "$TMP/nb/db" "$TMP/perm"
  check "and would delete nothing" sh -c "! grep -q '^delete' '$TMP/out'"
  expect_exit 1 "the run with the subdirectory unreadable fails" nobody "$FAHRAS_BIN" index --quiet --db "$TMP/nb/db" "$TMP/perm"
  check "naming it" grep -q "perm/secret" "$TMP/err"
  check "and deletes nothing (the subdirectory's article is kept)" \
    [ "$("$FAHRAS_BIN" stats --db "$TMP/nb/db" --json | jq -r .articles)" -eq "$n0" ]
  chmod 755 "$TMP/perm/secret"
  expect_exit 0 "readable again: the run succeeds" nobody "$FAHRAS_BIN" index --quiet --db "$TMP/nb/db" "$TMP/perm"
  check "with all the articles" [ "$("$FAHRAS_BIN" stats --db "$TMP/nb/db" --json | jq -r .articles)" -eq "$n0" ]
  # the whole DIR unreadable: one error, not also "the directory is empty now"
  chmod 000 "$TMP/perm"
  expect_exit 1 "an unreadable DIR fails the run" nobody "$FAHRAS_BIN" index --quiet --db "$TMP/nb/db" "$TMP/perm"
  check "with one error, not the empty-directory one" sh -c "! grep -q 'empty now' '$TMP/err'"
  chmod 755 "$TMP/perm"
  check "and keeps the articles" [ "$("$FAHRAS_BIN" stats --db "$TMP/nb/db" --json | jq -r .articles)" -eq "$n0" ]
  chmod 700 "$TMP"
else
  ok "no setpriv to run as another user: the unreadable-subdirectory case is not tested here"
fi
finish
