#!/usr/bin/env bash
# The MSI under Wine, built with the command line tool alone from `Bin` (the desktop app cannot
# run under Wine; its installer is the same file with App=yes): without the WebView2 Runtime the
# installer stops; with it, it installs silently per machine, the installed tool runs, a newer
# version replaces the older in place (one entry under "Apps"), and the uninstall leaves nothing.
# Called by `make test-windows` with the folder of the Windows programs.
set -euo pipefail
bin="$1"
here="$(cd "$(dirname "$0")" && pwd)"
fail() { echo "installer: $*" >&2; exit 1; }
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$here/../../Cargo.toml" | head -1)
msis="$WINDOWS_TEST_DIR/msi"
mkdir -p "$msis"
for v in 0.0.1 "$version"; do
  wixl -a x64 -D Version="$v" -D App=no -D Bin="$bin" -o "$msis/Anbindungscheck-$v.msi" \
    "$here/../../packaging/windows/anbindungscheck.wxs" 2> >(grep -v CRITICAL >&2 || true)
done

export WINDOWS_TEST_DIR="$WINDOWS_TEST_DIR/installer"
rm -rf "$WINDOWS_TEST_DIR" && mkdir -p "$WINDOWS_TEST_DIR"
ln -s ../shim "$WINDOWS_TEST_DIR/shim"
wine() { "$here/wine-run" "$@"; }
installed="$WINDOWS_TEST_DIR/prefix/drive_c/Program Files/Anbindungscheck"
win() { printf 'Z:%s' "${1//\//\\}"; }
entries() {
  wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null \
    | tr -d '\r' | grep -a -A1 'DisplayName *REG_SZ *Anbindungscheck$' || true
}

# Without the WebView2 Runtime nothing is installed.
wine msiexec /i "$(win "$msis/Anbindungscheck-$version.msi")" /qn || true
[ ! -e "$installed" ] || fail 'installed without the WebView2 Runtime'

wine reg add 'HKLM\SOFTWARE\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}' \
  /v pv /t REG_SZ /d 131.0.2903.70 /f /reg:32 >/dev/null
wine msiexec /i "$(win "$msis/Anbindungscheck-0.0.1.msi")" /qn || fail 'silent install'
[ -f "$installed/anbindungscheck.exe" ] || fail 'the tool is not in Program Files'
wine msiexec /i "$(win "$msis/Anbindungscheck-$version.msi")" /qn || fail 'upgrade'
[ "$(entries | grep -c DisplayName)" = 1 ] || fail "not one entry after the upgrade: $(entries)"
entries | grep -q "DisplayVersion *REG_SZ *$version" || fail "upgrade not in place: $(entries)"
out=$(wine 'C:\Program Files\Anbindungscheck\anbindungscheck.exe' --version | tr -d '\r')
[ "$out" = "anbindungscheck $version" ] || fail "the installed tool says: $out"

wine msiexec /x "$(win "$msis/Anbindungscheck-$version.msi")" /qn || fail 'uninstall'
[ ! -e "$installed" ] || fail "left behind: $(ls -R "$installed")"
[ -z "$(entries)" ] || fail "still listed: $(entries)"
echo 'installer: all steps passed'
