#!/usr/bin/env bash
# Memory and start-up of the packaged service, JVM options side by side, one run, variants interleaved:
#   jdk17          java -jar target/app.jar on JDK 17 with no options: what a bare start on this host gives
#   jdk17-image    JDK 17 with the Dockerfile's JAVA_TOOL_OPTIONS under the Kubernetes memory limit (-XX:MaxRAM)
#   jdk25-image    the same on JDK 25, from the image's extracted layout
#   jdk25-aot      + the AOT cache the Dockerfile trains (the image as built)
#   jdk25-aot-vt   + virtual threads (SPRING_THREADS_VIRTUAL_ENABLED=true)
# Each start: time to readiness, CPU until then, RSS after start, then 10,000 GET /users?size=20 (wrk, 8 connections)
# and RSS after them. Usage: bench/footprint.sh   (RUNS=3, REQUESTS=10000, LIMIT=768m; JAVA25_HOME or a JDK 25 under
# /usr/lib/jvm for the JDK 25 variants, which are left out without one)
source "$(dirname "$0")/lib.sh"
need wrk "apt-get install wrk"
RUNS=${RUNS:-3} REQUESTS=${REQUESTS:-10000} LIMIT=${LIMIT:-768m}
DB=users_bench_footprint
ensure_jar

JAVA17=$(dirname "$(readlink -f "$(command -v java)")")
JAVA25=${JAVA25_HOME:+$JAVA25_HOME/bin}
if [ -z "$JAVA25" ]; then
  for home in /usr/lib/jvm/*; do
    grep -qs '^JAVA_VERSION="25' "$home/release" && { JAVA25=$home/bin; break; }
  done
fi

# The image's JVM options, read from the Dockerfile (minus the AOT cache, added per variant).
IMAGE_OPTS=$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"$]*\)".*/\1/p' "$ROOT/Dockerfile" | head -1)
[ -n "$IMAGE_OPTS" ] || { echo "bench: no JAVA_TOOL_OPTIONS in the Dockerfile" >&2; exit 2; }
TRAIN=$(sed -n '/^RUN java .*AOTCacheOutput/,/[^\\]$/p' "$ROOT/Dockerfile" | sed 's/^RUN //; s/\\$//' | tr '\n' ' ')

# The image's layout: Boot's extraction (its jar and lib/ beside it), with the AOT cache trained as the Dockerfile does.
LAYOUT="$OUT/image"
rm -rf "$LAYOUT"; java -Djarmode=tools -jar "$JAR" extract --destination "$LAYOUT" >/dev/null
[ -f "$LAYOUT/app.jar" ] || mv "$LAYOUT/$(basename "$JAR")" "$LAYOUT/app.jar"
if [ -n "$JAVA25" ] && [ -n "$TRAIN" ]; then
  (cd "$LAYOUT" && env PATH="$JAVA25:$PATH" JAVA_TOOL_OPTIONS="$IMAGE_OPTS" bash -c "$TRAIN" > "$OUT/footprint-train.log" 2>&1) \
    || { echo "bench: the AOT training run failed, see $OUT/footprint-train.log" >&2; exit 1; }
fi

users_database $DB 1000

# One wrk thread that exits once it has its answers (thread:stop() would still wait out -d).
cat > "$OUT/count.lua" <<'LUA'
local limit, done = 0, 0
init = function(args) limit = tonumber(args[1]) end
response = function(status)
  if status ~= 200 then io.write("non-200: ", status, "\n"); os.exit(1) end
  done = done + 1
  if done >= limit then io.write(done, " requests\n"); io.flush(); os.exit(0) end
end
LUA

VARIANTS="jdk17 jdk17-image"
[ -n "$JAVA25" ] && VARIANTS="$VARIANTS jdk25-image jdk25-aot jdk25-aot-vt"
: > "$OUT/footprint.tsv"
for run in $(seq 1 "$RUNS"); do
  for variant in $VARIANTS; do
    jar=$JAR; path=$JAVA17; opts=""; extra=()
    case $variant in
      jdk17-image) opts="$IMAGE_OPTS -XX:MaxRAM=$LIMIT" ;;
      jdk25-image) path=$JAVA25; jar=$LAYOUT/app.jar; opts="$IMAGE_OPTS -XX:MaxRAM=$LIMIT" ;;
      jdk25-aot) path=$JAVA25; jar=$LAYOUT/app.jar; opts="$IMAGE_OPTS -XX:MaxRAM=$LIMIT -XX:AOTCache=$LAYOUT/app.aot" ;;
      jdk25-aot-vt) path=$JAVA25; jar=$LAYOUT/app.jar; opts="$IMAGE_OPTS -XX:MaxRAM=$LIMIT -XX:AOTCache=$LAYOUT/app.aot"
        extra=(SPRING_THREADS_VIRTUAL_ENABLED=true) ;;
    esac
    # The image starts `java -jar app.jar` in its WORKDIR; an AOT cache only matches the class path it was trained on.
    [ "$jar" = "$LAYOUT/app.jar" ] && { cd "$LAYOUT"; jar=app.jar; }
    PATH="$path:$PATH" JAR=$jar JAVA_OPTS="$opts" start_app $DB "$OUT/footprint-$variant.log" "${extra[@]}"
    cd "$ROOT"
    ms=$(wait_ready); cpu=$(cpu_ms "$APP_PID"); rss_start=$(rss_mib "$APP_PID")
    wrk -t1 -c8 -d120s -s "$OUT/count.lua" "http://127.0.0.1:$APP_PORT/users?size=20" -- "$REQUESTS" > "$OUT/footprint-$variant-wrk.txt"
    done=$(awk '/ requests$/ { print $1 }' "$OUT/footprint-$variant-wrk.txt")
    rss_load=$(rss_mib "$APP_PID"); stop_app
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$ms" "$cpu" "$rss_start" "$rss_load" "$done" >> "$OUT/footprint.tsv"
  done
done

med() { awk -v v="$1" -v f="$2" '$1 == v { print $f }' "$OUT/footprint.tsv" | median; }
printf '\n%-14s %10s %10s %12s %14s %10s\n' variant "ready ms" "cpu ms" "RSS start" "RSS after req" requests
for variant in $VARIANTS; do
  printf '%-14s %10s %10s %10s MiB %10s MiB %10s\n' "$variant" "$(med "$variant" 2)" "$(med "$variant" 3)" \
    "$(med "$variant" 4)" "$(med "$variant" 5)" "$(med "$variant" 6)"
done
echo "medians of $RUNS; image options: $IMAGE_OPTS -XX:MaxRAM=$LIMIT; raw: $OUT/footprint.tsv"
