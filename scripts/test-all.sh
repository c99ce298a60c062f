#!/usr/bin/env bash
# Everything `npm test` checks (after scripts/bootstrap.mjs installed pnpm and the dependencies).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export STORYBOOK_DISABLE_TELEMETRY=1

step() { printf '\n==> %s\n' "$*"; }

step "PostgreSQL for the tests (scripts/ensure-postgres.sh)"
bash scripts/ensure-postgres.sh

step "Lint (biome check .)"
pnpm lint

step "Typecheck (tsc in every package)"
pnpm typecheck

step "Build the packages (tsup)"
pnpm --filter './packages/*' build

# What a merchant installs: every package packed, then publint, attw --profile esm-only and the
# tarball's contents (no dev-only condition, exports all packed, "use client", optional peers).
step "Package checks on the packed tarballs (scripts/check-packages.mjs)"
node scripts/check-packages.mjs --no-build --out .packs

step "Unit and integration tests (vitest, all projects)"
pnpm exec vitest run

# The same run with the system clock 400 days ahead (Debian's faketime, LD_PRELOAD, inherited by
# Vitest's workers; PGlite follows it, the PostgreSQL server does not): no test or component may
# depend on today's date, and the proxy must not mix its clock with the database's.
step "Unit and integration tests again, 400 days from today (faketime)"
bash scripts/ensure-debian-package.sh faketime faketime
faketime '+400 days' pnpm exec vitest run

step "Bundle size budgets (pnpm size)"
pnpm size

step "Storybook build (offline)"
pnpm storybook:build

# Playwright uses Debian's chromium (scripts/ensure-chromium.sh installs it), never `playwright install`.
step "Chromium for Playwright (scripts/ensure-chromium.sh)"
bash scripts/ensure-chromium.sh

step "End-to-end tests in Chromium (Playwright, e2e/)"
pnpm --filter @ayokit/e2e test

printf '\n==> All checks passed\n'
