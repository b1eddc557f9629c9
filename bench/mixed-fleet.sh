#!/usr/bin/env bash
# A rolling upgrade under load: the newest release below this build (releases.tsv, built from git history into
# target/releases/) serves a steady read and write load while this build's migrate-only runs, then this build starts
# beside it, then the release stops (SIGTERM) and the load finishes on this build. Prints requests, server errors,
# p50/p99 per phase, requests, errors and lost writes per release. The harness is MixedFleetIT's (test sources).
# Usage: bench/mixed-fleet.sh   (PHASE_SECONDS, CLIENTS, RATE, SEED_ROWS, CONTRACT=true|false, JAVA_OPTS override)
source "$(dirname "$0")/lib.sh"
need psql "PostgreSQL's client tools"; need unzip "apt-get install unzip"
PHASE_SECONDS=${PHASE_SECONDS:-30} CLIENTS=${CLIENTS:-8} RATE=${RATE:-100} SEED_ROWS=${SEED_ROWS:-100000}
CONTRACT=${CONTRACT:-false} JAVA_OPTS=${JAVA_OPTS:--Xmx256m}
DB=users_bench_fleet

[ -f "$JAR" ] && [ -f "$ROOT/target/test-classes/com/usersservice/release/MixedFleetBenchmark.class" ] \
  || (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
rm -rf "$OUT/fleet-app" && unzip -q "$JAR" 'BOOT-INF/*' -d "$OUT/fleet-app"
CP="$OUT/fleet-app/BOOT-INF/classes:$OUT/fleet-app/BOOT-INF/lib/*:$ROOT/target/test-classes"
recreate_db $DB

# The processes' own output goes to target/it-logs/fleet-*.log.
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options, passed to each process the harness starts
(cd "$ROOT" && java -cp "$CP" "$ROOT/bench/MixedFleet.java" "jdbc:postgresql://$PGHOST:$PGPORT/$DB" "$PGUSER" \
  "${PGPASSWORD:-unused}" "$PHASE_SECONDS" "$CLIENTS" "$RATE" "$SEED_ROWS" "$CONTRACT" $JAVA_OPTS) \
  | tee "$OUT/mixed-fleet.txt"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
