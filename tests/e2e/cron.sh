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
exec 9>"$log.lock"
flock -n 9
out=$("$cron" --log "$log" --db "$TMP/db" "$tree")
rc=$?
check "a run while another holds the lock exits 5" [ "$rc" -eq 5 ]
exec 9>&-
sleep 1.1
touch "$tree/text/water-basra.txt"
rm "$tree/text/cholera-syria.txt"
dry=$("$FAHRAS_BIN" index --dry-run --db "$TMP/db" "$tree")
check "--dry-run lists the re-read file" grep -q $'^reread\t.*water-basra.txt' <<<"$dry"
check "--dry-run lists the deleted file" grep -q $'^delete\t.*cholera-syria.txt' <<<"$dry"
check "--dry-run writes nothing" [ "$("$FAHRAS_BIN" stats --db "$TMP/db" --json | jq -r .articles)" -eq 36 ]
finish
