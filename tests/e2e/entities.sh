# End-to-end: leaders, countries and topics (issue 6) on the project's own
# corpus: tags in JSON, --leader/--country/--topic and leader:/country:/
# topic: filters, ranking by mentions, facets, a user gazetteer (and the
# rebuild its change needs), and a bad gazetteer file.
. "$(dirname "$0")/lib.sh"
db="$TMP/db"
cp -r "$FAHRAS_SRC/corpus" "$TMP/tree"
"$FAHRAS_BIN" index --quiet --db "$db" "$TMP/tree" || bad "index"
first() { "$FAHRAS_BIN" search --db "$db" --json --limit 1 "$@" | jq -r 'select(.type=="hit") | .id'; }

check "--leader ماكرون: the Macron call first" [ "$(first --leader ماكرون)" = FAH-2021-0001 ]
check "--leader macron (English) finds the same" [ "$(first --leader macron)" = FAH-2021-0001 ]
check "leader:ماكرون inside the query" [ "$(first 'leader:ماكرون')" = FAH-2021-0001 ]
check "--leader with the spelling الكاظمى" [ -n "$(first --leader الكاظمى)" ]
top3() { "$FAHRAS_BIN" search --db "$db" --json --limit 3 "$@" | jq -r 'select(.type=="hit") | .id'; }
check "--topic \"أزمة المياه\" --country العراق: the Basra water crisis in the top 3" \
  grep -qx text/water-basra.txt <<<"$(top3 --topic "أزمة المياه" --country العراق)"
check "and every hit is tagged with both" sh -c "'$FAHRAS_BIN' search --db '$db' --json --topic 'أزمة المياه' --country العراق | jq -se '[.[] | select(.type==\"hit\")] | length > 0 and all(.entities.topics | any(. == \"water-crisis\")) and all(.entities.countries | any(. == \"IQ\"))' >/dev/null"
check "country:IQ topic:water-crisis in the query: the same articles" \
  [ "$(top3 'country:IQ topic:water-crisis')" = "$(top3 --topic "أزمة المياه" --country العراق)" ]
check "text plus an entity filter" [ -n "$(first --country العراق الملوحة)" ]
json=$("$FAHRAS_BIN" search --db "$db" --json --limit 1 --leader ماكرون)
check "JSON entities list the leader" jq -se '.[0].entities.leaders | any(. == "emmanuel-macron")' <<<"$json"
check "and the countries" jq -se '.[0].entities.countries | any(. == "FR") and any(. == "IQ")' <<<"$json"
expect_exit 2 "an unknown leader is a usage error" "$FAHRAS_BIN" search --db "$db" --leader "شخص مجهول"
check "that says so" grep -q "no leader 'شخص مجهول'" "$TMP/err"
expect_exit 2 "leader: with no name" "$FAHRAS_BIN" search --db "$db" "leader: المياه"
# leader:/country:/topic: inside the expression (parentheses, OR, AND, NOT, -)
n() { "$FAHRAS_BIN" search --db "$db" --count "$@"; }
iq=$(n country:العراق) mac=$(n leader:ماكرون) both=$(n --country العراق --leader ماكرون)
check "(leader:A OR country:B) is the union" [ "$(n '(leader:ماكرون OR country:العراق)')" -eq $((iq + mac - both)) ]
check "leader:A OR country:B without parentheses too" [ "$(n 'leader:ماكرون OR country:العراق')" -eq $((iq + mac - both)) ]
check "country:B -leader:A excludes" [ "$(n 'country:العراق -leader:ماكرون')" -eq $((iq - both)) ]
check "country:B NOT leader:A is the same" [ "$(n 'country:العراق NOT leader:ماكرون')" -eq $((iq - both)) ]
check "leader:A AND country:B is the intersection" [ "$(n 'leader:ماكرون AND country:العراق')" -eq "$both" ]
check "text AND (country:B OR country:C)" [ "$(n 'المياه AND (country:العراق OR country:سوريا)')" -le "$(n المياه)" ] && [ "$(n 'المياه AND (country:العراق OR country:سوريا)')" -ge "$(n المياه --country العراق)" ]
check "entities alone in parentheses rank by mentions (the Macron call first)" [ "$(first '(leader:ماكرون OR leader:"مصطفى الكاظمي")')" = FAH-2021-0001 ]
# source:/date: in the query restrict entity-only queries too (as --source/--from/--to)
check "country:X date:Y is country X in period Y" [ "$(n 'country:العراق date:2022')" -eq "$(n --country العراق --from 2022 --to 2022)" ]
check "and fewer than country X alone" [ "$(n 'country:العراق date:2022')" -lt "$iq" ]
check "leader:X source:S is the same as the flags" [ "$(n 'leader:ماكرون source:fahras-daily')" -eq "$(n --leader ماكرون --source fahras-daily)" ]
check "date: alone lists that period's articles" [ "$(n 'date:2022')" -eq "$(n --from 2022 --to 2022)" ] && [ "$(n 'date:2022')" -ge 1 ]
check "-leader:X as its own argument excludes (not an option)" [ "$("$FAHRAS_BIN" search --db "$db" --count country:العراق -leader:ماكرون)" -eq $((iq - both)) ]
expect_exit 2 "an unknown leader inside parentheses" "$FAHRAS_BIN" search --db "$db" "(leader:مجهول OR المياه)"
check "says which and where" grep -q "no leader 'مجهول'.*character 2" "$TMP/err"

# facets
out=$("$FAHRAS_BIN" facets --db "$db" --json --topic "ضبط الحدود")
check "facets --topic \"ضبط الحدود\" counts countries" jq -se '[.[] | select(.facet=="countries")] | length > 0' <<<"$out"
check "Iraq or Syria among them" jq -se '[.[] | select(.facet=="countries") | .key] | any(. == "IQ" or . == "SY")' <<<"$out"
check "facets gives the number of matches" jq -se '.[-1].matches > 0' <<<"$out"
all=$("$FAHRAS_BIN" facets --db "$db" --json --by sources --top 100)
check "facets over everything counts every article" jq -se '.[-1].matches == 36' <<<"$all"
check "and the articles of each source" jq -se '[.[] | select(.facet=="sources" and .key=="fahras-daily")][0].count == 10' <<<"$all"
expect_exit 0 "facets on a terminal-style table" "$FAHRAS_BIN" facets --db "$db" --leader ماكرون

# a user gazetteer: a leader the built-in files do not have
printf 'leader\ttest-leader\tar=سالم الفهرسي\talias=الفهرسي\ten=Salem Test\tcountry=IQ\trole=other:2020-\n' >"$TMP/extra.tsv"
printf 'الفهرسي يزور البصرة\n\nزار سالم الفهرسي البصرة وتحدث عن أزمة المياه\n' >"$TMP/tree/fahrasi.txt"
expect_exit 4 "a new gazetteer on an existing database needs --full" \
  "$FAHRAS_BIN" index --quiet --db "$db" --gazetteer "$TMP/extra.tsv" "$TMP/tree"
check "which it names" grep -q -- "--full" "$TMP/err"
expect_exit 0 "--full with the gazetteer" "$FAHRAS_BIN" index --quiet --full --db "$db" --gazetteer "$TMP/extra.tsv" "$TMP/tree"
check "the user's leader is tagged" [ "$(first --leader "Salem Test")" = fahrasi.txt ]
expect_exit 0 "later runs keep the gazetteer without naming it" "$FAHRAS_BIN" index --quiet --db "$db" "$TMP/tree"
mv "$TMP/extra.tsv" "$TMP/extra.moved"
check "the database keeps the gazetteer's text: search works after the file moved" [ "$(first --leader "Salem Test")" = fahrasi.txt ]
expect_exit 0 "facets too" "$FAHRAS_BIN" facets --db "$db" --leader "Salem Test"
expect_exit 0 "--full --gazetteer none drops it" "$FAHRAS_BIN" index --quiet --full --gazetteer none --db "$db" "$TMP/tree"
expect_exit 2 "after which the leader is unknown" "$FAHRAS_BIN" search --db "$db" --leader "Salem Test"
printf '# a comment\nleader\tBad Id\tar=x\n' >"$TMP/bad.tsv"
expect_exit 2 "a bad gazetteer line" "$FAHRAS_BIN" index --quiet --full --db "$db" --gazetteer "$TMP/bad.tsv" "$TMP/tree"
check "names the file and the line" grep -q "bad.tsv, line 2" "$TMP/err"
finish
