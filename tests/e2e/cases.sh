# End-to-end: every row of shared/cases/arabic_search_cases.tsv (kinds
# normalization, stemming, tokenization, encoding, query parsing,
# highlighting, ranking, ops).  Each row's document is indexed alone (A and
# B as two files when the row has "A: ... || B: ..."), its query is run, and
# the expected outcome is checked: a match, "A only", "rank A above B", and
# for highlighting rows that every highlight is a whole query word and the
# snippet is stored text (logical order, no presentation forms).
. "$(dirname "$0")/lib.sh"
need_shared cases/arabic_search_cases.tsv
while IFS=$'\t' read -r id kind doc query expected _url; do
  case "$kind" in normalization|stemming|tokenization|encoding|"query parsing"|highlighting|ranking|ops) ;; *) continue ;; esac
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
  if [[ "$expected" == "rank A"*"above B"* ]]; then
    first=$(head -n 1 <<<"$got")
    if [ "$first" = a.txt ] && grep -qx b.txt <<<"$got"; then ok "$id ($kind) '$query' ranks A above B"; else bad "$id ($kind) '$query': got [$(echo $got)], wanted A first — $expected"; fi
    if [[ "$expected" == *"quoted"*"matches A only"* ]]; then
      qgot=$(ids "$db" 5 "\"$query\"")
      if [ "$qgot" = a.txt ]; then ok "$id: the quoted phrase matches A only"; else bad "$id: quoted '$query' got [$(echo $qgot)]"; fi
    fi
  elif [ "$kind" = highlighting ]; then
    hit=$("$FAHRAS_BIN" search --db "$db" --json --limit 1 "$query" | head -n 1)
    [ "$(jq -r .id <<<"$hit")" = a.txt ] || { bad "$id: no match"; continue; }
    jq -j .snippet <<<"$hit" >"$TMP/snip"
    nh=$(jq '.highlights | length' <<<"$hit")
    allq=1
    for pair in $(jq -r '.highlights[] | "\(.[0]):\(.[1])"' <<<"$hit"); do
      hs=${pair%%:*}; he=${pair##*:}
      w=$(tail -c +$((hs + 1)) "$TMP/snip" | head -c $((he - hs)))
      # the highlighted text, without tashkeel, is the query word
      [ "$(python3 -c 'import sys,re; print(re.sub("[\u064B-\u0652\u0670]", "", sys.argv[1]))' "$w")" = "$query" ] || allq=0
    done
    if [ "$nh" -ge 1 ] && [ "$allq" = 1 ]; then ok "$id (highlighting) every highlight is '$query' ($nh)"; else bad "$id (highlighting): highlights [$(jq -c .highlights <<<"$hit")] in '$(cat "$TMP/snip")'"; fi
    check "$id: the snippet is a substring of the stored text" grep -qF "$(cat "$TMP/snip")" "$dir/a.txt"
    check "$id: no presentation forms (U+FB50-U+FEFF) in the output" python3 -c '
import sys
t = open(sys.argv[1], encoding="utf-8").read()
assert not any(0xFB50 <= ord(c) <= 0xFEFF for c in t)' "$TMP/snip"
  elif [[ "$expected" == "match A only"* ]]; then
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
