#!/usr/bin/env bash
# The test loop's wall time: `./mvnw -B test` (the inner loop) and `./mvnw -B verify` (what CI runs), each on a fresh
# clone of a git revision (no target/, as a fresh clone; the Maven repository is whatever ~/.m2 holds, warm after the
# first build). Several revisions run back to back, in the order given, so that a before/after pair shares the
# machine's conditions; compare their ratio, not the absolute seconds.
# Usage: bench/test-loop.sh [REV ...]          (default: HEAD)
#        STEPS="test" bench/test-loop.sh main HEAD   (only the inner loop; STEPS defaults to "test verify")
# Prints, per revision and step: wall and CPU seconds (the Maven process and its children), tests run, the sum of the
# test-class times and the slowest classes, from the surefire and failsafe reports. Raw output: target/bench/test-loop/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$ROOT/target/bench/test-loop}
STEPS=${STEPS:-test verify}
TOP=${TOP:-12}
[ $# -gt 0 ] || set -- HEAD
mkdir -p "$OUT"

# classes DIR: "<seconds> <class> <tests>" per report of DIR, slowest first.
classes() {
  for f in "$1"/TEST-*.xml; do
    [ -f "$f" ] || continue
    sed -n '0,/<testsuite /{s/.*<testsuite \(.*\)/\1/p}' "$f" | head -1 | awk -v f="$f" '{
      match($0, / time="[^"]*"/); t = substr($0, RSTART + 7, RLENGTH - 8)
      match($0, / tests="[^"]*"/); n = substr($0, RSTART + 8, RLENGTH - 9)
      sub(/.*TEST-com\.usersservice\./, "", f); sub(/\.xml$/, "", f); gsub(/,/, "", t); print t, f, n }'
  done | sort -rn
}

report() { # LABEL DIR
  local list; list=$(classes "$2")
  [ -n "$list" ] || return 0
  echo "$list" | awk -v l="$1" '{ s += $1; n += $3 } END { printf "  %s: %d classes, %d tests, class times sum %.1f s\n", l, NR, n, s }'
  echo "$list" | head -n "$TOP" | awk '{ printf "    %7.1f s  %s (%d)\n", $1, $2, $3 }'
}

for rev in "$@"; do
  sha=$(git -C "$ROOT" rev-parse --short "$rev")
  for step in $STEPS; do
    dir="$OUT/$sha-$step"
    rm -rf "$dir"
    git clone -q --shared --no-checkout "$ROOT" "$dir" && git -C "$dir" checkout -q --detach "$sha"
    echo "== $rev ($sha): ./mvnw -B $step   (load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
    start=$(date +%s)
    status=0
    (cd "$dir" && /usr/bin/time -f '%e %U %S' -o "$dir/.time" ./mvnw -B "$step" >"$dir/.build.log" 2>&1) || status=$?
    read -r wall user sys < <(tail -n 1 "$dir/.time") || true
    awk -v w="${wall:-$(( $(date +%s) - start ))}" -v u="${user:-0}" -v s="${sys:-0}" -v rc="$status" \
      'BEGIN { printf "  wall %d min %02d s (%.0f s), CPU %.0f s, exit %d\n", w / 60, w % 60, w, u + s, rc }'
    grep -E '^\[(INFO|ERROR|WARNING)\] Tests run:.*Fail' "$dir/.build.log" | grep -v ' -- in ' | sed 's/^/  /' || true
    grep -F '[skip policy]' "$dir/.build.log" | sed 's/^/  /' || true
    report surefire "$dir/target/surefire-reports"
    report failsafe "$dir/target/failsafe-reports"
    echo "  (load average at end: $(cut -d' ' -f1-3 /proc/loadavg); log: $dir/.build.log)"
  done
done
