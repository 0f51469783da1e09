# Anbindungscheck: `make run` starts the app, `make test` runs every test (what CI runs).

SHELL := /bin/bash
.DEFAULT_GOAL := help

APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev \
	libayatana-appindicator3-dev librsvg2-dev xvfb xauth webkit2gtk-driver imagemagick \
	chromium poppler-utils qpdf xdotool
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TAURI := ui/node_modules/.bin/tauri
APP := target/debug/anbindungscheck-app
CLI := target/debug/anbindungscheck
XVFB := xvfb-run -a -s "-screen 0 1366x768x24"

.PHONY: help deps run app cli dist lint audit audit-advisories test test-core test-fuzz test-ui test-app test-e2e test-dist screenshot bench bindings clean

help:
	@echo "make run    install what is missing, build and start the app"
	@echo "make test   run every test (lint, core, UI, app, end to end)"
	@echo "make cli    build the command line tool ($(CLI))"
	@echo "make dist   build the release .deb and .rpm"
	@echo "make bench  run the benchmarks and print their figures"

## System packages and the UI's npm packages (skipped when already there).
deps: ui/node_modules/.installed
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $(APT_PACKAGES); }

ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

## The desktop app (debug build with the UI embedded).
app: deps
	$(TAURI) build --debug --no-bundle

cli:
	cargo build -p anbindungscheck

## Release packages for Linux: target/release/bundle/{deb,rpm}/, with the app and the command
## line tool (/usr/bin/anbindungscheck-app, /usr/bin/anbindungscheck). Windows (MSI, NSIS) and macOS
## installers are built by .github/workflows/installers.yml on those systems.
dist: deps
	cargo build --release -p anbindungscheck
	$(TAURI) build --bundles deb,rpm

run: app
	$(APP)

lint: app
	cargo fmt --all -- --check
	cargo fmt --manifest-path fuzz/Cargo.toml -- --check
	cargo clippy -p anbindungscheck --all-targets --features ts -- -D warnings
	cargo clippy -p anbindungscheck-app --all-targets --features tauri/custom-protocol -- -D warnings
	cargo clippy -p anbindungscheck-e2e --all-targets -- -D warnings
	cd ui && npm run check

## Dependency audit (deny.toml): licences, sources and bans of every crate, offline.
audit:
	command -v cargo-deny >/dev/null || cargo install cargo-deny --locked --version 0.20.2
	cargo deny --offline check licenses bans sources

## Security advisories (RustSec, npm); needs github.com and the npm audit service.
audit-advisories:
	cargo deny check advisories
	cd ui && npm audit --audit-level=low

test-core:
	cargo test -p anbindungscheck --features ts

## Coverage-guided fuzzing (cargo fuzz), 20 s per target; `fuzz/run.sh 3600` for a long run.
test-fuzz:
	fuzz/run.sh 20

test-ui: deps
	cd ui && npm test

test-app: app
	cargo test -p anbindungscheck-app --features tauri/custom-protocol

test-e2e: app cli
	$(XVFB) cargo test -p anbindungscheck-e2e -- --test-threads=1

## The release .deb installed with dpkg, started under Xvfb, removed again.
test-dist: dist
	tests/install.sh

test: deps lint audit test-core test-fuzz test-ui test-app test-e2e test-dist
	@echo "All tests passed."

## Benchmarks that print their figures (see docs/performance.md).
bench:
	bench/import.sh
	bench/report.sh
	bench/app.sh

## Regenerates ui/src/lib/bindings.ts (types) and ui/src/lib/enums.ts (keys, labels) from Rust.
bindings:
	UPDATE_BINDINGS=1 cargo test -p anbindungscheck --features ts bindings

clean:
	cargo clean
	rm -rf ui/dist ui/dist-mock ui/node_modules

## Renders docs/screenshot-dashboard.png (sample data, under Xvfb).
screenshot: app cli
	tests/screenshot.sh
