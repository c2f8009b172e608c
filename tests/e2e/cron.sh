# End-to-end: scripts/fahras-cron is silent on success, logs one line per
# run, reports failures with the exit code, and keeps one run at a time;
# index --dry-run lists what a run would do.
. "$(dirname "$0")/lib.sh"
cron="$FAHRAS_SRC/scripts/fahras-cron"
export FAHRAS_BIN
log="$TMP/cron.log"
tree="$TMP/tree"
cp -r "$FAHRAS_SRC/corpus" "$tree"
out=$("$cron" --log "$log" --db "$TMP/db" "$tree")
rc=$?
check "success exits 0" [ "$rc" -eq 0 ]
check "success prints nothing" [ -z "$out" ]
check "one log line with exit=0" [ "$(grep -c $'\texit=0\t' "$log")" -eq 1 ]
printf '\x1f\x8b\x08\x00broken' >"$tree/broken.txt.gz"
out=$("$cron" --log "$log" --db "$TMP/db" "$tree")
rc=$?
check "a failed file exits 1" [ "$rc" -eq 1 ]
check "and the failure is printed for cron's mail" grep -q "broken.txt.gz" <<<"$out"
check "two log lines" [ "$(wc -l <"$log")" -eq 2 ]
rm "$tree/broken.txt.gz"
lockf="$TMP/cron-$(printf '%s' "$(realpath -m "$TMP/db")" | sha1sum | cut -c1-12).lock"
exec 9>"$lockf"
flock -n 9
out=$("$cron" --db "$TMP/db" "$tree" --log "$log")
rc=$?
check "a run while another holds its database's lock exits 5" [ "$rc" -eq 5 ]
check "quietly (cron mails nothing)" [ -z "$out" ]
check "and logs busy" grep -q "busy: the previous run" "$log"
out=$("$cron" --log "$log" --db "$TMP/db2" "$FAHRAS_SRC/corpus/text")
check "a run on another database is not blocked" [ "$?" -eq 0 ]
exec 9>&-
# an emptied DIR (an unmounted disk) does not empty the index
mkdir -p "$TMP/mnt" && cp "$FAHRAS_SRC/corpus/text/"*.txt "$TMP/mnt/"
"$FAHRAS_BIN" index --quiet --db "$TMP/dbm" "$TMP/mnt"
n0=$("$FAHRAS_BIN" stats --db "$TMP/dbm" --json | jq -r .articles)
mv "$TMP/mnt" "$TMP/mnt.away" && mkdir "$TMP/mnt"
out=$("$cron" --log "$log" --db "$TMP/dbm" "$TMP/mnt")
rc=$?
check "an emptied DIR: the run fails (exit 1)" [ "$rc" -eq 1 ]
check "and says why" grep -q "is empty now but" <<<"$out"
check "the articles are kept" [ "$("$FAHRAS_BIN" stats --db "$TMP/dbm" --json | jq -r .articles)" -eq "$n0" ]
sleep 1.1
touch "$tree/text/water-basra.txt"
rm "$tree/text/cholera-syria.txt"
dry=$("$FAHRAS_BIN" index --dry-run --db "$TMP/db" "$tree")
check "--dry-run lists the re-read file" grep -q $'^reread\t.*water-basra.txt' <<<"$dry"
check "--dry-run lists the deleted file" grep -q $'^delete\t.*cholera-syria.txt' <<<"$dry"
check "--dry-run writes nothing" [ "$("$FAHRAS_BIN" stats --db "$TMP/db" --json | jq -r .articles)" -eq 36 ]
# installed as scripts/setup does (both in one bin directory) and run with
# cron's own environment: PATH=/usr/bin:/bin, no FAHRAS_BIN
mkdir -p "$TMP/bin" "$TMP/home"
cp "$cron" "$TMP/bin/fahras-cron" && ln -s "$FAHRAS_BIN" "$TMP/bin/fahras"
out=$(env -i HOME="$TMP/home" PATH=/usr/bin:/bin "$TMP/bin/fahras-cron" --db "$TMP/dbc" "$FAHRAS_SRC/corpus/text")
rc=$?
check "under cron's PATH the installed wrapper finds fahras beside it (exit $rc)" [ "$rc" -eq 0 ]
check "and indexes" [ "$("$FAHRAS_BIN" stats --db "$TMP/dbc" --json | jq -r .articles)" -gt 0 ]
# the database held by another fahras (an index run by hand, compact): busy, quiet
exec 8>"$TMP/dbc/fahras.lock"
flock -n 8
out=$(env -i HOME="$TMP/home" PATH=/usr/bin:/bin "$TMP/bin/fahras-cron" --db "$TMP/dbc" "$FAHRAS_SRC/corpus/text")
rc=$?
check "a database held by another fahras: exit 5" [ "$rc" -eq 5 ]
check "quietly" [ -z "$out" ]
exec 8>&-
finish
