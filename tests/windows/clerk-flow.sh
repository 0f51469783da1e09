#!/usr/bin/env bash
# A clerk's flow with the Windows command line tool under Wine, on a path with a drive letter and
# umlauts: profile, the Land's key and package, import with trust, a task, the status, the
# report, aggregate, backup and restore; a database on a network share refused; the data folder
# in %LOCALAPPDATA%. Called by `make test-windows` with the tool's path.
set -euo pipefail
exe="$1"
run() { "$(dirname "$0")/wine-run" "$exe" "$@"; }
fail() { echo "clerk-flow: $*" >&2; exit 1; }
# Runs the tool and checks that it succeeds and says `pattern` (its whole output is read first).
expect() {
  local pattern="$1" out
  shift
  out=$(run "$@" 2>&1) || fail "$* failed: $out"
  grep -q -- "$pattern" <<<"${out//$'\r'/}" || fail "$* did not say \"$pattern\": $out"
}
drive_c="$WINDOWS_TEST_DIR/prefix/drive_c"
db='C:\Gemeinde Ärzen\anbindungscheck.sqlite'
example="Z:$(cd "$(dirname "$0")/../../examples/paket-vergabe" && pwd | tr / '\\')"

rm -rf "$drive_c/Gemeinde Ärzen" "$drive_c/Land"
mkdir -p "$drive_c/Land"
printf 'geheim-und-lang-genug\n' > "$drive_c/Land/passphrase.txt"

expect 'Profil gespeichert: Flecken Ärzen' \
  --db "$db" profile set --name 'Flecken Ärzen' --ags 03252001 --population 11000
keygen=$(run package keygen --out 'C:\Land\schluessel' --land NI --passphrase-file 'C:\Land\passphrase.txt')
fingerprint=$(printf '%s\n' "$keygen" | sed -n 's/^Fingerabdruck: //p' | tr -d '\r')
[ -n "$fingerprint" ] || fail "no fingerprint in: $keygen"
expect 'Paket gebaut' package build --out 'C:\Land\paket.zip' --key 'C:\Land\schluessel' \
  --passphrase-file 'C:\Land\passphrase.txt' "$example"
if run --db "$db" import 'C:\Land\paket.zip' >/dev/null 2>&1; then
  fail 'the first package of a Land needs the fingerprint confirmed'
fi
expect 'Eingelesen' --db "$db" import 'C:\Land\paket.zip' --trust "$fingerprint"
expect 'Gespeichert: Zuständige Stelle' --db "$db" item set vollzug-zustaendigkeit --status erledigt \
  --owner 'Frau Özdemir' --due 2027-01-31
expect '"erledigt": 1' --db "$db" status --json
mkdir -p "$drive_c/Gemeinde Ärzen/Berichte"
expect 'Seiten' --db "$db" report -o 'C:\Gemeinde Ärzen\Berichte\Bericht.pdf'
[ -s "$drive_c/Gemeinde Ärzen/Berichte/Bericht.pdf" ] || fail 'no report file'
expect '1 Bericht von 1 Kommune gelesen' aggregate --csv 'C:\Gemeinde Ärzen\Übersicht.csv' \
  'C:\Gemeinde Ärzen\Berichte'
grep -q '03252001;Flecken Ärzen' "$drive_c/Gemeinde Ärzen/Übersicht.csv" || fail 'aggregate csv'

expect 'Sicherung' --db "$db" backup 'C:\Gemeinde Ärzen\Sicherung.sqlite'
expect 'Profil gespeichert' --db "$db" profile set --name 'Flecken Aerzen (geändert)'
expect 'Wiederhergestellt aus' --db "$db" restore 'C:\Gemeinde Ärzen\Sicherung.sqlite'
expect 'Flecken Ärzen' --db "$db" profile show
ls "$drive_c/Gemeinde Ärzen/backups/" | grep -q 'sqlite' || fail 'the replaced database is kept'

if out=$(run --db '\\server\share\anbindungscheck.sqlite' profile show 2>&1); then
  fail "a database on a share must be refused: $out"
fi
printf '%s' "$out" | grep -q 'Netzlaufwerk' || fail "refusal without reason: $out"

# Without --db: the database goes into %LOCALAPPDATA%, never into the roaming profile.
expect 'Profil gespeichert' profile set --name 'Flecken Ärzen' --ags 03252001
ls "$drive_c"/users/*/AppData/Local/de.anbindungscheck.desktop/anbindungscheck.sqlite >/dev/null \
  || fail 'the default database is not in %LOCALAPPDATA%'
echo 'clerk-flow: all steps passed'
