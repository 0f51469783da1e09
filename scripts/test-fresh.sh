#!/usr/bin/env bash
# `make test` as a machine that has never built the project meets it: a fresh clone of HEAD, an
# empty cargo home (no registry, no installed cargo tools; only rustup's proxies, as rustup puts
# them there) and an empty npm cache. The rustup toolchain and the system packages stay. The clone
# and the caches are removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/clone"
mkdir -p "$work/cargo/bin" "$work/npm"
rustup=$(command -v rustup)
for proxy in rustup cargo rustc rustdoc rustfmt cargo-fmt cargo-clippy clippy-driver; do
  ln -s "$rustup" "$work/cargo/bin/$proxy"
done
# The old cargo home's bin (with the tools installed there) leaves PATH.
old_bin=$(dirname "$rustup")
path=$(tr ':' '\n' <<<"$PATH" | grep -vxF "$old_bin" | paste -sd:)
echo "fresh clone in $work/clone, CARGO_HOME=$work/cargo, npm cache $work/npm"
cd "$work/clone"
env PATH="$work/cargo/bin:$path" CARGO_HOME="$work/cargo" npm_config_cache="$work/npm" \
  bash .ci/run
