#!/usr/bin/env bash
# Runs the coverage-guided fuzz targets (cargo fuzz, libFuzzer), each for SECONDS (default 30),
# seeded with the example package. `make test` runs them briefly; for a long run:
#   fuzz/run.sh 3600
# The toolchain is stable: RUSTC_BOOTSTRAP lets cargo fuzz pass its instrumentation flags, and
# `-s none` leaves out the sanitizer (the code under test is safe Rust), `--dev` keeps the build
# short (debug assertions and overflow checks on). Findings are written to
# fuzz/artifacts/<target>/ and make the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked --version 0.13.2
export RUSTC_BOOTSTRAP=1

# Seeds: the example package as built by the command line tool, its manifest, and a report
# PDF (also uncompressed by qpdf, so that mutations meet the PDF's objects and not zlib data).
# The command line tool that makes the seeds: $ANBINDUNGSCHECK_CLI, else the debug build.
cli=${ANBINDUNGSCHECK_CLI:-}
if [ -z "$cli" ]; then
  cargo build -q -p anbindungscheck-cli
  cli=target/debug/anbindungscheck
fi
seeds=$PWD/target/fuzz-seeds
rm -rf "$seeds" && mkdir -p "$seeds"/{manifest,package,signed_import,report}
"$cli" --db "$seeds/kommune.sqlite" profile set \
  --name "Gemeinde Musterstadt" --ags 09162000 --population 12500 >/dev/null
"$cli" --db "$seeds/kommune.sqlite" report \
  --out "$seeds/report/bericht.pdf" >/dev/null
qpdf --qdf --object-streams=disable "$seeds/report/bericht.pdf" "$seeds/report/bericht-qdf.pdf"
echo "Passphrase des Landes fuer die Saat" > "$seeds/passphrase"
"$cli" package keygen --out "$seeds/land.key" --land 03 --passphrase-file "$seeds/passphrase" >/dev/null
"$cli" package build examples/paket-vergabe --key "$seeds/land.key" \
  --passphrase-file "$seeds/passphrase" --out "$seeds/package/paket.zip" >/dev/null
unzip -p "$seeds/package/paket.zip" manifest.json >"$seeds/manifest/manifest.json"
cp "$seeds/manifest/manifest.json" "$seeds/signed_import/"

# One build of all targets; then the targets run two at a time, each on a core of its own for the
# full time (libFuzzer uses one thread).
cargo fuzz build --dev -s none
fuzz() {
  local target=$1 corpus=$PWD/target/fuzz-corpus/$1
  mkdir -p "$corpus"
  cargo fuzz run --dev -s none "$target" "$corpus" "$seeds/$target" -- \
    -max_total_time="$seconds" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 >"$corpus.log" 2>&1
}
# Prints a target's statistics, or the end of its log and where its finding is.
failed=0
result() {
  local log=$PWD/target/fuzz-corpus/$1.log
  if [ "$2" -eq 0 ]; then
    echo "$1:"
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)|^#[0-9]+ +DONE' "$log"
  else
    tail -n 60 "$log"
    echo "fuzz $1: finding saved in fuzz/artifacts/$1/" >&2
    failed=1
  fi
}
for pair in "manifest package" "signed_import report"; do
  read -r a b <<<"$pair"
  echo "== fuzz $a and $b (${seconds} s each) =="
  fuzz "$a" &
  pid=$!
  status=0
  fuzz "$b" || status=$?
  result "$b" "$status"
  status=0
  wait "$pid" || status=$?
  result "$a" "$status"
done
exit "$failed"
