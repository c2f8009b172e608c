# End-to-end (heavy): crash safety.  20 times: index ../shared/corpus/ant-5k,
# kill the indexer with SIGKILL at a random moment (every other time just
# after a commit starts, so some kills land inside commits; every fourth
# time during an `index --full` over a complete database), run the indexer
# again to completion, and require that `fahras check` passes and that the
# database equals a clean build (same ids, terms, positions, values, data).
# Seeds are printed: KILL_SEED=N reruns one iteration's timing.
. "$(dirname "$0")/lib.sh"
need_shared corpus/ant-5k
: "${FAHRAS_DBDUMP:?set FAHRAS_DBDUMP}"
corpus="$(shared_dir)/corpus/ant-5k"
runs=${KILL_RUNS:-20}
t0=$(date +%s%N)
"$FAHRAS_BIN" index --quiet --db "$TMP/clean" "$corpus" || bad "clean build"
build_ms=$((($(date +%s%N) - t0) / 1000000))
build=$(awk -v m="$build_ms" 'BEGIN { printf "%.3f", m / 1000 }')
"$FAHRAS_DBDUMP" "$TMP/clean" >"$TMP/clean.dump"
echo "clean build: ${build}s, $(head -1 "$TMP/clean.dump")"
for i in $(seq 1 "$runs"); do
  seed=${KILL_SEED:-$((RANDOM * 32768 + RANDOM))}
  RANDOM=$seed
  db="$TMP/db$i"
  mode=plain
  if [ $((i % 4)) -eq 0 ]; then
    mode=full
    cp -r "$TMP/clean" "$db"
  fi
  [ $((i % 2)) -eq 1 ] && when=commit || when=time
  args=(index --verbose --no-progress --db "$db")
  [ $mode = full ] && args+=(--full)
  if [ $when = commit ]; then
    # kill 0-300 ms after the n-th commit begins
    nth=$((RANDOM % 3 + 1)) delay=$(printf '0.%03d' $((RANDOM % 300)))
    coproc IDX { exec "$FAHRAS_BIN" "${args[@]}" "$corpus" 2>&1 >/dev/null; }
    pid=$IDX_PID
    seen=0
    while read -r line <&"${IDX[0]}"; do
      case $line in commit:*) seen=$((seen + 1)); [ $seen -ge $nth ] && break ;; esac
    done
    sleep "$delay"
    what="${delay}s after commit $nth starts"
  else
    delay=$(awk -v m="$build_ms" -v r=$((RANDOM % 1000)) 'BEGIN { printf "%.3f", m * r / 1e6 }')
    "$FAHRAS_BIN" "${args[@]}" "$corpus" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    what="at ${delay}s"
  fi
  kill -9 "$pid" 2>/dev/null && killed=killed || killed="finished before the kill"
  if [ $when = commit ]; then
    # did the commit finish before the kill?
    grep -q '^committed' <&"${IDX[0]}" && killed="$killed after the commit ended" || killed="$killed inside the commit"
  fi
  wait "$pid" 2>/dev/null
  echo "run $i: seed $seed, $mode build, SIGKILL $what: $killed"
  if [ -e "$db/XAPIANDB" ]; then
    expect_exit 0 "run $i: check after the kill" "$FAHRAS_BIN" check --db "$db"
  else
    ok "run $i: killed before the database was created"
  fi
  "$FAHRAS_BIN" index --quiet --wait 30 --db "$db" "$corpus" || bad "run $i: the run after the kill"
  expect_exit 0 "run $i: check after the next run" "$FAHRAS_BIN" check --db "$db"
  "$FAHRAS_DBDUMP" "$db" >"$TMP/db.dump"
  check "run $i: equals the clean build" cmp -s "$TMP/clean.dump" "$TMP/db.dump"
  rm -rf "$db"
done
finish
