#!/usr/bin/env bash
# The intake benchmark of issue #8, against the packaged service, driven from outside its JVM.
#
#   bench/run-intake.sh [--no-package] [--no-history]
#
# Packages the service (unless --no-package), starts it with `java -jar` on a fresh data directory
# with its embedded PostgreSQL (fsync and synchronous commit on, as the service always runs its own)
# and the demo cities, signs in kcity's district supervisor, and prints in one run:
#   (a) wrk on a static file, (b) wrk on a signed-in GET /api/v1/auth/me (the floor of any signed-in
#   request), (c) wrk on POST /api/v1/cases (only 201 answers count), (d) pgbench's 4-insert
#   transaction against the same server, (e) the ratios and each target MET / NOT MET, and (f) the
#   intake again after bench/seed-history.sql has given the city its history (unless --no-history).
# Everything it started (service, PostgreSQL) is stopped when it ends, fails or is interrupted.
#
# Settings (environment): BENCH_CONNECTIONS (32), BENCH_THREADS (2, wrk threads), BENCH_INTAKE_SECONDS
# (60), BENCH_STATIC_SECONDS (20), BENCH_FLOOR_SECONDS (30), BENCH_WARMUP_SECONDS (180: a profile showed the JIT
# compiler taking a third of the service's CPU 90 s into intake; jstat -compiler counted 57 s of compiling in the
# first 90 s of load and 8 s in the 110 s after, so the measured 60 s come after three minutes of intake),
# BENCH_PGBENCH_SECONDS (30), BENCH_CLOSED (1000000), BENCH_OPEN (100000), BENCH_PORT (a free one),
# BENCH_DIR (a new /tmp/gridcity-bench-*; logs, scripts and summary.txt stay there), BENCH_JAVA_OPTS (extra JVM
# options, e.g. -agentpath:<libasyncProfiler.so>=start,event=cpu,file=<out> to profile the run), BENCH_KEEP_DATA=1
# keeps the data directory (several GB after the seed), BENCH_PG_STATEMENTS=1 loads pg_stat_statements into the
# embedded server and prints where PostgreSQL's time went during each intake run.
set -euo pipefail
shopt -s inherit_errexit

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PACKAGE=1
HISTORY=1
for arg in "$@"; do
    case "$arg" in
        --no-package) PACKAGE=0 ;;
        --no-history) HISTORY=0 ;;
        *) echo "unknown option $arg; see the head of $0" >&2; exit 2 ;;
    esac
done
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
INTAKE_SECONDS=${BENCH_INTAKE_SECONDS:-60}
STATIC_SECONDS=${BENCH_STATIC_SECONDS:-20}
FLOOR_SECONDS=${BENCH_FLOOR_SECONDS:-30}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-180}
PG_STATEMENTS=${BENCH_PG_STATEMENTS:-0}
PGBENCH_SECONDS=${BENCH_PGBENCH_SECONDS:-30}
CLOSED=${BENCH_CLOSED:-1000000}
OPEN=${BENCH_OPEN:-100000}
WORK=${BENCH_DIR:-$(mktemp -d /tmp/gridcity-bench-XXXXXX)}
DATA="$WORK/data"
JAR="$ROOT/backend/target/quarkus-app/quarkus-run.jar"
CITY=kcity
# pgbench writes into another city of the same server, so its rows never meet the measured city's.
PGBENCH_CITY=bcity
JAVA_PID=""
mkdir -p "$WORK"
SUMMARY="$WORK/summary.txt"
: > "$SUMMARY"

say() { printf '%s\n' "$*" | tee -a "$SUMMARY"; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

postmaster_pid() { [ -f "$DATA/pgdata/postmaster.pid" ] && head -1 "$DATA/pgdata/postmaster.pid" || true; }

stop_all() {
    set +e
    [ -n "${PGBENCH_PID:-}" ] && kill "$PGBENCH_PID" 2>/dev/null
    if [ -n "$JAVA_PID" ] && kill -0 "$JAVA_PID" 2>/dev/null; then
        log "stopping the service (pid $JAVA_PID)"
        kill -TERM "$JAVA_PID"
        for _ in $(seq 1 60); do kill -0 "$JAVA_PID" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$JAVA_PID" 2>/dev/null
    fi
    # A JVM that did not shut down cleanly leaves its embedded server running: stop it (fast shutdown).
    local pm
    pm=$(postmaster_pid)
    if [ -n "$pm" ] && [ "$(cat "/proc/$pm/comm" 2>/dev/null)" = postgres ]; then
        log "stopping the embedded PostgreSQL (pid $pm)"
        kill -INT "$pm"
        for _ in $(seq 1 60); do kill -0 "$pm" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$pm" 2>/dev/null
    fi
    if [ "${BENCH_KEEP_DATA:-0}" != 1 ]; then
        rm -rf "$DATA"
    fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

need() {
    local tool=$1 package=$2
    if ! command -v "$tool" >/dev/null; then
        log "$tool is missing: apt-get install -y $package"
        if [ "$(id -u)" = 0 ]; then apt-get install -y "$package" >&2; else sudo apt-get install -y "$package" >&2; fi
    fi
}
need wrk wrk
need pgbench postgresql-client
need psql postgresql-client
need jq jq
need curl curl

if [ "$PACKAGE" = 1 ]; then
    log "packaging the service (./mvnw package -DskipTests)"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests) >&2
fi
[ -f "$JAR" ] || { echo "no $JAR: run without --no-package" >&2; exit 1; }

free_port() {
    local p
    for _ in $(seq 1 100); do
        p=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    echo "no free port found" >&2; exit 1
}
PORT=${BENCH_PORT:-$(free_port)}
# Health and metrics listen on their own port (the management interface).
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-$(free_port)}
BASE="http://127.0.0.1:$PORT"

log "starting the packaged service on port $PORT, data in $DATA (log: $WORK/service.log)"
rm -rf "$DATA"
(cd "$WORK" && exec java \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
    -Dgridcity.data-dir="$DATA" \
    -Dgridcity.tenants.dir="$ROOT/tenants" -Dgridcity.tenants.load-demo=true \
    -Dgridcity.bootstrap.operator.username=operator -Dgridcity.bootstrap.operator.password=BenchOperator2026 \
    -Dgridcity.auth.access-token-ttl=PT6H \
    -Dgridcity.webhooks.plain-http-hosts=127.0.0.1 \
    -Dquarkus.management.port="$MANAGEMENT_PORT" \
    $([ "$PG_STATEMENTS" = 1 ] && echo "-Dgridcity.embedded-db.settings=shared_preload_libraries=pg_stat_statements,pg_stat_statements.track=all") \
    ${BENCH_JAVA_OPTS:-} \
    -jar "$JAR" > "$WORK/service.log" 2>&1) &
JAVA_PID=$!
for i in $(seq 1 600); do
    if ! kill -0 "$JAVA_PID" 2>/dev/null; then
        tail -40 "$WORK/service.log" >&2; echo "the service stopped during start-up" >&2; exit 1
    fi
    curl -sf -o /dev/null "$BASE/css/base.css" && break
    [ "$i" = 600 ] && { tail -40 "$WORK/service.log" >&2; echo "the service was not ready in 300 s" >&2; exit 1; }
    sleep 0.5
done
PGPORT=$(sed -n 4p "$DATA/pgdata/postmaster.pid")
CREDENTIALS="$DATA/pgdata-db-credentials.properties"
secret() { sed -n "s/^$1=//p" "$CREDENTIALS"; }
sql() { # role city statement...
    local role=$1 city=$2; shift 2
    PGPASSWORD=$(secret "$role") PGOPTIONS="-c gridcity.tenant_id=$city" \
        psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U "$role" -d gridcity "$@"
}
log "ready; embedded PostgreSQL on port $PGPORT: $(sql postgres "$CITY" -c "SELECT 'fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit')")"

login() {
    curl -sf -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"city\":\"$CITY\",\"username\":\"$1\",\"password\":\"DemoKc2026\"}" | jq -er .accessToken
}
TOKEN=$(login dsup)
ADMIN=$(login admin)
# A receiver for every report, so each one also writes its outbox row (nothing listens there; the
# worker's failed attempts back off).
curl -sf -o /dev/null -X POST "$BASE/api/v1/webhooks" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d '{"name":"bench receiver","url":"http://127.0.0.1:9/hook","eventTypes":["case.reported"],"active":true}'

# Where reports fall: the inner part of each of the city's unit grids; what they report: its active
# event subclasses.
UNITS=$(curl -sf "$BASE/api/v1/grid/geojson?level=unit" -H "Authorization: Bearer $TOKEN" | jq -r '
    .features[] | [.geometry.coordinates | flatten | . as $c | range(0; length; 2) | [$c[.], $c[. + 1]]] as $p
    | ($p | map(.[0])) as $x | ($p | map(.[1])) as $y
    | "{\(($x | min) + (($x | max) - ($x | min)) * 0.25),\(($x | max) - ($x | min)) * 0.5,\(($y | min) + (($y | max) - ($y | min)) * 0.25),\(($y | max) - ($y | min)) * 0.5},"')
CLASSES=$(curl -sf "$BASE/api/v1/catalog?kind=event" -H "Authorization: Bearer $TOKEN" | jq -r '.[] | select(.active) | "\"\(.code)\","')
log "$(printf '%s\n' "$UNITS" | wc -l) unit grids, $(printf '%s\n' "$CLASSES" | wc -l) event subclasses"

# Counts answers by status in every wrk thread and prints one RESULT line from their sum.
cat > "$WORK/count.lua" <<'LUA'
local threads = {}
function setup(thread)
    table.insert(threads, thread)
    thread:set("id", #threads)
end
function init(args)
    counts = {}
    n = 0
    math.randomseed(os.time() * 100 + id)
end
function response(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
end
function done(summary, latency, requests)
    local total = {}
    for _, t in ipairs(threads) do
        for status, count in pairs(t:get("counts")) do
            total[status] = (total[status] or 0) + count
        end
    end
    local statuses = {}
    for status, count in pairs(total) do
        table.insert(statuses, status .. "=" .. count)
    end
    table.sort(statuses)
    local e = summary.errors
    io.write(string.format("RESULT seconds=%.3f requests=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f socket_errors=%d statuses=%s\n",
        summary.duration / 1e6, summary.requests, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, e.connect + e.read + e.write + e.timeout, table.concat(statuses, ",")))
end
LUA
cp "$WORK/count.lua" "$WORK/static.lua"
{ cat "$WORK/count.lua"; cat <<LUA
local headers = {["Authorization"] = "Bearer $TOKEN"}
request = function()
    return wrk.format("GET", "/api/v1/auth/me", headers)
end
LUA
} > "$WORK/me.lua"
{ cat "$WORK/count.lua"; cat <<LUA
local units = {
$UNITS
}
local classes = {$(printf '%s' "$CLASSES")}
local headers = {["Authorization"] = "Bearer $TOKEN", ["Content-Type"] = "application/json"}
request = function()
    n = n + 1
    local u = units[math.random(#units)]
    local body = string.format('{"kind":"event","classCode":"%s","lon":%.7f,"lat":%.7f,"description":"巡查发现问题 %d-%d"}',
        classes[math.random(#classes)], u[1] + math.random() * u[2], u[3] + math.random() * u[4], id, n)
    return wrk.format("POST", "/api/v1/cases", headers, body)
end
LUA
} > "$WORK/intake.lua"

# CPU ticks (user + system) of a list of processes, one "pid ticks" line each; cpu_delta BEFORE AFTER
# sums what each process used in between (one that started in between counts whole, one that ended is missed).
cpu_of() {
    local p stat f
    for p in "$@"; do
        stat=$(cat "/proc/$p/stat" 2>/dev/null) || continue
        # Fields after the command name, from the state (field 3) on: utime is field 14, stime 15.
        read -ra f <<< "${stat##*) }"
        echo "$p $((f[11] + f[12]))"
    done
}
cpu_delta() { awk 'NR == FNR { before[$1] = $2; next } { used += $2 - before[$1] } END { print used + 0 }' <(echo "$1") <(echo "$2"); }
pg_pids() { local pm; pm=$(postmaster_pid); echo "$pm" $(pgrep -P "$pm" || true); }
machine() { awk '/^cpu /{print $2+$3+$4+$7+$8, $5+$6, $9}' /proc/stat; } # busy idle steal (ticks)
TICKS=$(getconf CLK_TCK)

# wrk NAME SECONDS SCRIPT PATH: runs wrk, prints its RESULT line plus the CPU each side used.
run_wrk() {
    local name=$1 seconds=$2 script=$3 path=$4 before_jvm before_pg m0 m1 out
    before_jvm=$(cpu_of "$JAVA_PID"); before_pg=$(cpu_of $(pg_pids)); m0=$(machine)
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s --latency -s "$script" "$BASE$path" 2>&1)
    m1=$(machine)
    printf '%s\n' "$out" > "$WORK/wrk-$name.txt"
    local result
    result=$(printf '%s\n' "$out" | grep '^RESULT' || { printf '%s\n' "$out" >&2; echo "wrk printed no result" >&2; exit 1; })
    local jvm pg
    jvm=$(cpu_delta "$before_jvm" "$(cpu_of "$JAVA_PID")"); pg=$(cpu_delta "$before_pg" "$(cpu_of $(pg_pids))")
    echo "$result jvm_cores=$(awk -v t="$jvm" -v k="$TICKS" -v s="$seconds" 'BEGIN{printf "%.2f", t/k/s}')" \
        "pg_cores=$(awk -v t="$pg" -v k="$TICKS" -v s="$seconds" 'BEGIN{printf "%.2f", t/k/s}')" \
        "machine=$(echo "$m0 $m1" | awk '{b=$4-$1; i=$5-$2; s=$6-$3; printf "busy_%.0f%%,steal_%.0f%%", 100*b/(b+i+s), 100*s/(b+i+s)}')"
}
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
per_second() { # RESULT status: answers of that status per second
    local count
    count=$(field "$1" statuses | tr ',' '\n' | sed -n "s/^$2=//p")
    awk -v c="${count:-0}" -v s="$(field "$1" seconds)" 'BEGIN{printf "%.0f", c/s}'
}
others() { field "$1" statuses | tr ',' '\n' | grep -v "^$2=" | paste -sd, - || true; }
describe() { # RESULT status label
    local other
    other=$(others "$1" "$2")
    printf '%s: %s/s, p50 %s ms, p99 %s ms, max %s ms; other answers: %s; socket errors: %s; CPU: service %s cores, PostgreSQL %s cores, machine %s' \
        "$3" "$(per_second "$1" "$2")" "$(field "$1" p50_ms)" "$(field "$1" p99_ms)" "$(field "$1" max_ms)" \
        "${other:-none}" "$(field "$1" socket_errors)" "$(field "$1" jvm_cores)" "$(field "$1" pg_cores)" \
        "$(field "$1" machine | tr _ ' ')"
}
verdict() { if awk "BEGIN{exit !($1)}"; then echo MET; else echo "NOT MET"; fi; }

say "BENCH $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?'), $CONNECTIONS connections, wrk $THREADS threads"

log "(a) static file: ${STATIC_SECONDS} s after 5 s of warm-up"
run_wrk warm-static 5 "$WORK/static.lua" /css/base.css > /dev/null
STATIC=$(run_wrk static "$STATIC_SECONDS" "$WORK/static.lua" /css/base.css)
say "BENCH (a) $(describe "$STATIC" 200 "static file GET /css/base.css")"

log "(b) signed-in floor: ${FLOOR_SECONDS} s after 10 s of warm-up"
run_wrk warm-me 10 "$WORK/me.lua" /api/v1/auth/me > /dev/null
FLOOR=$(run_wrk me "$FLOOR_SECONDS" "$WORK/me.lua" /api/v1/auth/me)
say "BENCH (b) $(describe "$FLOOR" 200 "signed-in floor GET /api/v1/auth/me")"

intake() { # label
    log "intake: ${INTAKE_SECONDS} s after ${WARMUP_SECONDS} s of warm-up"
    run_wrk "warm-intake-$1" "$WARMUP_SECONDS" "$WORK/intake.lua" /api/v1/cases > /dev/null
    sql postgres "$CITY" -c "ANALYZE city_case, case_event, case_phase, outbox_message" > /dev/null
    [ "$PG_STATEMENTS" = 1 ] && sql postgres "$CITY" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
        -c "SELECT pg_stat_statements_reset()" > /dev/null
    run_wrk "intake-$1" "$INTAKE_SECONDS" "$WORK/intake.lua" /api/v1/cases
    [ "$PG_STATEMENTS" = 1 ] && statements "$1"
    return 0
}
# Where PostgreSQL's time went during the run just measured: statements grouped by what they do (the
# multi-row INSERTs of one table are one group whatever their row count), by execution + planning time.
statements() {
    sql postgres "$CITY" -F ' | ' -c "WITH s AS (SELECT left(regexp_replace(regexp_replace(query, '\s+', ' ', 'g'),
            ' ?\(.*$', ''), 90) AS what, calls, rows, total_exec_time + total_plan_time AS ms, total_plan_time AS plan
            FROM pg_stat_statements)
        SELECT round(sum(ms)::numeric, 0) AS ms, round((100 * sum(ms) / sum(sum(ms)) OVER ())::numeric, 1) AS pct,
            sum(calls) AS calls, sum(rows) AS rows, round((sum(ms) / greatest(sum(rows), 1))::numeric, 4) AS ms_per_row,
            round(sum(plan)::numeric, 0) AS plan_ms, what
        FROM s GROUP BY what ORDER BY sum(ms) DESC LIMIT 25" > "$WORK/pg-statements-$1.txt"
    log "PostgreSQL's statements during intake ($1): ms | % | calls | rows | ms per row | planning ms | statement"
    cat "$WORK/pg-statements-$1.txt" >&2
}
log "(c) intake"
INTAKE=$(intake fresh)
say "BENCH (c) $(describe "$INTAKE" 201 "intake POST /api/v1/cases, 201 answers") ($(sql postgres "$CITY" -c "SELECT count(*) FROM city_case WHERE tenant_id = '$CITY'") cases in the city after it)"

log "(d) pgbench: BEGIN; 4 single-row INSERTs; COMMIT; ${PGBENCH_SECONDS} s"
RULE=$(sql gridcity_owner "$PGBENCH_CITY" -c "SELECT r.id FROM catalog_rule r JOIN catalog_class k ON k.id = r.class_id WHERE k.kind = 'EVENT' AND k.code = '0102' ORDER BY r.effective_from DESC LIMIT 1")
cat > "$WORK/four-inserts.pgbench" <<'SQL'
\set n random(1, 1000000000000)
BEGIN;
INSERT INTO city_case (tenant_id, number, source_code, source_channel, kind, class_code, class_name, rule_id, key_class, minor, base_case_weight, problem_type, priority, lon, lat, layout_version, unit_code, management_code, community_code, street_code, district_code, description, reporter_name, state, is_open, phase, phase_deadline, reminder_at, reported_at, updated_at) VALUES (:city, 'PB-' || :client_id || '-' || :n, 'district-supervisor', 'DISTRICT_SUPERVISOR', 'EVENT', '0102', '暴露垃圾', :rule, false, true, 1.00, 'ORDINARY', 'NORMAL', 118.7 + random() / 10, 32.0 + random() / 10, 1, '91010100100101001', '91010100100101', '910101001001', '910101001', '910101', '巡查发现问题', 'pgbench', 'REPORTED', true, 'FILING', now() + interval '1 day', now() + interval '20 hours', now(), now()) RETURNING id AS case_id \gset
INSERT INTO case_phase (tenant_id, case_id, phase, attempt, started_at, deadline, natural_time) VALUES (:city, :case_id, 'FILING', 1, now(), now() + interval '1 day', false);
INSERT INTO case_event (tenant_id, case_id, seq, action, from_state, to_state, actor_name, actor_role, at, data) VALUES (:city, :case_id, 1, 'report', NULL, 'REPORTED', 'pgbench', 'district-supervisor', now(), '{"unit": "91010100100101001", "layoutVersion": 1}');
INSERT INTO outbox_message (tenant_id, idempotency_key, event_type, aggregate_ref, summary, payload, channel, status, attempts, next_attempt_at, created_at) VALUES (:city, gen_random_uuid(), 'case.reported', 'PB-' || :client_id || '-' || :n, 'case reported', '{"caseNumber": "x"}', 'WEBHOOK', 'PENDING', 0, now() + interval '1 day', now());
COMMIT;
SQL
PGPASSWORD=$(secret gridcity_app) PGOPTIONS="-c gridcity.tenant_id=$PGBENCH_CITY" pgbench -h 127.0.0.1 \
    -p "$PGPORT" -U gridcity_app -n -c "$CONNECTIONS" -j "$THREADS" -T "$PGBENCH_SECONDS" \
    -D "city='$PGBENCH_CITY'" -D "rule=$RULE" -f "$WORK/four-inserts.pgbench" gridcity > "$WORK/pgbench.txt" 2>&1 &
PGBENCH_PID=$!
# pgbench's server processes end with it: their CPU is read a second before.
sleep 2
PG_BEFORE=$(cpu_of $(pg_pids))
sleep $((PGBENCH_SECONDS - 3))
PG_CPU=$(cpu_delta "$PG_BEFORE" "$(cpu_of $(pg_pids))")
wait "$PGBENCH_PID" || { cat "$WORK/pgbench.txt" >&2; exit 1; }
PGBENCH_OUT=$(cat "$WORK/pgbench.txt")
TPS=$(printf '%s\n' "$PGBENCH_OUT" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
PG_LATENCY=$(printf '%s\n' "$PGBENCH_OUT" | sed -n 's/^latency average = \([0-9.]*\) ms/\1/p')
PG_FAILED=$(printf '%s\n' "$PGBENCH_OUT" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
PG_CORES=$(awk -v t="$PG_CPU" -v k="$TICKS" -v s="$((PGBENCH_SECONDS - 3))" 'BEGIN{printf "%.2f", t/k/s}')
say "BENCH (d) pgbench BEGIN + 4 single-row INSERTs (case, phase, event, outbox row) + COMMIT, $CONNECTIONS clients, ${PGBENCH_SECONDS} s: $(printf '%.0f' "$TPS") tps, latency average $PG_LATENCY ms, ${PG_FAILED:-0} failed; PostgreSQL $PG_CORES cores"

STATIC_RATE=$(per_second "$STATIC" 200)
FLOOR_RATE=$(per_second "$FLOOR" 200)
INTAKE_RATE=$(per_second "$INTAKE" 201)
INTAKE_P99=$(field "$INTAKE" p99_ms)
intake_met() { verdict "$1 >= 1500 && $2 < 50 && \"$3\" == \"\""; }
say "BENCH (e) floor / static = $(awk -v a="$FLOOR_RATE" -v b="$STATIC_RATE" 'BEGIN{printf "%.2f", a/b}'); target floor >= 5,000/s or >= 0.25 x static: $(verdict "$FLOOR_RATE >= 5000 || $FLOOR_RATE >= 0.25 * $STATIC_RATE")"
say "BENCH (e) intake / pgbench = $(awk -v a="$INTAKE_RATE" -v b="$TPS" 'BEGIN{printf "%.2f", a/b}'); target intake >= 1,500/s with p99 < 50 ms and no other answers: $(intake_met "$INTAKE_RATE" "$INTAKE_P99" "$(others "$INTAKE" 201)")"

if [ "$HISTORY" = 1 ]; then
    log "(f) seeding $CLOSED closed and $OPEN open cases (bench/seed-history.sql)"
    SEED_START=$(date +%s)
    sql gridcity_owner "$CITY" -v city="$CITY" -v closed="$CLOSED" -v open="$OPEN" -f "$ROOT/bench/seed-history.sql" > "$WORK/seed.txt"
    sql gridcity_owner "$CITY" -c "VACUUM (ANALYZE) city_case, case_event, case_phase" > /dev/null
    sql postgres "$CITY" -c "CHECKPOINT" > /dev/null
    SEEDED=$(sql postgres "$CITY" -c "SELECT count(*) FILTER (WHERE NOT is_open) || ' closed, ' || count(*) FILTER (WHERE is_open) || ' open, ' || (SELECT count(*) FROM case_event WHERE tenant_id = '$CITY') || ' events' FROM city_case WHERE tenant_id = '$CITY'")
    say "BENCH (f) history seeded in $(( $(date +%s) - SEED_START )) s: the city now holds $SEEDED"
    HISTORIC=$(intake history)
    say "BENCH (f) $(describe "$HISTORIC" 201 "intake with history, 201 answers")"
    H_RATE=$(per_second "$HISTORIC" 201)
    say "BENCH (f) with history / fresh: throughput $(awk -v a="$H_RATE" -v b="$INTAKE_RATE" 'BEGIN{printf "%.2f", a/b}'), p99 $(awk -v a="$(field "$HISTORIC" p99_ms)" -v b="$INTAKE_P99" 'BEGIN{printf "%.2f", a/b}'); target intake >= 1,500/s with p99 < 50 ms and no other answers: $(intake_met "$H_RATE" "$(field "$HISTORIC" p99_ms)" "$(others "$HISTORIC" 201)")"
fi
log "done; summary in $SUMMARY, wrk and pgbench outputs beside it"
