#!/usr/bin/env bash
# Installs the release .deb from `make dist` on this machine with dpkg, checks what it put in
# place (program, desktop entry, icons), starts the installed app under Xvfb through WebDriver
# and finds the dashboard, then removes the package again.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
deb=$(ls -t target/release/bundle/deb/Anbindungscheck_*.deb | head -1)
echo "installing $deb ($(stat -c %s "$deb") bytes)"
$SUDO dpkg -i "$deb"
trap '$SUDO dpkg -r anbindungscheck >/dev/null' EXIT
bin=/usr/bin/anbindungscheck-app
test -x "$bin"
# The command line tool comes with it (the Land's coordinator builds packages with it).
/usr/bin/anbindungscheck package --help | grep -q keygen
desktop=$(dpkg -L anbindungscheck | grep '\.desktop$')
grep -q '^Name=Anbindungscheck$' "$desktop"
grep -q '^Exec=anbindungscheck-app' "$desktop"
grep -q '^Categories=Office;' "$desktop"
for size in 32x32 128x128 256x256@2 512x512; do
  dpkg -L anbindungscheck | grep -q "icons/hicolor/$size/apps/" || { echo "no $size icon"; exit 1; }
done
ANBINDUNGSCHECK_APP=$bin xvfb-run -a -s "-screen 0 1366x768x24" \
  cargo test -q -p anbindungscheck-e2e -- --test-threads=1 a_first_start_opens_the_dashboard
echo "The installed package works."
