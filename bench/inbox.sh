#!/usr/bin/env bash
# The Land's inbox at scale: reports of a Land of 2,100 municipalities and of 10,800 (the national
# ceiling), written by examples/report_bench.rs (the realistic municipality of bench/report.sh,
# each with its own AGS). For each count, with the release CLI as whole processes:
# - `inbox add` into a new Land database (wall time, peak RSS), against reading the same files
#   (`cat`, the cheapest possible baseline) and `aggregate` (what the Land used before);
# - the same files again (all duplicates);
# - `inbox overview --json` and `inbox export --xlsx` (wall time, peak RSS);
# - with 2,100 and a release app (`make dist`), the Kommunen view in the app (tests/e2e/examples/overview.rs).
# Prints the figures; docs/performance.md keeps them.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS=${COUNTS:-"2100 10800"}
max=0
for n in $COUNTS; do [ "$n" -gt "$max" ] && max=$n; done
cargo build --release -q -p anbindungscheck --example report_bench
cargo build --release -q -p anbindungscheck-cli
cli=$PWD/target/release/anbindungscheck
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
target/release/examples/report_bench "$work" 0 "$max"
echo "report size: $(du -sh "$work/reports" | cut -f1) for $max files"

# Runs "$@" under /usr/bin/time; prints LABEL with wall seconds and peak RSS, sets SECS.
timed() {
  local label=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
    cat "$work/stderr" >&2
    return 1
  }
  read -r SECS kb <"$work/time"
  printf '%-44s %7.2f s wall, peak RSS %4d MB\n' "$label" "$SECS" $((kb / 1024))
}

for n in $COUNTS; do
  echo "== $n reports =="
  dir="$work/land-$n"
  mkdir -p "$dir"
  for i in $(seq 0 $((n - 1))); do printf '%s/reports/bericht-%05d.pdf\n' "$work" "$i"; done |
    xargs ln -s -t "$dir"
  # Cold page cache is not what a user has after copying the files; read them once.
  cat "$dir"/*.pdf >/dev/null
  timed "read the files (cat)" bash -c "cat '$dir'/*.pdf"
  cat_secs=$SECS
  timed "aggregate --csv (before the inbox)" "$cli" aggregate "$dir" --csv "$work/all.csv"
  aggregate_secs=$SECS
  db="$work/land-$n.sqlite"
  "$cli" --db "$db" land setup --land 03 --name "Niedersachsen" >/dev/null
  timed "inbox add" "$cli" --db "$db" inbox add "$dir"
  add_secs=$SECS
  timed "inbox add again (all duplicates)" "$cli" --db "$db" inbox add "$dir"
  timed "inbox overview --json" "$cli" --db "$db" inbox overview --json
  timed "inbox export --xlsx" "$cli" --db "$db" inbox export --xlsx "$work/land-$n.xlsx"
  echo "xlsx: $(stat -c %s "$work/land-$n.xlsx") bytes"
  echo "database: $(du -h "$db" | cut -f1)"
  awk -v a="$add_secs" -v g="$aggregate_secs" -v c="$cat_secs" -v n="$n" 'BEGIN {
    printf "inbox add: %.2f ms per report; %.2fx aggregate, %.1fx cat\n", a * 1000 / n, a / g, a / (c > 0 ? c : 0.01)
  }'
done

if [ -x target/release/anbindungscheck-app ] && [ -e "$work/land-2100.sqlite" ]; then
  echo "== the Kommunen view with 2,100 municipalities (release app, Xvfb) =="
  LAND_DB="$work/land-2100.sqlite" ANBINDUNGSCHECK_APP=$PWD/target/release/anbindungscheck-app \
    xvfb-run -a -s "-screen 0 1366x768x24" cargo run -q -p anbindungscheck-e2e --example overview
fi
