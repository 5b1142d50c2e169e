#!/usr/bin/env bash
# Shared set-up for ./scripts/run and ./scripts/test: installs what is missing, starts a local
# PostgreSQL (unless MC_DATABASE_URL names an external one) and exports the connection string.
# Sourced, not run.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MC_PG_PORT="${MC_PG_PORT:-5433}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_updated=0
apt_install() {
    if [ "$apt_updated" = 0 ]; then
        say "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        apt_updated=1
    fi
    say "Installing $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_tools() {
    command -v dotnet >/dev/null || { echo "The .NET 10 SDK (dotnet) is required and was not found on PATH." >&2; exit 1; }
    local missing=()
    command -v psql >/dev/null || missing+=(postgresql-client)
    if [ -z "${MC_DATABASE_URL:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql); fi
    command -v node >/dev/null || missing+=(nodejs)
    command -v npm >/dev/null || missing+=(npm)
    if [ "${1:-}" = with-browser ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium fonts-dejavu-core); fi
    if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}

# A cluster of our own, on loopback only, on a dedicated port, owned by the postgres user.
start_local_postgres() {
    local bin
    bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    if [ -z "${MC_PGDATA:-}" ]; then
        # In the checkout when the postgres user can reach it; else under its own home.
        MC_PGDATA="$REPO/.pgdata"
        mkdir -p "$MC_PGDATA" && chown postgres:postgres "$MC_PGDATA"
        if ! runuser -u postgres -- test -w "$MC_PGDATA"; then
            rmdir "$MC_PGDATA" 2>/dev/null || true
            MC_PGDATA="/var/lib/postgresql/monitoring-center-$(echo "$REPO" | md5sum | cut -c1-8)"
        fi
    fi
    mkdir -p "$MC_PGDATA"
    chown postgres:postgres "$MC_PGDATA"
    chmod 700 "$MC_PGDATA"
    if ! runuser -u postgres -- test -w "$MC_PGDATA"; then
        echo "The postgres user cannot write $MC_PGDATA (a parent folder is closed to it); set MC_PGDATA to another folder." >&2
        exit 1
    fi
    if [ ! -f "$MC_PGDATA/PG_VERSION" ]; then
        say "Creating a PostgreSQL cluster in $MC_PGDATA"
        runuser -u postgres -- "$bin/initdb" -D "$MC_PGDATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! runuser -u postgres -- "$bin/pg_ctl" -D "$MC_PGDATA" status >/dev/null 2>&1; then
        say "Starting PostgreSQL on 127.0.0.1:$MC_PG_PORT"
        runuser -u postgres -- "$bin/pg_ctl" -D "$MC_PGDATA" -l "$MC_PGDATA/server.log" -w -t 60 start \
            -o "-p $MC_PG_PORT -c listen_addresses=127.0.0.1 -k /tmp -c shared_preload_libraries=pg_stat_statements -c max_connections=300 -c shared_buffers=512MB -c max_wal_size=4GB -c checkpoint_timeout=15min" >/dev/null
    fi
    local psql=(runuser -u postgres -- psql -h /tmp -p "$MC_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAtX)
    if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname = 'monitoring'")" != 1 ]; then
        "${psql[@]}" -c "create role monitoring login createdb password 'monitoring'"
    fi
    if [ "$("${psql[@]}" -c "select 1 from pg_database where datname = 'monitoring'")" != 1 ]; then
        "${psql[@]}" -c "create database monitoring owner monitoring"
    fi
    export MC_DATABASE_URL="Host=127.0.0.1;Port=$MC_PG_PORT;Database=monitoring;Username=monitoring;Password=monitoring"
}

setup_database() {
    if [ -n "${MC_DATABASE_URL:-}" ]; then
        say "Using the external database from MC_DATABASE_URL (no local server started)"
    else
        start_local_postgres
    fi
    export Database__ConnectionString="$MC_DATABASE_URL"
}

build_app() {
    say "Building the browser module (npm ci, esbuild)"
    (cd "$REPO/wwwroot-assets" && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build)
    say "Building (Release)"
    dotnet build "$REPO/MonitoringCenter.sln" -c Release -nologo -clp:ErrorsOnly -v:q
}

app_dll() { echo "$REPO/src/MonitoringCenter.Web/bin/Release/net10.0/MonitoringCenter.Web.dll"; }

seed() {
    say "Migrating and loading demo data (skipped when already loaded)"
    dotnet "$(app_dll)" seed
}
