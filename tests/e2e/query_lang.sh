# End-to-end: the query language and output formats (issue 7) on the
# project's corpus: operators change what matches, syntax errors exit 2 and
# say where, --count, --format csv, --batch with latency figures.
. "$(dirname "$0")/lib.sh"
db="$TMP/db"
"$FAHRAS_BIN" index --quiet --db "$db" "$FAHRAS_SRC/corpus" || bad "index"
count() { "$FAHRAS_BIN" search --db "$db" --count "$@"; }
either=$(count ماكرون OR البصرة) both=$(count ماكرون AND الكاظمي) one=$(count ماكرون)
check "OR finds more than either word ($either)" [ "$either" -gt "$one" ]
check "AND finds no more than one word ($both <= $one)" [ "$both" -le "$one" ] && [ "$both" -ge 1 ]
check "-word excludes" [ "$(count ماكرون -الكاظمي)" -eq $((one - both)) ]
check "NOT is the same as -word" [ "$(count ماكرون NOT الكاظمي)" -eq "$(count ماكرون -الكاظمي)" ]
check "a phrase finds no more than its words" [ "$(count '"أزمة المياه"')" -le "$(count أزمة AND المياه)" ]
check "a phrase typed without hamza" [ "$(count '"ازمة المياه"')" -ge 1 ]
check "a proximity phrase in any order" [ "$(count '"المياه أزمة"~1')" -ge 1 ]
check "word* matches the forms that start so (الاقتصادية, الاقتصادي ...)" [ "$(count 'الاقتصاد*')" -gt "$(count '"الاقتصاد"')" ]
check "title: finds fewer than the word anywhere" [ "$(count 'title:المياه')" -lt "$(count المياه)" ] && [ "$(count 'title:المياه')" -ge 1 ]
check "title:\"a b\" is a phrase in the title" [ "$(count 'title:"أزمة المياه"')" -ge 1 ] && [ "$(count 'title:"أزمة المياه"')" -le "$(count 'title:المياه')" ]
check "title:\"b a\" (the words in the other order) is not" [ "$(count 'title:"المياه أزمة"')" -lt "$(count 'title:"أزمة المياه"')" ]
check "title:\"b a\"~1 is the words in any order" [ "$(count 'title:"المياه أزمة"~1')" -ge "$(count 'title:"أزمة المياه"')" ]
check "source: filters" [ "$(count 'المياه source:fahras-daily')" -le "$(count المياه)" ]
check "date: filters" [ "$(count 'المياه date:2018')" -le "$(count المياه)" ]
expect_exit 2 "an unclosed parenthesis" "$FAHRAS_BIN" search --db "$db" "(ماكرون"
check "says where" grep -q "unclosed parenthesis at character 1" "$TMP/err"
expect_exit 2 "OR with nothing after it" "$FAHRAS_BIN" search --db "$db" "ماكرون OR"
expect_exit 2 "only excluded words" "$FAHRAS_BIN" search --db "$db" -- "-ماكرون"
expect_exit 0 "-word as its own argument is a word, not an option" "$FAHRAS_BIN" search --db "$db" المياه -البصرة
# pages agree with a longer list (the lead weight reorders the same window)
ids() { "$FAHRAS_BIN" search --db "$db" --json "$@" | jq -r 'select(.type=="hit") | .id'; }
check "page 2 is hits 5-8 of a list of 8" [ "$(ids --limit 4 --offset 4 المياه)" = "$(ids --limit 8 المياه | sed -n 5,8p)" ]
check "page 1 is hits 1-4 of a list of 8" [ "$(ids --limit 4 المياه)" = "$(ids --limit 8 المياه | sed -n 1,4p)" ]
check "--no-collapse pages agree too" [ "$(ids --no-collapse --limit 4 --offset 4 المياه)" = "$(ids --no-collapse --limit 8 المياه | sed -n 5,8p)" ]
# similar leaves out copies of the article itself
cp -r "$FAHRAS_SRC/corpus" "$TMP/withcopy"
cp "$TMP/withcopy/text/water-basra.txt" "$TMP/withcopy/text/water-basra-recrawl.txt"
"$FAHRAS_BIN" index --quiet --db "$TMP/dbcopy" "$TMP/withcopy" || bad "index with a copy"
sim() { "$FAHRAS_BIN" similar --db "$TMP/dbcopy" --json "$@" | jq -r 'select(.type=="hit") | .id'; }
check "similar does not list a copy of the article" [ -z "$(sim text/water-basra.txt | grep water-basra-recrawl)" ]
check "--no-collapse does" grep -q "water-basra-recrawl" <<<"$(sim --no-collapse text/water-basra.txt)"
# a re-crawl under a reworded headline is a copy too (the signature leaves the headline out)
sed '1s/^Title: .*/Title: الملوحة تفاقم أزمة مياه الشرب في البصرة وحالات التسمم تزداد/' \
  "$TMP/withcopy/text/water-basra.txt" >"$TMP/withcopy/text/water-basra-retitled.txt"
"$FAHRAS_BIN" index --quiet --db "$TMP/dbcopy" "$TMP/withcopy" || bad "index the retitled copy"
dup=$("$FAHRAS_BIN" search --db "$TMP/dbcopy" --json --limit 3 'الملوحة البصرة' | jq -s '[.[] | select(.type=="hit")] | .[0].duplicates')
check "a copy under another headline is collapsed ($dup hidden)" [ "$dup" = 2 ]
check "(it has its own headline)" grep -q "الملوحة تفاقم" <<<"$("$FAHRAS_BIN" search --db "$TMP/dbcopy" --no-collapse 'الملوحة البصرة')"
# JSON Lines stay one object per line even for text with U+2029 (paragraph
# separator): it is written as an escape
mkdir -p "$TMP/sep" && printf 'عنوان الخبر\n\nفقرة أولى\xe2\x80\xa9فقرة ثانية عن المياه\n' >"$TMP/sep/a.txt"
"$FAHRAS_BIN" index --quiet --db "$TMP/dbsep" "$TMP/sep" || bad "index U+2029 text"
check "U+2029 is escaped in --json" python3 -c '
import sys, json
raw = sys.stdin.read()
assert "\u2029" not in raw and "\\u2029" in raw
hits = [json.loads(l) for l in raw.splitlines() if json.loads(l)["type"] == "hit"]
assert "\u2029" in hits[0]["snippet"]' < <("$FAHRAS_BIN" search --db "$TMP/dbsep" --json المياه)
expect_exit 2 "--explain with --format csv is refused, not ignored" "$FAHRAS_BIN" search --db "$db" --explain --format csv المياه
check "and says why" grep -q "explain has no column" "$TMP/err"
# formats
csv=$("$FAHRAS_BIN" search --db "$db" --format csv --limit 3 المياه)
check "csv has a header row" grep -q '^rank,score,id,title,date,source,url,path,snippet' <<<"$csv"
check "csv rows are RFC 4180 (python reads 3 rows of 9 fields)" python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
assert len(rows) == 4 and all(len(r) == 9 for r in rows), rows' <<<"$csv"
check "--count --json" sh -c "'$FAHRAS_BIN' search --db '$db' --count --json ماكرون | jq -e '.type == \"count\" and .count >= 1' >/dev/null"
printf 'المياه\nماكرون AND الكاظمي\n# a comment\n\n"ضبط الحدود"\n' >"$TMP/queries"
"$FAHRAS_BIN" search --db "$db" --json --batch "$TMP/queries" >"$TMP/bout" 2>"$TMP/berr"
check "--batch runs every query (3 summaries)" [ "$(grep -c '"type":"summary"' "$TMP/bout")" -eq 3 ]
printf 'المياه\n"unclosed\nماكرون\n' >"$TMP/q2"
"$FAHRAS_BIN" search --db "$db" --batch "$TMP/q2" --count >"$TMP/bc" 2>/dev/null
check "--batch --count labels each count with its query, failures too" [ "$(cut -f2 "$TMP/bc" | tr '\n' '|')" = 'المياه|"unclosed|ماكرون|' ] && grep -q '^error' "$TMP/bc"
"$FAHRAS_BIN" search --db "$db" --batch "$TMP/q2" --json >"$TMP/bj" 2>/dev/null
check "--batch --json: an error line for the failed query" jq -se '[.[] | select(.type=="error")] | length == 1 and .[0].exit == 2' "$TMP/bj"
"$FAHRAS_BIN" search --db "$db" --batch "$TMP/q2" --format csv >"$TMP/bcsv" 2>/dev/null
check "--batch --format csv: one header, a query column" python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
assert rows[0][0] == "query" and sum(r[0] == "query" for r in rows) == 1, rows[:2]
assert {r[0] for r in rows[1:]} == {"المياه", "ماكرون"}, {r[0] for r in rows[1:]}' "$TMP/bcsv"
check "--batch reports latency percentiles" grep -q "batch of 3 queries.*p50 .* ms, p95 .* ms, p99" "$TMP/berr"
# copies and near copies are collapsed behind the best hit, with a count
mkdir -p "$TMP/dups"
cp "$FAHRAS_SRC/corpus/text/water-basra.txt" "$TMP/dups/a.txt"
cp "$FAHRAS_SRC/corpus/text/water-basra.txt" "$TMP/dups/copy.txt"
{ echo "Title: البصرة: أزمة المياه تتفاقم"; tail -n +2 "$FAHRAS_SRC/corpus/text/water-basra.txt"; echo "للمزيد تابعونا"; } >"$TMP/dups/recrawl.txt"
cp "$FAHRAS_SRC/corpus/text/drought-tigris-euphrates.txt" "$TMP/dups/other.txt"
"$FAHRAS_BIN" index --quiet --db "$TMP/ddb" "$TMP/dups"
dj=$("$FAHRAS_BIN" search --db "$TMP/ddb" --json المياه)
check "a copy and a re-crawl with another headline are hidden behind one hit" \
  jq -se '[.[] | select(.type=="hit")] | length == 2 and .[0].duplicates == 2 and .[1].duplicates == 0' <<<"$dj"
check "--no-collapse shows all four" [ "$("$FAHRAS_BIN" search --db "$TMP/ddb" --json --no-collapse المياه | grep -c '"type":"hit"')" -eq 4 ]
check "the human output says so" sh -c "'$FAHRAS_BIN' search --db '$TMP/ddb' المياه | grep -q '+2 near-identical copies hidden'"
# a misspelt word: a suggestion from the index vocabulary
check "did you mean (JSON)" sh -c "'$FAHRAS_BIN' search --db '$db' --json ماكرن | tail -n 1 | jq -e '.suggestion == \"ماكرون\"' >/dev/null"
expect_exit 1 "a misspelt word finds nothing" "$FAHRAS_BIN" search --db "$db" ماكرن
check "and says what was meant" grep -q "did you mean: ماكرون" "$TMP/err"
# --explain: the parts add up to the score
ex=$("$FAHRAS_BIN" search --db "$db" --json --explain 'المياه "أزمة المياه" -ماكرون اقتصاد*')
check "--explain parts add up to each score" jq -se '[.[] | select(.type=="hit")] | length > 0 and all(((.explain | map(.weight) | add) - .score) | fabs < 1e-6)' <<<"$ex"
check "--explain shows the headline-and-lead part" jq -se '[.[] | select(.type=="hit") | .explain[] | select(.part=="lead") | .weight] | length > 0 and max > 0' <<<"$ex"
ex=$("$FAHRAS_BIN" search --db "$db" --json --explain --leader ماكرون)
check "--explain of an entity ranking" jq -se '[.[] | select(.type=="hit")] | length > 0 and all(((.explain | map(.weight) | add) - .score) | fabs < 1e-6)' <<<"$ex"
# similar: articles like one, never itself
sim=$("$FAHRAS_BIN" search --db "$db" --json --limit 1 ماكرون | jq -r 'select(.type=="hit") | .id')
out=$("$FAHRAS_BIN" similar --db "$db" --json --limit 5 "$sim")
check "similar lists other articles" jq -se --arg id "$sim" '[.[] | select(.type=="hit")] | length > 0 and all(.id != $id)' <<<"$out"
expect_exit 1 "similar with an unknown id" "$FAHRAS_BIN" similar --db "$db" no-such-id
LC_ALL=C LANG=C "$FAHRAS_BIN" search --db "$db" --count المياه >"$TMP/c1"
check "LANG=C gives the same results" [ "$(cat "$TMP/c1")" = "$(count المياه)" ]
# dates filter as the article shows them (its own time zone), not in UTC:
# 2018-05-01T02:47+04:00 is 2018-04-30 22:47 UTC
mkdir -p "$TMP/tz"
printf 'Title: مقال الفجر\nDate: 2018-05-01T02:47:45+04:00\nSource: tz-test\n\nنص عن معرض الكتاب في الفجر\n' >"$TMP/tz/dawn.txt"
"$FAHRAS_BIN" index --quiet --db "$TMP/tzdb" "$TMP/tz" || bad "index tz"
tzc() { "$FAHRAS_BIN" search --db "$TMP/tzdb" --count "$@"; }
check "--from/--to on the date the article shows finds it" [ "$(tzc --from 2018-05-01 --to 2018-05-01 معرض)" -eq 1 ]
check "date: on that day finds it" [ "$(tzc 'معرض date:2018-05')" -eq 1 ]
check "the UTC day before does not" [ "$(tzc --from 2018-04-30 --to 2018-04-30 معرض)" -eq 0 ]
"$FAHRAS_BIN" facets --db "$TMP/tzdb" --by month --json معرض >"$TMP/tzfacets"
check "its month facet is the month it shows" grep -q '2018-05' "$TMP/tzfacets"
check "not the UTC month" sh -c "! grep -q '2018-04' '$TMP/tzfacets'"
finish
