#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the Playwright e2e tests
# (installed with apt-get when missing; never `playwright install`). Idempotent.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

log() { echo "[ensure-chromium] $*"; }
die() {
  echo "[ensure-chromium] ERROR: $*" >&2
  exit 1
}

if [[ -x "$CHROMIUM" ]]; then
  log "ok: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  die "$CHROMIUM is missing and cannot be installed here (needs root and apt-get): install Debian's 'chromium' package"
fi

log "installing Debian's chromium (apt-get) …"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
[[ -x "$CHROMIUM" ]] || die "apt-get install chromium finished but $CHROMIUM is still missing"
log "ok: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
