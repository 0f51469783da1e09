#!/usr/bin/env bash
# Desktop app benchmark against its floor (release builds, under Xvfb): the app and an empty
# Tauri app with the same tauri version, features, window, CSP and isolation pattern
# (bench/baseline/, not shipped), started alternately; time to first paint and to the painted
# dashboard, idle memory of all processes, and the ratio app / baseline of each
# (tests/e2e/examples/startup.rs). Then the size of the Linux package against the baseline's.
# Builds the release packages first if they are missing (`make dist`).
set -euo pipefail
cd "$(dirname "$0")/.."
TAURI=$PWD/ui/node_modules/.bin/tauri
[ -x target/release/anbindungscheck-app ] || make dist
# The baseline in one cargo build with the app, so that the crates they share are the same build
# (the features unify as in `make dist`); only the baseline crate itself is compiled.
cargo build -q --release -p anbindungscheck-app -p anbindungscheck-cli -p anbindungscheck-baseline \
  --features tauri/custom-protocol
# Packed as `make dist` packs the app's (xz).
(cd bench/baseline && "$TAURI" bundle --bundles deb >/dev/null)
packaging/linux/deb-xz.sh target/release/bundle/deb/anbindungscheck-baseline_*.deb

echo "== start and idle memory: app / empty Tauri app (release, Xvfb) =="
ANBINDUNGSCHECK_APP=$PWD/target/release/anbindungscheck-app \
  ANBINDUNGSCHECK_BASELINE=$PWD/target/release/anbindungscheck-baseline \
  xvfb-run -a -s "-screen 0 1366x768x24" \
  cargo run -q -p anbindungscheck-e2e --example startup

echo "== Linux package: app and command line tool / empty Tauri app =="
app=$(ls target/release/bundle/deb/Anbindungscheck_*.deb)
base=$(ls target/release/bundle/deb/anbindungscheck-baseline_*.deb)
size() { stat -c %s "$1"; }
installed() { echo $(($(dpkg-deb -f "$1" Installed-Size) * 1024)); }
awk -v a="$(size "$app")" -v b="$(size "$base")" -v ia="$(installed "$app")" -v ib="$(installed "$base")" \
  'BEGIN {
    printf ".deb file size        app %5.1f MB   baseline %5.1f MB   ratio %.2f\n", a / 1e6, b / 1e6, a / b
    printf ".deb installed size   app %5.1f MB   baseline %5.1f MB   ratio %.2f\n", ia / 1e6, ib / 1e6, ia / ib
  }'
for f in target/release/bundle/rpm/*.rpm; do
  [ -e "$f" ] && awk -v n="$(basename "$f")" -v b="$(size "$f")" 'BEGIN { printf "%s: %.1f MB\n", n, b / 1e6 }'
done
for f in target/release/anbindungscheck-app target/release/anbindungscheck target/release/anbindungscheck-baseline; do
  awk -v n="$(basename "$f")" -v b="$(size "$f")" 'BEGIN { printf "binary %s: %.1f MB\n", n, b / 1e6 }'
done
