#!/usr/bin/env bash
# Repacks Debian packages with xz, dpkg-deb's own default (the Tauri bundler writes gzip): the
# same files, permissions and control data, about a third smaller. Used by `make dist`.
#   packaging/linux/deb-xz.sh target/release/bundle/deb/*.deb
set -euo pipefail
for deb in "$@"; do
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  dpkg-deb --raw-extract "$deb" "$tmp/root"
  dpkg-deb --root-owner-group -Zxz -z9 --build "$tmp/root" "$tmp/new.deb" >/dev/null
  mv "$tmp/new.deb" "$deb"
  rm -rf "$tmp"
  trap - EXIT
done
