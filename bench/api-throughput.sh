#!/usr/bin/env bash
# GET /users?size=20 through the service (wrk) against the same SELECT straight on PostgreSQL (pgbench), same
# connection count, same server, one run. Usage: bench/api-throughput.sh   (ROWS, CONNECTIONS, DURATION override;
# JAVA_OPTS and APP_ENV, e.g. APP_ENV=SPRING_THREADS_VIRTUAL_ENABLED=true, reach the service; its JDK is the first
# java on PATH)
source "$(dirname "$0")/lib.sh"
need wrk "apt-get install wrk"; need pgbench "PostgreSQL's client tools"
ROWS=${ROWS:-1000000} CONNECTIONS=${CONNECTIONS:-8} DURATION=${DURATION:-20} WARMUP_ROUNDS=${WARMUP_ROUNDS:-12}
DB=users_bench_api
ensure_jar
users_database $DB $ROWS
DEEP=$(psql -qtA -d $DB -c "SELECT max(id) - 1000 FROM users")

# shellcheck disable=SC2086 # APP_ENV is a list of VAR=value words
start_app $DB "$OUT/api-serve.log" ${APP_ENV:-}; wait_ready >/dev/null
BASE="http://127.0.0.1:$APP_PORT/users?size=20"

rps() { awk '/Requests\/sec/ { print $2 }' "$1"; }
# Warm-up until the JIT has settled: 10 s rounds over both pages until a round's rate is within 5 % of the one
# before (at most 12 rounds); on 2 shared cores C2 keeps compiling for a minute or more after the start.
previous=0
for round in $(seq 1 "$WARMUP_ROUNDS"); do
  wrk -t2 -c"$CONNECTIONS" -d5s "$BASE" > "$OUT/wrk-warm.txt"
  wrk -t2 -c"$CONNECTIONS" -d5s "$BASE&after=$DEEP" >> "$OUT/wrk-warm.txt"
  rate=$(awk '/Requests\/sec/ { s += $2 } END { printf "%d", s }' "$OUT/wrk-warm.txt")
  echo "warm-up round $round: $rate rps (both pages summed)"
  awk -v a="$rate" -v b="$previous" 'BEGIN { exit !(b > 0 && a < b * 1.05 && a > b * 0.95) }' && break
  previous=$rate
done

run_wrk() { # url output: also the service's CPU per request over the run
  local before after
  before=$(cpu_ms $APP_PID)
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" > "$2"
  after=$(cpu_ms $APP_PID)
  awk -v c=$((after - before)) '/requests in/ { printf "%d\n", c * 1000 / $1 }' "$2" > "$2.cpu-us"
}
run_wrk "$BASE" "$OUT/wrk-first.txt"
run_wrk "$BASE&after=$DEEP" "$OUT/wrk-deep.txt"
RSS=$(rss_mib $APP_PID)
stop_app

# The statement the service sends for a page (UserPages: size + 1 rows, keyset on id).
cat > "$OUT/page.sql" <<'SQL'
\set after 0
SELECT id, name, email, created_at, updated_at FROM users WHERE id > :after ORDER BY id LIMIT 21;
SQL
sed "s/\\\\set after 0/\\\\set after $DEEP/" "$OUT/page.sql" > "$OUT/page-deep.sql"
pgbench -n -M prepared -c "$CONNECTIONS" -j 2 -T "$DURATION" -f "$OUT/page.sql" $DB > "$OUT/pgbench-first.txt"
pgbench -n -M prepared -c "$CONNECTIONS" -j 2 -T "$DURATION" -f "$OUT/page-deep.sql" $DB > "$OUT/pgbench-deep.txt"

p99() { awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }; print v }' "$1"; }
errors() { awk '/Non-2xx|Socket errors/ { found = 1; print } END { if (!found) print "0" }' "$1" | tr '\n' ' '; }
tps() { awk '/^tps/ { print $3 }' "$1"; }

printf '\n%-28s %12s %12s %10s %10s %14s\n' "query" "service rps" "pgbench tps" "ratio" "p99 ms" "service CPU/req"
for page in first deep; do
  r=$(rps "$OUT/wrk-$page.txt"); t=$(tps "$OUT/pgbench-$page.txt")
  printf '%-28s %12s %12s %10s %10s %11s us\n' "GET /users?size=20 ($page)" "$r" "$t" \
    "$(awk -v r="$r" -v t="$t" 'BEGIN { printf "%.1f%%", 100 * r / t }')" "$(p99 "$OUT/wrk-$page.txt")" \
    "$(cat "$OUT/wrk-$page.txt.cpu-us")"
done
echo "p99 deep/first: $(awk -v d="$(p99 "$OUT/wrk-deep.txt")" -v f="$(p99 "$OUT/wrk-first.txt")" 'BEGIN { printf "%.2f", d / f }')×"
echo "errors: first [$(errors "$OUT/wrk-first.txt")] deep [$(errors "$OUT/wrk-deep.txt")]"
echo "service RSS after the load: ${RSS} MiB; rows: $ROWS; connections: $CONNECTIONS; ${DURATION}s each"
