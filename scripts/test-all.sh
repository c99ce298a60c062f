#!/usr/bin/env bash
# Everything `npm test` checks (after scripts/bootstrap.mjs installed pnpm and the dependencies).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export STORYBOOK_DISABLE_TELEMETRY=1

# Each step's wall time is printed when the next begins, and all of them at the end.
STARTED=$SECONDS
STEP_NAME=""
STEP_START=$SECONDS
TIMES=()
finish_step() {
  if [ -n "$STEP_NAME" ]; then
    local took=$((SECONDS - STEP_START))
    TIMES+=("$(printf '%4d:%02d  %s' $((took / 60)) $((took % 60)) "$STEP_NAME")")
    printf '    (%s: %dm%02ds)\n' "$STEP_NAME" $((took / 60)) $((took % 60))
  fi
}
step() {
  finish_step
  STEP_NAME="$*"
  STEP_START=$SECONDS
  printf '\n==> %s\n' "$*"
}
summary() {
  finish_step
  STEP_NAME=""
  local total=$((SECONDS - STARTED))
  printf '\n==> Step times (wall)\n'
  printf '%s\n' "${TIMES[@]}"
  printf '%4d:%02d  total\n' $((total / 60)) $((total % 60))
}
# Printed on success and on failure alike (then the last line is the step that failed).
trap summary EXIT

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

step "Bundle composition: one copy of each package (pnpm size:why)"
pnpm size:why --top 5

step "Storybook build (offline)"
pnpm storybook:build

# Playwright uses Debian's chromium (scripts/ensure-chromium.sh installs it), never `playwright install`.
step "Chromium for Playwright (scripts/ensure-chromium.sh)"
bash scripts/ensure-chromium.sh

step "End-to-end tests in Chromium (Playwright, e2e/)"
pnpm --filter @ayokit/e2e test

# The example apps as a merchant builds them: from the packed tarballs (.packs/), in a temp folder
# outside the repo, npm-installed; tsc + vite build, HTTP tests, Playwright in Chromium.
step "Example apps from the tarballs: Vite app + plain Node http backend (scripts/example-node-vite.mjs)"
node scripts/example-node-vite.mjs

# A merchant's Next.js App Router shop (apps/next-example) from the packed tarballs (.packs/):
# npm-installed in a temp folder outside the repo, next build (no database opened), the kit's share
# of the browser JS, next start, Playwright in Chromium (bind on the simulator's bank page, pay the
# server-made checkout, staff refund; every method through the route handler).
step "Next.js example from the tarballs (scripts/example-next.mjs)"
node scripts/example-next.mjs

printf '\n==> All checks passed\n'
