# Shared by the bench scripts (sourced, not run): the set-up of ../setup.sh, one seeded benchmark
# database, and the Release app on a free loopback port that fails fast, with its log's tail, when it
# does not come up or exits while a bench runs against it.
source "$(dirname "${BASH_SOURCE[0]}")/../setup.sh"

# Tools, database server, build, the bench's npm packages. "with-browser" also installs Chromium.
bench_prepare() {
    ensure_tools "$@"
    setup_database
    build_app
    mkdir -p "$REPO/artifacts"
    say "Installing the benchmarks' npm packages"
    (cd "$REPO/scripts/bench" && npm ci --no-audit --no-fund --loglevel=error)
}

# One field of an Npgsql connection string (key in lower case): host, port, database, username, password.
npgsql_field() {
    tr ';' '\n' <<<"$1" | awk -v k="$2" '{ i = index($0, "="); key = tolower(substr($0, 1, i - 1)); gsub(/ /, "", key) } key == k { print substr($0, i + 1); exit }'
}

# psql as the superuser over the local socket when the server is ours (the extension needs it), else as
# the role of MC_DATABASE_URL (it has CREATEDB).
psql_admin() {
    local port
    port="$(npgsql_field "$MC_DATABASE_URL" port)"
    port="${port:-5432}"
    if [ -S "/tmp/.s.PGSQL.$port" ] && id postgres >/dev/null 2>&1 \
        && runuser -u postgres -- psql -h /tmp -p "$port" -U postgres -qAtX -c "select 1" >/dev/null 2>&1; then
        runuser -u postgres -- psql -h /tmp -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAtX "$@"
    else
        PGHOST="$(npgsql_field "$MC_DATABASE_URL" host)" PGPORT="$port" PGUSER="$(npgsql_field "$MC_DATABASE_URL" username)" \
            PGPASSWORD="$(npgsql_field "$MC_DATABASE_URL" password)" PGDATABASE="$(npgsql_field "$MC_DATABASE_URL" database)" \
            psql -v ON_ERROR_STOP=1 -qAtX "$@"
    fi
}

# The benchmark database (BENCH_DB, default mc_bench), created and seeded once (statistical years
# 2026 and 2027), with pg_stat_statements; exports Database__ConnectionString for the app, and the
# address and password of a fresh Admin for this run (bench_account).
bench_database() {
    BENCH_DB="${BENCH_DB:-mc_bench}"
    export Database__ConnectionString
    Database__ConnectionString="$(sed -E "s/Database=[^;]*/Database=$BENCH_DB/I" <<<"$MC_DATABASE_URL")"
    if [ "$(psql_admin -c "select 1 from pg_database where datname = '$BENCH_DB'")" != 1 ]; then
        psql_admin -c "create database $BENCH_DB owner $(npgsql_field "$MC_DATABASE_URL" username)"
    fi
    if ! psql_admin -d "$BENCH_DB" -c "create extension if not exists pg_stat_statements" \
        -c "grant execute on function pg_stat_statements_reset to $(npgsql_field "$MC_DATABASE_URL" username)" 2>/dev/null; then
        echo "pg_stat_statements could not be created in $BENCH_DB (it needs a superuser and shared_preload_libraries): statement counts will read n/a." >&2
    fi
    say "Seeding the benchmark database $BENCH_DB (once)"
    Demo__Years__0=2026 Demo__Years__1=2027 dotnet "$(app_dll)" seed
    bench_account
}

# Every page, hub and /internal endpoint needs a session: one new Admin per run (its password is
# random and printed once, so a previous run's account cannot be reused), signed in by the node
# clients (common.mjs signIn). Exports BENCH_EMAIL and BENCH_PASSWORD.
bench_account() {
    export BENCH_EMAIL BENCH_PASSWORD
    BENCH_EMAIL="bench-$(date +%s)-$RANDOM$RANDOM@bench.local"
    say "Creating the run's Admin $BENCH_EMAIL"
    BENCH_PASSWORD="$(Logging__LogLevel__Default=Warning dotnet "$(app_dll)" user demo-admin --email "$BENCH_EMAIL")"
    if [ -z "$BENCH_PASSWORD" ]; then
        echo "user demo-admin printed no password for $BENCH_EMAIL." >&2
        exit 1
    fi
}

# Starts the app on a free loopback port with the given extra settings (NAME=value ...): sets
# BENCH_URL, BENCH_APP_PID and BENCH_APP_LOG (artifacts/bench-NAME-app.log), stops it on exit, and
# returns once /sign-in answers 200 (the walls need a session; /sign-in says 503 until the migrations
# ran). Exits with the log's tail when the app exits or does not answer.
start_app() {
    local name="$1"
    shift
    local port
    port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
    BENCH_URL="http://127.0.0.1:$port"
    BENCH_APP_LOG="$REPO/artifacts/bench-$name-app.log"
    mkdir -p "$REPO/artifacts"
    say "Starting the app on $BENCH_URL (log: ${BENCH_APP_LOG#"$REPO"/})"
    env Logging__LogLevel__Default=Warning "$@" \
        dotnet "$(app_dll)" --urls "$BENCH_URL" --contentRoot "$REPO/src/MonitoringCenter.Web" >"$BENCH_APP_LOG" 2>&1 &
    BENCH_APP_PID=$!
    trap stop_app EXIT
    local deadline=$((SECONDS + ${BENCH_START_SECONDS:-120}))
    until curl -sf --max-time 10 -o /dev/null "$BENCH_URL/sign-in"; do
        if ! kill -0 "$BENCH_APP_PID" 2>/dev/null; then
            app_failed "The app exited before it answered"
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            app_failed "The app did not answer $BENCH_URL/sign-in within ${BENCH_START_SECONDS:-120} s"
        fi
        sleep 1
    done
}

stop_app() {
    if [ -n "${BENCH_APP_PID:-}" ] && kill -0 "$BENCH_APP_PID" 2>/dev/null; then
        kill "$BENCH_APP_PID" 2>/dev/null || true
        wait "$BENCH_APP_PID" 2>/dev/null || true
    fi
}

app_failed() {
    echo "$1. The last lines of ${BENCH_APP_LOG#"$REPO"/}:" >&2
    tail -n 40 "$BENCH_APP_LOG" >&2 || true
    exit 1
}

# Runs a bench client (a command) against the app; stops it and fails when the app exits meanwhile.
run_against_app() {
    "$@" &
    local client=$!
    while kill -0 "$client" 2>/dev/null; do
        if ! kill -0 "$BENCH_APP_PID" 2>/dev/null; then
            kill "$client" 2>/dev/null || true
            wait "$client" 2>/dev/null || true
            app_failed "The app exited during the run"
        fi
        sleep 1
    done
    local status=0
    wait "$client" || status=$?
    if [ "$status" != 0 ]; then
        echo "The bench client failed (exit $status)." >&2
        kill -0 "$BENCH_APP_PID" 2>/dev/null || app_failed "The app is gone"
        exit "$status"
    fi
}
