#!/usr/bin/env bash
# The large-table patterns on 1,000,000 users, each against the blocking form it replaces, in one run, applied by
# Liquibase from the changesets a developer would commit (src/test/resources/db/fixtures/large-tables/):
#   (a) addColumn with a constant default vs a volatile one: time, and whether the table was rewritten (relfilenode);
#   (b) CREATE INDEX CONCURRENTLY (runInTransaction: false) vs createIndex, under a pgbench insert load;
#   (c) NOT NULL through a validated CHECK vs addNotNullConstraint, under the same load.
# Usage: bench/large-tables.sh   (ROWS, LOAD_CLIENTS, LOAD_SECONDS override)
source "$(dirname "$0")/lib.sh"
need pgbench "PostgreSQL's client tools"; need unzip "apt-get install unzip"
ROWS=${ROWS:-1000000} LOAD_CLIENTS=${LOAD_CLIENTS:-2} LOAD_SECONDS=${LOAD_SECONDS:-45}
DB=users_bench_large
FIXTURES=db/fixtures/large-tables
URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB"

# The packaged service migrates; its libraries, with the test classes (fixtures, ApplyChangelog), apply the patterns.
[ -f "$JAR" ] && [ -f "$ROOT/target/test-classes/$FIXTURES/not-null-via-check.yaml" ] \
  && [ -f "$ROOT/target/test-classes/com/usersservice/migration/ApplyChangelog.class" ] \
  || (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
rm -rf "$OUT/large-app" && unzip -q "$JAR" 'BOOT-INF/*' -d "$OUT/large-app"
CP="$OUT/large-app/BOOT-INF/classes:$OUT/large-app/BOOT-INF/lib/*:$ROOT/target/test-classes"

# apply NAME: applies one fixture changelog; appends "changeset <id> <ms> <start epoch ms> <ms per change,…>" lines to
# $OUT/large-applied.txt (a change's time is its statements alone; the changeset's adds Liquibase's bookkeeping).
apply() {
  java -cp "$CP" "$ROOT/bench/ApplyChangelog.java" "$URL" "$PGUSER" "$FIXTURES/$1.yaml" \
    2>>"$OUT/large-liquibase.log" | tee -a "$OUT/large-applied.txt"
}
ms_of() { awk -v id="$1" '$1 == "changeset" && $2 == id { print $3 }' "$OUT/large-applied.txt"; }
start_of() { awk -v id="$1" '$1 == "changeset" && $2 == id { print $4 }' "$OUT/large-applied.txt"; }
change_ms() { awk -v id="$1" -v n="$2" '$1 == "changeset" && $2 == id { split($5, c, ","); print c[n] }' "$OUT/large-applied.txt"; }
relfilenode() { psql -qtA -d $DB -c "SELECT relfilenode FROM pg_class WHERE oid = 'users'::regclass"; }
sql() { psql -q -v ON_ERROR_STOP=1 -d $DB -c "$1"; }

# with_load NAME FIXTURE: applies the fixture while pgbench inserts users for LOAD_SECONDS, one insert per transaction.
with_load() {
  local name=$1 fixture=$2
  pgbench -n -c "$LOAD_CLIENTS" -j 1 -T "$LOAD_SECONDS" -l --log-prefix="$OUT/large-load-$name" -f "$OUT/insert.sql" \
    $DB >"$OUT/large-pgbench-$name.txt" 2>&1 &
  local load=$!
  sleep 3
  apply "$fixture" >/dev/null
  local applied_at; applied_at=$(now_ms)
  wait $load || true
  if (( applied_at > $(now_ms) - 1000 )); then echo "bench: the load ended before $fixture was applied; raise LOAD_SECONDS" >&2; exit 1; fi
}

# load_stats NAME FROM_MS TO_MS: inserts completed in the window, errors, max and p99 latency (ms) of the inserts that
# overlapped it, then max and p99 of the other inserts of the same load (what the shared machine does anyway).
# pgbench's log line: client transaction latency_us script epoch_s epoch_us (the completion time).
load_stats() {
  local name=$1 from=$2 to=$3 errors
  errors=$(( $(grep -c 'aborted in command' "$OUT/large-pgbench-$name.txt" || true) \
    + $(awk '/number of failed transactions/ { n = $5 + 0 } END { print n + 0 }' "$OUT/large-pgbench-$name.txt") ))
  cat "$OUT"/large-load-"$name".* | awk -v from="$from" -v to="$to" -v out="$OUT/large-latencies-$name" '
    { end = $5 * 1000 + $6 / 1000; start = end - $3 / 1000
      if (end >= from && end <= to) done++
      print $3 / 1000 > (out ((start < to && end > from) ? "-during.txt" : "-rest.txt")) }
    END { print done + 0 }' >"$OUT/large-done-$name.txt"
  echo "$(cat "$OUT/large-done-$name.txt") $errors $(max_p99 "$OUT/large-latencies-$name-during.txt")" \
    "$(max_p99 "$OUT/large-latencies-$name-rest.txt")"
}
max_p99() {
  [ -s "$1" ] || { echo "- -"; return; }
  sort -n "$1" | awk '{ lat[NR] = $1 } END { printf "%.1f %.1f", lat[NR], lat[int(0.99 * (NR - 1)) + 1] }'
}

rm -f "$OUT"/large-*.txt "$OUT"/large-load-* "$OUT/large-liquibase.log"
users_database $DB $ROWS
echo "INSERT INTO users (name, email) VALUES ('Load', 'load-' || gen_random_uuid() || '@example.com');" > "$OUT/insert.sql"

# (a) a constant default, then the rewriting form
REL0=$(relfilenode); apply add-column-constant-default >/dev/null
REL1=$(relfilenode); apply add-column-volatile-default >/dev/null
REL2=$(relfilenode)
# (b) the concurrent index, then the plain one on the same column (the first is dropped so both build the same)
with_load cic create-index-concurrently
CIC_VALID=$(psql -qtA -d $DB -c "SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_created_at_idx'::regclass")
sql "DROP INDEX users_created_at_idx"
with_load plain create-index-blocking
# (c) status NOT NULL through the check, then checked_at directly (both columns are filled, by their defaults)
with_load check not-null-via-check
with_load direct not-null-direct

window() { local s; s=$(start_of "$1"); echo "$s $(( s + $(ms_of "$1") ))"; }
read -r CIC_DONE CIC_ERR CIC_MAX CIC_P99 CIC_BMAX CIC_BP99 <<<"$(load_stats cic $(window large-index-created-at))"
read -r PL_DONE PL_ERR PL_MAX PL_P99 PL_BMAX PL_BP99 <<<"$(load_stats plain $(window large-index-created-at-blocking))"
CHECK_FROM=$(start_of large-status-not-null-1); CHECK_TO=$(window large-status-not-null-3 | cut -d' ' -f2)
read -r CK_DONE CK_ERR CK_MAX CK_P99 CK_BMAX CK_BP99 <<<"$(load_stats check "$CHECK_FROM" "$CHECK_TO")"
read -r DI_DONE DI_ERR DI_MAX DI_P99 DI_BMAX DI_BP99 <<<"$(load_stats direct $(window large-checked-at-not-null))"
# The statements that take a lock blocking inserts: ADD CONSTRAINT … NOT VALID, SET NOT NULL, DROP CONSTRAINT (not VALIDATE).
CHECK_EXCL=$(( $(change_ms large-status-not-null-1 1) + $(change_ms large-status-not-null-3 1) + $(change_ms large-status-not-null-3 2) ))
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "-" }'; }

{
row() { printf '%-46s %10s %11s %8s %6s %9s %9s %11s\n' "$@"; }
echo
row "pattern (rows: $ROWS)" "changeset" "blocking" "inserts" "errors" "max ins." "p99 ins." "rest of load"
row "" "ms" "stmts ms" "during" "" "ms" "ms" "max/p99 ms"
row "(a) addColumn, constant default" "$(ms_of large-add-status)" "$(change_ms large-add-status 1)" - - - - -
row "(a) addColumn, clock_timestamp() default" "$(ms_of large-add-checked-at)" "$(change_ms large-add-checked-at 1)" - - - - -
row "(b) CREATE INDEX CONCURRENTLY" "$(ms_of large-index-created-at)" "0 ($(change_ms large-index-created-at 1))" "$CIC_DONE" "$CIC_ERR" "$CIC_MAX" "$CIC_P99" "$CIC_BMAX/$CIC_BP99"
row "(b) createIndex" "$(ms_of large-index-created-at-blocking)" "$(change_ms large-index-created-at-blocking 1)" "$PL_DONE" "$PL_ERR" "$PL_MAX" "$PL_P99" "$PL_BMAX/$PL_BP99"
row "(c) CHECK NOT VALID, VALIDATE, SET NOT NULL" \
  "$(ms_of large-status-not-null-1)+$(ms_of large-status-not-null-2)+$(ms_of large-status-not-null-3)" "$CHECK_EXCL" "$CK_DONE" "$CK_ERR" "$CK_MAX" "$CK_P99" "$CK_BMAX/$CK_BP99"
row "(c) addNotNullConstraint" "$(ms_of large-checked-at-not-null)" "$(change_ms large-checked-at-not-null 1)" "$DI_DONE" "$DI_ERR" "$DI_MAX" "$DI_P99" "$DI_BMAX/$DI_BP99"
echo
echo "(a) relfilenode: $REL0 → $REL1 after the constant default ($([ "$REL0" = "$REL1" ] && echo 'no rewrite' || echo REWRITTEN)), → $REL2 after the volatile one ($([ "$REL1" = "$REL2" ] && echo 'no rewrite' || echo 'rewritten')); statement time volatile/constant $(ratio "$(change_ms large-add-checked-at 1)" "$(change_ms large-add-status 1)")"
echo "(b) insert latency during the build, plain/concurrent: max $(ratio "$PL_MAX" "$CIC_MAX"), p99 $(ratio "$PL_P99" "$CIC_P99"); concurrent index valid (pg_index.indisvalid): $CIC_VALID"
echo "(c) write-blocking statements, direct/check-first: $(ratio "$(change_ms large-checked-at-not-null 1)" "$CHECK_EXCL") (check-first: ADD $(change_ms large-status-not-null-1 1) + SET NOT NULL $(change_ms large-status-not-null-3 1) + DROP $(change_ms large-status-not-null-3 2) ms; VALIDATE $(change_ms large-status-not-null-2 1) ms with writes going on); insert latency direct/check-first: max $(ratio "$DI_MAX" "$CK_MAX"), p99 $(ratio "$DI_P99" "$CK_P99")"
echo "load: pgbench -c $LOAD_CLIENTS, one INSERT per transaction, ${LOAD_SECONDS}s per pattern; 'blocking stmts': the statements that hold a lock blocking inserts (one transaction per changeset); 'rest of load': the inserts outside the changeset"
} | tee "$OUT/large-tables.txt"
