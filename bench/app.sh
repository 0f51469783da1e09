#!/usr/bin/env bash
# Desktop app benchmark (release build, under Xvfb): time from start to an interactive dashboard
# and idle memory of the app with its WebKit processes (tests/e2e/examples/startup.rs), and the
# size of the Linux packages. The start is measured through WebKitWebDriver (includes the driver's
# session set-up) and without it, by the app's start-up probe (ANBINDUNGSCHECK_STARTUP_PROBE: the
# UI reports the painted dashboard, the app prints its time and exits). Builds the release
# packages first if they are missing (`make dist`).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x target/release/anbindungscheck-app ] || make dist
echo "== app start and idle memory (release, Xvfb) =="
ANBINDUNGSCHECK_APP=$PWD/target/release/anbindungscheck-app \
  xvfb-run -a -s "-screen 0 1366x768x24" \
  cargo run -q -p anbindungscheck-e2e --example startup
echo "== installers =="
for f in target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm; do
  if [ -e "$f" ]; then
    awk -v n="$(basename "$f")" -v b="$(stat -c %s "$f")" 'BEGIN { printf "%s: %.1f MB\n", n, b / 1e6 }'
  fi
done
