#!/usr/bin/env bash
# Makes sure the PostgreSQL used by the tests is there:
#   postgres://postgres@127.0.0.1:5432/test, reachable without a password.
# 1. server: already accepting connections, else start the newest Debian cluster, else (as root,
#    with apt-get) install Debian's `postgresql` and start it;
# 2. the `test` database exists (created when missing);
# 3. TCP connections from 127.0.0.1 / ::1 are trusted (pg_hba.conf), changed only when connecting fails.
# Skipped entirely when TEST_DATABASE_URL is set. Idempotent. Exits non-zero when it cannot deliver.
set -euo pipefail

HOST=127.0.0.1
PORT=5432
DB=test
TEST_URL="postgres://postgres@${HOST}:${PORT}/${DB}"
ADMIN_URL="postgres://postgres@${HOST}:${PORT}/postgres"
HBA_MARKER='# ayokit scripts/ensure-postgres.sh: trust local TCP for the tests'

log() { echo "[ensure-postgres] $*"; }
die() {
  echo "[ensure-postgres] ERROR: $*" >&2
  exit 1
}

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  log "TEST_DATABASE_URL is set: using it as is, nothing to do"
  exit 0
fi

is_root() { [[ "$(id -u)" -eq 0 ]]; }

server_ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$HOST" -p "$PORT"
  else
    (exec 3<>"/dev/tcp/${HOST}/${PORT}") 2>/dev/null
  fi
}

wait_ready() {
  for _ in $(seq 1 60); do
    server_ready && return 0
    sleep 0.5
  done
  return 1
}

latest_cluster_version() {
  [[ -d /etc/postgresql ]] || return 0
  find /etc/postgresql -mindepth 2 -maxdepth 2 -type d -name main -printf '%P\n' 2>/dev/null |
    cut -d/ -f1 | sort -V | tail -1
}

start_cluster() {
  local version=$1
  log "starting PostgreSQL ${version} cluster 'main' (pg_ctlcluster)"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start ||
    log "pg_ctlcluster exited with $? (already running?)"
}

# Runs a command as the `postgres` OS user (peer authentication on the local socket).
as_postgres() {
  if [[ "$(id -un)" == postgres ]]; then
    "$@"
  elif is_root; then
    runuser -u postgres -- "$@"
  else
    sudo -n -u postgres -- "$@"
  fi
}

can_connect() { PGCONNECT_TIMEOUT=5 psql "$1" -XAtqc 'SELECT 1' >/dev/null 2>&1; }

local_psql() { as_postgres psql -X -p "$PORT" -d postgres -Atq "$@"; }

# ---- 1. a server on 127.0.0.1:5432 ----
if server_ready; then
  log "server: already accepting connections on ${HOST}:${PORT}"
else
  version=$(latest_cluster_version)
  if [[ -z "$version" ]]; then
    if is_root && command -v apt-get >/dev/null 2>&1; then
      log "server: none found; installing Debian's postgresql (apt-get) …"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq postgresql >/dev/null
      version=$(latest_cluster_version)
      if [[ -z "$version" ]]; then
        version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -1)
        [[ -n "$version" ]] || die "apt-get installed postgresql but no server version was found in /usr/lib/postgresql"
        log "creating cluster ${version}/main"
        pg_createcluster "$version" main
      fi
    else
      die "no PostgreSQL on ${HOST}:${PORT} and none can be installed here (needs root and apt-get).
  Install PostgreSQL and let 'postgres' connect to database '${DB}' on ${HOST}:${PORT} without a password,
  or point the tests at a server with TEST_DATABASE_URL=postgres://user:pass@host:port/db"
    fi
  fi
  server_ready || start_cluster "$version"
  wait_ready || die "PostgreSQL ${version} did not come up on ${HOST}:${PORT} (check /var/log/postgresql/)"
  log "server: PostgreSQL ${version} is accepting connections on ${HOST}:${PORT}"
fi

if ! command -v psql >/dev/null 2>&1; then
  log "WARNING: psql not found: cannot check database '${DB}' and passwordless access; assuming they are fine"
  exit 0
fi

if can_connect "$TEST_URL"; then
  log "ok: ${TEST_URL} connects"
  exit 0
fi

# ---- 2. the test database ----
if can_connect "$ADMIN_URL"; then
  if [[ -z "$(psql "$ADMIN_URL" -XAtqc "SELECT 1 FROM pg_database WHERE datname = '${DB}'")" ]]; then
    log "creating database '${DB}'"
    psql "$ADMIN_URL" -Xqc "CREATE DATABASE ${DB}"
  fi
else
  local_psql -c 'SELECT 1' >/dev/null ||
    die "cannot reach ${TEST_URL}, nor administer the server as the 'postgres' OS user (run as root, or set TEST_DATABASE_URL)"
  if [[ -z "$(local_psql -c "SELECT 1 FROM pg_database WHERE datname = '${DB}'")" ]]; then
    log "creating database '${DB}'"
    local_psql -c "CREATE DATABASE ${DB}"
  fi
  # ---- 3. passwordless TCP from localhost (fresh Debian installs use scram-sha-256) ----
  if ! can_connect "$TEST_URL"; then
    hba=$(local_psql -c 'SHOW hba_file')
    [[ -f "$hba" ]] || die "pg_hba.conf not found (SHOW hba_file said '${hba}')"
    if grep -qF "$HBA_MARKER" "$hba"; then
      log "pg_hba.conf already has the trust rules: reloading"
    else
      log "pg_hba.conf: trusting 127.0.0.1/32 and ::1/128 (${hba}, backup ${hba}.ayokit.bak)"
      cp -p "$hba" "${hba}.ayokit.bak"
      # First matching line wins: put the rules before the existing ones.
      tmp=$(mktemp)
      {
        echo "$HBA_MARKER"
        echo "host    all    all    127.0.0.1/32    trust"
        echo "host    all    all    ::1/128         trust"
        cat "$hba"
      } >"$tmp"
      cat "$tmp" >"$hba"
      rm -f "$tmp"
    fi
    local_psql -c 'SELECT pg_reload_conf()' >/dev/null
    sleep 0.5
  fi
fi

if can_connect "$TEST_URL"; then
  log "ok: ${TEST_URL} connects"
else
  PGCONNECT_TIMEOUT=5 psql "$TEST_URL" -XAtqc 'SELECT 1' || true
  die "${TEST_URL} still does not connect (see the error above)"
fi
