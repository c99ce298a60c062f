#!/usr/bin/env bash
# Everything `npm test` checks (after scripts/bootstrap.mjs installed pnpm and the dependencies).
#
# Two lanes share the machine's cores. The checks lane (here, in the foreground: lint, build,
# types, packages, sizes, the two Vitest runs) is CPU-bound. The browser lane (in the background:
# what the machine may lack, Storybook build, Playwright e2e, the example apps) waits on pages,
# servers and timers, while Chromium's processes take CPU that its step's figure does not count
# (they are not reaped by the step's shell). Side by side, the machine is busy throughout (vmstat
# over a fresh-clone run on the 2-core machine: 1.8 % idle), so the wall time is the CPU over the
# cores: cut CPU to cut time.
# The checks stream their output; a browser step's output is kept and printed whole once it ends,
# between two checks. Each step's wall and CPU time (user + sys, all its processes) is printed as
# it ends and in the table at the end, which says when each step began.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export STORYBOOK_DISABLE_TELEMETRY=1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ayokit-test-XXXXXX")
ROWS="$WORK/rows"
: >"$ROWS"
TIMEFORMAT='%U %S'
LANE_PID=""

mmss() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }

# run_step LANE NAME COMMAND...: the step's header, its output, then its times (also kept in ROWS).
run_step() {
  local lane=$1 name=$2
  shift 2
  local start=$SECONDS rc=0 user sys
  local timefile="$WORK/time.$BASHPID"
  if [ "$lane" = checks ]; then
    printf '\n==> %s\n' "$name"
  else
    printf '\n==> %s  [browser lane, began at %s]\n' "$name" "$(mmss "$start")"
  fi
  # `time` reports on the shell's stderr (here the file); the command's stderr goes to fd 3. In a
  # subshell, so that it counts this step's processes only (not the other lane's, should this shell
  # reap them meanwhile).
  (time "$@" 2>&3 3>&-) 3>&2 2>"$timefile" || rc=$?
  read -r user sys <"$timefile" || true
  local wall=$((SECONDS - start))
  local cpu
  cpu=$(awk -v u="${user:-0}" -v s="${sys:-0}" 'BEGIN { printf "%.0f", u + s }')
  local status=""
  [ "$rc" -eq 0 ] || status="  FAILED (exit $rc)"
  printf '    (%s: %s wall, %s s CPU)%s\n' "$name" "$(mmss "$wall")" "$cpu" "$status"
  printf '%d\t%d\t%d\t%s\t%s%s\n' "$start" "$wall" "$cpu" "$lane" "$name" "$status" >>"$ROWS"
  return "$rc"
}

# The browser lane: each step's output to its own file, a .done mark when it ends. (Run as
# `browser_lane || …`, where bash ignores set -e: hence the `|| return 1` after each step.)
BROWSER_STEPS=0
browser_step() {
  BROWSER_STEPS=$((BROWSER_STEPS + 1))
  local log="$WORK/browser.$BROWSER_STEPS"
  local rc=0
  run_step browser "$@" >"$log.log" 2>&1 || rc=$?
  : >"$log.done"
  return "$rc"
}
# Waits for a mark the other lane leaves (a step's result this lane needs); gives up (status 1)
# when the browser lane has failed.
wait_for() {
  until [ -e "$WORK/$1" ]; do
    [ -e "$WORK/browser.failed" ] && return 1
    sleep 1
  done
}
browser_lane() {
  # What the machine may lack, installed while the checks lane lints and builds (a fresh machine:
  # apt-get for 30 s). One after the other: two apt-get runs at once would contend for dpkg's lock.
  # The checks lane waits for the mark before its first Vitest run (PostgreSQL, faketime).
  browser_step "PostgreSQL, Chromium and faketime (scripts/ensure-postgres.sh, ensure-debian-package.sh)" \
    bash -c 'bash scripts/ensure-postgres.sh && bash scripts/ensure-chromium.sh &&
      bash scripts/ensure-debian-package.sh faketime faketime' || return 1
  : >"$WORK/machine-ready"
  browser_step "Storybook build (offline)" pnpm storybook:build || return 1
  # e2e's secrets check reads the packages' dist: after their build.
  wait_for packages-built
  browser_step "End-to-end tests in Chromium (Playwright, e2e/)" pnpm --filter @ayokit/e2e test || return 1
  # The example apps as a merchant builds them: from the packed tarballs (.packs/), in a temp
  # folder outside the repo, npm-installed; tsc + vite build, HTTP tests, Playwright in Chromium.
  wait_for packages-packed
  browser_step "Example apps from the tarballs: Vite app + plain Node http backend (scripts/example-node-vite.mjs)" \
    node scripts/example-node-vite.mjs || return 1
  # A merchant's Next.js App Router shop (apps/next-example) from the packed tarballs (.packs/):
  # npm-installed in a temp folder outside the repo, next build (no database opened), the kit's
  # share of the browser JS, next start, Playwright in Chromium (bind on the simulator's bank page,
  # pay the server-made checkout, staff refund; every method through the route handler).
  browser_step "Next.js example from the tarballs (scripts/example-next.mjs)" node scripts/example-next.mjs || return 1
}

# Prints the browser steps that ended since the last call (all of them, the unfinished one too,
# with `all`).
BROWSER_SHOWN=0
show_browser() {
  local n=$((BROWSER_SHOWN + 1))
  while [ -e "$WORK/browser.$n.log" ]; do
    if [ -e "$WORK/browser.$n.done" ]; then
      cat "$WORK/browser.$n.log"
    elif [ "${1:-}" = all ]; then
      cat "$WORK/browser.$n.log"
      printf '    (stopped: the test command ended before this step)\n'
    else
      break
    fi
    BROWSER_SHOWN=$n
    n=$((n + 1))
  done
}
browser_failed() { [ -e "$WORK/browser.failed" ]; }

# The checks run niced: the browser lane's pages, servers and timers wait on the CPU little then,
# and the checks take what it leaves (they are throughput, it is latency: measured, e2e alone took
# 3:22, beside un-niced Vitest 7:55). CHECKS_NICE=0 turns it off.
CHECKS_NICE=${CHECKS_NICE:-10}

# A step of the checks lane; between steps, what the browser lane finished is shown, and a
# failure there ends the run.
step() {
  local name=$1
  shift
  run_step checks "$name" nice -n "$CHECKS_NICE" "$@"
  show_browser
  if browser_failed; then
    printf '\n==> The browser lane failed (above)\n'
    exit 1
  fi
}

summary() {
  local rc=$?
  if [ -n "$LANE_PID" ] && kill -0 "$LANE_PID" 2>/dev/null; then
    # The lane is its own process group (set -m below): this stops Playwright, its servers, npm…
    kill -TERM -- "-$LANE_PID" 2>/dev/null || true
    wait "$LANE_PID" 2>/dev/null || true
  fi
  show_browser all
  local total=$SECONDS
  printf '\n==> Step times (wall, CPU = user + sys of all its processes; began = when it started)\n'
  printf '  began    wall   CPU s  lane     step\n'
  sort -s -n -k1,1 "$ROWS" | while IFS=$'\t' read -r start wall cpu lane name; do
    printf '%7s %7s %7d  %-8s %s\n' "$(mmss "$start")" "$(mmss "$wall")" "$cpu" "$lane" "$name"
  done
  printf '        %7s %7d           total (wall; CPU of the steps)\n' "$(mmss "$total")" \
    "$(awk -F'\t' '{ s += $3 } END { print s + 0 }' "$ROWS")"
  rm -rf "$WORK"
  return "$rc"
}
# Printed on success and on failure alike (then the failed step is marked in the table).
trap summary EXIT

# Its own process group (job control on for this one job), so that a failure can stop all of it.
set -m
(browser_lane || : >"$WORK/browser.failed") </dev/null &
LANE_PID=$!
set +m

step "Lint (biome check .)" pnpm lint
step "Build the packages (tsup)" pnpm --filter './packages/*' build
: >"$WORK/packages-built"
step "Typecheck (tsc: every project, shared sources once; scripts/typecheck.mjs)" pnpm typecheck

# What a merchant installs: every package packed, then publint, attw --profile esm-only and the
# tarball's contents (no dev-only condition, exports all packed, "use client", optional peers).
step "Package checks on the packed tarballs (scripts/check-packages.mjs)" \
  node scripts/check-packages.mjs --no-build --out .packs
: >"$WORK/packages-packed"

step "Bundle size budgets (pnpm size)" pnpm size
step "Bundle composition: one copy of each package (pnpm size:why)" pnpm size:why --top 5

# PostgreSQL and faketime, from the browser lane's first step.
if ! wait_for machine-ready; then
  printf '\n==> The browser lane failed (above)\n'
  exit 1
fi
step "Unit and integration tests (vitest, all projects)" pnpm exec vitest run

# The same run with the system clock 400 days ahead (Debian's faketime, LD_PRELOAD, inherited by
# Vitest's workers; PGlite follows it, the PostgreSQL server does not): no test or component may
# depend on today's date, and the proxy must not mix its clock with the database's.
step "Unit and integration tests again, 400 days from today (faketime)" \
  faketime '+400 days' pnpm exec vitest run

# The checks are done: the browser lane's remaining steps.
rc=0
wait "$LANE_PID" || rc=$?
LANE_PID=""
show_browser
if browser_failed || [ "$rc" -ne 0 ]; then
  printf '\n==> The browser lane failed (above)\n'
  exit 1
fi

printf '\n==> All checks passed\n'
