# End-to-end over ../shared/corpus/cp1256 (Windows-1256, CRLF, a NUL at the
# end of each file): every article indexed, no mojibake term in the index.
. "$(dirname "$0")/lib.sh"
need_shared corpus/cp1256
db="$TMP/db"
out=$("$FAHRAS_BIN" index --db "$db" "$(shared_dir)/corpus/cp1256")
rc=$?
echo "$out"
check "index cp1256 exits 0" [ "$rc" -eq 0 ]
check "1455 articles indexed, 0 skipped, 0 failed" grep -q "1455 files (1455 read, 0 skipped, 0 failed); 1455 articles indexed" <<<"$out"
check "each file's encoding guess is counted as a note" grep -q "^1455 notes" <<<"$out"
xapian-delve -a "$db" | tr " " "\n" >"$TMP/terms"
check "the index has terms" [ "$(wc -l <"$TMP/terms")" -gt 10000 ]
moji=$(grep -c -E 'Ø|Ù|Ã|Ç|Ê|È|Ú|Ñ|Ý|á|ã' "$TMP/terms")
check "no mojibake term (found $moji)" [ "$moji" -eq 0 ]
check "no term carries a CR" [ "$(grep -c $'\r' "$TMP/terms")" -eq 0 ]
check "Arabic query finds articles" [ "$(ids "$db" 5 "كرة القدم" | wc -l)" -eq 5 ]
check "category folder is part of the id" grep -q "^رياضية/" <<<"$(ids "$db" 5 "كرة القدم")"
finish
