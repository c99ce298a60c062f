#!/usr/bin/env bash
# Makes sure a Debian package's program is installed: `ensure-debian-package.sh <package> <program>`
# (a command name or an absolute path). Installs the package with apt-get when the program is
# missing; never another package manager. Idempotent; exits non-zero when it cannot deliver.
set -euo pipefail

PACKAGE=${1:?usage: ensure-debian-package.sh <package> <program>}
PROGRAM=${2:?usage: ensure-debian-package.sh <package> <program>}

log() { echo "[ensure-${PACKAGE}] $*"; }
die() {
  echo "[ensure-${PACKAGE}] ERROR: $*" >&2
  exit 1
}

found() { command -v "$PROGRAM" 2>/dev/null; }
ok() {
  local version
  version=$("$1" --version 2>/dev/null | head -1 || true)
  log "ok: $1${version:+ (${version})}"
}

if path=$(found); then
  ok "$path"
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  die "${PROGRAM} is missing and cannot be installed here (needs root and apt-get): install Debian's '${PACKAGE}' package"
fi

log "installing Debian's ${PACKAGE} (apt-get) …"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "$PACKAGE" >/dev/null
path=$(found) || die "apt-get install ${PACKAGE} finished but ${PROGRAM} is still missing"
ok "$path"
