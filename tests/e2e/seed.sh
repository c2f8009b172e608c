# End-to-end over the user's seed article (../shared/corpus/seed).
. "$(dirname "$0")/lib.sh"
need_shared corpus/seed
db="$TMP/db"
"$FAHRAS_BIN" index --db "$db" "$(shared_dir)/corpus/seed" || bad "index seed"
id=elaph-2021-macron-kadhimi.txt
for q in "ماكرون" "الكاظمى" "أزمة المياه" "ازمة المياة" "ضبط الحدود" "قمة بغداد" "اردوغان" "العاهل الأردني" "تنظيم داعش" "الرئيس الفرنسي إيمانويل ماكرون"; do
  check "'$q' finds the seed article" grep -qx "$id" <<<"$(ids "$db" 1 "$q")"
done
expect_exit 1 "a word absent from the article finds nothing" "$FAHRAS_BIN" search --db "$db" "سكريبال"
json=$("$FAHRAS_BIN" search --db "$db" --json "ضبط الحدود")
hit=$(head -n 1 <<<"$json")
check "hit line has the Contract keys" grep -q '"type":"hit","rank":1,"score":[0-9.e+-]*,"id":"elaph-2021-macron-kadhimi.txt","title":null,"date":null,"source":null,"url":null,"path":"elaph-2021-macron-kadhimi.txt","snippet":"' <<<"$hit"
check "snippet highlights ضبط and الحدود" grep -q '"highlights":\[\[[0-9]*,[0-9]*\],\[[0-9]*,[0-9]*\]' <<<"$hit"
check "hit has the entities object" jq -e '.entities | has("leaders") and has("countries") and has("topics")' <<<"$hit"
check "entities: Macron and al-Kadhimi" jq -e '.entities.leaders | any(. == "emmanuel-macron") and any(. == "mustafa-al-kadhimi")' <<<"$hit"
check "entities: France and Iraq" jq -e '.entities.countries | any(. == "FR") and any(. == "IQ")' <<<"$hit"
check "entities: the summit topic (water and borders are named once each: not enough for a topic)" jq -e '.entities.topics | any(. == "diplomacy-summits") and (any(. == "water-crisis") | not)' <<<"$hit"
check "last line is the summary" grep -q '^{"type":"summary","query":"ضبط الحدود","total_estimate":1,"returned":1,"elapsed_ms":' <<<"$(tail -n 1 <<<"$json")"
# the highlighted bytes are exactly the matched words
jq -j '.snippet' <<<"$hit" >"$TMP/snippet"
for pair in $(jq -r '.highlights[] | "\(.[0]):\(.[1])"' <<<"$hit"); do
  s=${pair%%:*}; e=${pair##*:}
  word=$(tail -c +$((s + 1)) "$TMP/snippet" | head -c $((e - s)))
  check "highlight [$s,$e] is a matched word (got '$word')" grep -Eqx 'ضبط|الحدود' <<<"$word"
done
check "snippet is a substring of the stored body" grep -qF "$(head -c 60 "$TMP/snippet")" "$(shared_dir)/corpus/seed/$id"
finish
