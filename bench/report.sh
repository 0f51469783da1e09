#!/usr/bin/env bash
# Readiness report benchmark: a realistic municipality (40 items, 5 services, notes).
# - in-process: gathering + rendering the PDF, N times (examples/report_bench.rs)
# - the same content as HTML printed to PDF by headless Chromium (only for comparison; the app
#   never uses HTML for the report), wall time and peak memory
# - the release CLI `report` as a whole process
# - aggregation of 1,000 generated reports, in-process and with the release CLI
# Prints the figures; docs/performance.md keeps them.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-50}
M=${M:-1000}
cargo build --release -q -p anbindungscheck --example report_bench
cargo build --release -q -p anbindungscheck-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== in-process (release) =="
target/release/examples/report_bench "$work" "$N" "$M" | tee "$work/inprocess.txt"
inprocess_ms=$(sed -n 's/.*gather+render: mean \([0-9.]*\) ms.*/\1/p' "$work/inprocess.txt")

echo "== headless Chromium, same content as HTML =="
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "chromium not installed: comparison skipped"
else
  runs=3
  total=0
  for i in $(seq 1 $runs); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$chromium" --headless --disable-gpu --no-sandbox \
      --no-first-run --disable-background-networking --disable-component-update --disable-sync \
      --disable-quic --no-pdf-header-footer --print-to-pdf="$work/chromium.pdf" \
      "file://$work/bench-report.html" >/dev/null 2>&1
    read -r secs kb < "$work/time"
    echo "chromium run $i: ${secs} s wall, peak RSS $((kb / 1024)) MB"
    total=$(awk -v a="$total" -v b="$secs" 'BEGIN { print a + b }')
  done
  chromium_ms=$(awk -v t="$total" -v n="$runs" 'BEGIN { printf "%.0f", t / n * 1000 }')
  echo "chromium mean: ${chromium_ms} ms, $(stat -c %s "$work/chromium.pdf") bytes, $(pdfinfo "$work/chromium.pdf" | awk '/^Pages/ {print $2}') pages"
  awk -v c="$chromium_ms" -v p="$inprocess_ms" \
    'BEGIN { printf "ratio: Chromium %.0f ms / in-process %.1f ms = %.0fx\n", c, p, c / p }'
fi

echo "== release CLI, whole process =="
db="$work/cli.sqlite"
cli=target/release/anbindungscheck
"$cli" --db "$db" profile set --name "Gemeinde Musterstadt" --ags 09162000 --population 12500 >/dev/null
for id in $("$cli" --db "$db" items --json | python3 -c 'import json,sys; print(" ".join(e["item"]["id"] for e in json.load(sys.stdin)))'); do
  "$cli" --db "$db" item set "$id" --status in_arbeit --owner "Hauptamt" \
    --note "Notiz mit Umlauten und 1.200 € für „$id“." >/dev/null
done
/usr/bin/time -f '%e %M' -o "$work/time" "$cli" --db "$db" report -o "$work/cli.pdf" --date 2026-11-28 >/dev/null
read -r secs kb < "$work/time"
echo "anbindungscheck report: ${secs} s wall, peak RSS $((kb / 1024)) MB"

echo "== release CLI aggregate over $M reports =="
/usr/bin/time -f '%e %M' -o "$work/time" "$cli" aggregate "$work/reports" --csv "$work/all.csv" 2>/dev/null
read -r secs kb < "$work/time"
echo "anbindungscheck aggregate: ${secs} s wall, peak RSS $((kb / 1024)) MB, $(($(wc -l < "$work/all.csv") - 1)) rows"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
