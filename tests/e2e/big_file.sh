# End-to-end (heavy): a 100 MB JSON Lines file indexes with bounded memory:
# peak RSS stays under the file's size + 120 MB (README "Limits").
. "$(dirname "$0")/lib.sh"
command -v /usr/bin/time >/dev/null || { echo "SKIP: /usr/bin/time (Debian package time) is missing"; [ "${CI:-}" = true ] && exit 1; exit 77; }
mkdir -p "$TMP/big"
python3 - "$TMP/big/big.jsonl" <<'PY'
import json, random, sys
random.seed(1)
words = "الحكومة العراقية أعلنت اليوم عن خطة جديدة لمواجهة أزمة المياه في البصرة وضبط الحدود مع سوريا".split()
size, i = 0, 0
with open(sys.argv[1], "w", encoding="utf-8") as f:
    while size < 100 * 1024 * 1024:
        line = json.dumps({"id": "BIG-%d" % i, "title": "خبر رقم %d" % i, "date": "2020-01-01",
                           "content": " ".join(random.choice(words) for _ in range(600))},
                          ensure_ascii=False) + "\n"
        f.write(line)
        size += len(line.encode())
        i += 1
PY
bytes=$(stat -c %s "$TMP/big/big.jsonl")
records=$(wc -l <"$TMP/big/big.jsonl")
/usr/bin/time -v "$FAHRAS_BIN" index --db "$TMP/db" "$TMP/big" >"$TMP/out" 2>"$TMP/time"
rc=$?
cat "$TMP/out"
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/time")
limit_kb=$((bytes / 1024 + 120 * 1024))
check "indexing exits 0" [ "$rc" -eq 0 ]
check "all $records records indexed" grep -q "database: .* ($records articles" "$TMP/out"
check "peak RSS ${rss_kb} kB under file + 120 MB (${limit_kb} kB)" [ "$rss_kb" -lt "$limit_kb" ]
finish
