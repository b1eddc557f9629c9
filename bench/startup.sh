#!/usr/bin/env bash
# Time to readiness and CPU used until then, with nothing pending, for:
#   fast path (the default) | Liquibase's own check (USERS_MIGRATION_FAST_PATH_ENABLED=false) | Liquibase off
# on the current changelog and on one with 2,000 extra, already-applied changesets (a generated changelog, built into
# its own jar so that its manifest describes it). Runs interleave (A B C A B C …) so drift in the machine's load
# spreads over every variant. Usage: bench/startup.sh   (RUNS=5 by default)
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
ensure_jar

# The 2,000-changeset build: the project copied, one generated change file added to the master, packaged.
BIG="$OUT/project-2000"
if [ ! -f "$BIG/target/app.jar" ]; then
  rm -rf "$BIG"; mkdir -p "$BIG"
  (cd "$ROOT" && git ls-files -z | xargs -0 cp --parents -t "$BIG")
  {
    echo "databaseChangeLog:"
    for i in $(seq 1 2000); do
      printf '  - changeSet:\n      id: 20990101-0001-%d\n      author: bench\n      changes:\n        - sql: {sql: "SELECT %d"}\n      rollback: []\n' "$i" "$i"
    done
  } > "$BIG/src/main/resources/db/changelog/changes/20990101-0001-bench-2000.yaml"
  printf '  - include:\n      file: changes/20990101-0001-bench-2000.yaml\n      relativeToChangelogFile: true\n' \
    >> "$BIG/src/main/resources/db/changelog/db.changelog-master.yaml"
  (cd "$BIG" && ./mvnw -B -q -o -DskipTests package)
fi

declare -A JARS=([current]="$JAR" [2000]="$BIG/target/app.jar")
declare -A VARIANT_ENV=([fast]="" [liquibase]="USERS_MIGRATION_FAST_PATH_ENABLED=false" [off]="SPRING_LIQUIBASE_ENABLED=false")

for changelog in current 2000; do
  db="users_bench_start_$changelog"
  recreate_db "$db"
  JAR=${JARS[$changelog]} start_app "$db" "$OUT/startup-migrate-$changelog.log"; wait_ready >/dev/null; stop_app
done

: > "$OUT/startup.tsv"
for run in $(seq 1 "$RUNS"); do
  for changelog in current 2000; do
    for variant in fast liquibase off; do
      JAR=${JARS[$changelog]} start_app "users_bench_start_$changelog" "$OUT/startup-$changelog-$variant.log" ${VARIANT_ENV[$variant]}
      ms=$(wait_ready); cpu=$(cpu_ms "$APP_PID"); stop_app
      printf '%s\t%s\t%s\t%s\n' "$changelog" "$variant" "$ms" "$cpu" >> "$OUT/startup.tsv"
    done
  done
done

med() { awk -v c="$1" -v v="$2" -v f="$3" '$1 == c && $2 == v { print $f }' "$OUT/startup.tsv" | median; }
printf '\n%-10s %-10s %14s %14s %12s %12s\n' changelog variant "ready ms (med)" "cpu ms (med)" "wall ratio" "cpu ratio"
for changelog in current 2000; do
  base_ms=$(med $changelog off 3); base_cpu=$(med $changelog off 4)
  for variant in fast liquibase off; do
    ms=$(med $changelog $variant 3); cpu=$(med $changelog $variant 4)
    printf '%-10s %-10s %14s %14s %12s %12s\n' "$changelog" "$variant" "$ms" "$cpu" \
      "$(awk -v a="$ms" -v b="$base_ms" 'BEGIN { printf "%.3f", a / b }')" \
      "$(awk -v a="$cpu" -v b="$base_cpu" 'BEGIN { printf "%.3f", a / b }')"
  done
done
echo "runs per variant: $RUNS (median); raw: $OUT/startup.tsv"
