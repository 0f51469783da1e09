#!/usr/bin/env bash
# Import benchmark: builds packages of about 10 MB and 100 MB (the example package plus
# incompressible documents), imports each into a fresh database with the release CLI, and prints
# wall time and peak memory (max RSS). Memory should stay flat as the package grows, because
# documents are streamed to disk.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p anbindungscheck-cli
cli=target/release/anbindungscheck
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Passphrase des Landes im Benchmark" > "$work/passphrase"
"$cli" package keygen --out "$work/land.key" --land 03 --passphrase-file "$work/passphrase" >/dev/null
fp=$("$cli" package build examples/paket-vergabe --key "$work/land.key" --passphrase-file "$work/passphrase" -o "$work/probe.zip" | sed -n "s/^Fingerabdruck: //p")

printf '%-12s %10s %12s %14s %10s\n' package "size (MB)" "import (s)" "peak RSS (MB)" "MB/s"
for mb in 10 100; do
  src="$work/src-$mb"
  cp -r examples/paket-vergabe "$src"
  count=$(( mb / 10 ))
  for i in $(seq 1 "$count"); do
    head -c $((10 * 1024 * 1024)) /dev/urandom > "$src/documents/anlage-$i.pdf"
  done
  python3 - "$src" "$count" <<'PY'
import json, sys
src, count = sys.argv[1], int(sys.argv[2])
path = f"{src}/manifest.json"
m = json.load(open(path))
for i in range(1, count + 1):
    m["documents"].append({"path": f"documents/anlage-{i}.pdf", "title": f"Anlage {i}", "media_type": "application/pdf"})
json.dump(m, open(path, "w"), ensure_ascii=False, indent=2)
PY
  "$cli" package build "$src" --key "$work/land.key" --passphrase-file "$work/passphrase" -o "$work/p$mb.zip" >/dev/null
  size=$(stat -c %s "$work/p$mb.zip")
  /usr/bin/time -f '%e %M' -o "$work/time" "$cli" --db "$work/k$mb.sqlite" import "$work/p$mb.zip" --trust "$fp" >/dev/null
  read -r secs kb < "$work/time"
  awk -v n="$mb MB" -v s="$size" -v t="$secs" -v k="$kb" \
    'BEGIN { printf "%-12s %10.1f %12.2f %14.1f %10.0f\n", n, s/1048576, t, k/1024, (s/1048576)/(t>0?t:0.01) }'
done
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
