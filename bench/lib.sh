# Shared by the benchmark scripts: a PostgreSQL to measure on, the packaged service, and readiness timing.
# The PostgreSQL is the machine's own (PGHOST/PGPORT/PGUSER, trust or PGPASSWORD), never the embedded test one,
# so that the service and pgbench talk to the same server.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAR=${JAR:-$ROOT/target/app.jar}
OUT=${OUT:-$ROOT/target/bench}
mkdir -p "$OUT"

need() { command -v "$1" >/dev/null || { echo "bench: '$1' is not installed ($2)" >&2; exit 2; }; }

ensure_jar() {
  [ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
}

recreate_db() { # name
  psql -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

# users_database DB ROWS: DB recreated, migrated by the packaged service, and ROWS users loaded with one
# INSERT … SELECT over generate_series (a million in seconds, no client round trips).
users_database() {
  recreate_db "$1"
  start_app "$1" "$OUT/$1-migrate.log"; wait_ready >/dev/null; stop_app
  psql -q -v ON_ERROR_STOP=1 -d "$1" <<SQL
INSERT INTO users (name, email) SELECT 'User ' || g, 'user' || g || '@example.com' FROM generate_series(1, $2) g;
VACUUM ANALYZE users;
SQL
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'; }

now_ms() { date +%s%3N; }

# start_app DB LOG [VAR=value ...]: starts the jar in prod on DB; sets APP_PID, APP_PORT, APP_STARTED_MS.
# The API open (API_AUTH=none), as in the recorded results; the arguments may set API_AUTH=jwt JWT_JWK_SET_URI=….
start_app() {
  local db=$1 log=$2; shift 2
  APP_PORT=$(free_port)
  APP_STARTED_MS=$(now_ms)
  env -i PATH="$PATH" HOME="$HOME" SPRING_PROFILES_ACTIVE=prod SERVER_PORT="$APP_PORT" MANAGEMENT_PORT="$APP_PORT" \
    PROD_DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" PROD_DATABASE_USERNAME="$PGUSER" \
    PROD_DATABASE_PASSWORD="${PGPASSWORD:-unused}" ACTUATOR_USERNAME=bench ACTUATOR_PASSWORD=bench API_AUTH=none "$@" \
    java ${JAVA_OPTS:-} -jar "$JAR" >"$log" 2>&1 &
  APP_PID=$!
}

# wait_ready: polls readiness every 20 ms; prints milliseconds from start to the first 200.
wait_ready() {
  for _ in $(seq 1 9000); do
    if curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/actuator/health/readiness"; then
      echo $(( $(now_ms) - APP_STARTED_MS )); return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "bench: the service exited" >&2; return 1; }
    sleep 0.02
  done
  echo "bench: not ready after 180 s" >&2; return 1
}

# cpu_ms PID: user+system CPU time the process used so far.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"; }

rss_mib() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$1/status"; }

stop_app() { kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
