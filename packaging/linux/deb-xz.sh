#!/usr/bin/env bash
# Repacks Debian packages with xz, dpkg-deb's own default (the Tauri bundler writes gzip): the
# same files, permissions and control data, about half the size. Used by `make dist`.
#   packaging/linux/deb-xz.sh target/release/bundle/deb/*.deb
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for deb in "$@"; do
  rm -rf "$tmp/root"
  dpkg-deb --raw-extract "$deb" "$tmp/root"
  dpkg-deb --root-owner-group -Zxz -z9 --build "$tmp/root" "$tmp/new.deb" >/dev/null
  mv "$tmp/new.deb" "$deb"
done
