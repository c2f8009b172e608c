# End-to-end: every row of shared/cases/arabic_search_cases.tsv whose kind is
# normalization, stemming, tokenization or encoding.  Each row's document is
# indexed alone (A and B as two files when the row has "A: ... || B: ..."),
# its query is run, and the expected outcome is checked.
. "$(dirname "$0")/lib.sh"
need_shared cases/arabic_search_cases.tsv
while IFS=$'\t' read -r id kind doc query expected _url; do
  case "$kind" in normalization|stemming|tokenization|encoding) ;; *) continue ;; esac
  dir="$TMP/$id/docs"
  mkdir -p "$dir"
  if [[ "$doc" == *" || "* ]]; then
    a=${doc%% || *}; b=${doc#* || }
    printf '%s\n' "${a#A: }" >"$dir/a.txt"
    printf '%s\n' "${b#B: }" >"$dir/b.txt"
  elif [ "$kind" = encoding ] && [[ "$expected" == *"Windows-1256"* ]]; then
    printf '%s\n' "$doc" | iconv -f UTF-8 -t CP1256 >"$dir/a.txt"
  else
    printf '%s\n' "$doc" >"$dir/a.txt"
  fi
  db="$TMP/$id/db"
  "$FAHRAS_BIN" index --quiet --db "$db" "$dir" || { bad "$id: index failed"; continue; }
  if [[ "$expected" == *"LANG=C"* ]]; then
    got=$(LC_ALL=POSIX LANG=C "$FAHRAS_BIN" search --db "$db" --json --limit 5 "$query" | jq -r 'select(.type=="hit") | .id')
  else
    got=$(ids "$db" 5 "$query")
  fi
  if [[ "$expected" == "match A only"* ]]; then
    if grep -qx a.txt <<<"$got" && ! grep -qx b.txt <<<"$got"; then ok "$id ($kind) '$query' matches A only"; else bad "$id ($kind) '$query': got [$(echo $got)], wanted A only — $expected"; fi
  else
    if grep -qx a.txt <<<"$got"; then ok "$id ($kind) '$query' matches"; else bad "$id ($kind) '$query': no match — $expected"; fi
  fi
  if [ "$kind" = encoding ] && [[ "$expected" == *"mojibake"* ]]; then
    terms=$(xapian-delve -a "$db" | tr ' ' '\n')
    check "$id: no mojibake term in the index" [ "$(grep -c -E 'Ã|Ú|á|ä|Ê|æ|Ò|Ç|Ñ|É|Õ|Í' <<<"$terms")" -eq 0 ]
  fi
done <"$(shared_dir)/cases/arabic_search_cases.tsv"
# row-specific checks the expected text asks for
stem() { "$FAHRAS_BIN" analyze "$1" | cut -f3; }
check "B11: the analyzer really changes الكتاب (stem $(stem الكتاب))" [ "$(stem الكتاب)" = "كتاب" ]
check "B15: the stem of البطاطس keeps its initial ب ($(stem البطاطس))" [ "$(stem البطاطس)" = "بطاطس" ]
check "B16: فهم keeps its ف ($(stem فهم))" [ "$(stem فهم)" = "فهم" ]
finish
