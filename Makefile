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
# The release build: what `make dist` packages, and what the end-to-end and the fuzz tests use.
RELEASE := ANBINDUNGSCHECK_APP=$(CURDIR)/target/release/anbindungscheck-app \
	ANBINDUNGSCHECK_CLI=$(CURDIR)/target/release/anbindungscheck
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
XVFB := xvfb-run -a -s "-screen 0 1366x768x24"
# Clippy with -D warnings inside the test builds: cargo compiles the workspace's crates with
# clippy-driver (what `cargo clippy` does, but on a build instead of a check), so the dependencies
# are compiled once for the lints and the tests. `make clippy` runs plain `cargo clippy`.
CLIPPY = RUSTC_WORKSPACE_WRAPPER=$$(rustc --print sysroot)/bin/clippy-driver \
	CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__

.PHONY: help deps ui run app cli dist lint clippy audit audit-advisories test test-fresh test-core test-fuzz test-ui build-e2e test-e2e test-dist screenshot bench bindings clean windows-deps build-windows test-windows dist-windows

help:
	@echo "make run    install what is missing, build and start the app"
	@echo "make test   run every test (lint, core, UI, app, end to end)"
	@echo "make test-fresh  make test in a fresh clone, as on a new machine (empty caches)"
	@echo "make cli    build the command line tool ($(CLI))"
	@echo "make dist   build the release .deb and .rpm"
	@echo "make bench  run the benchmarks and print their figures"
	@echo "make dist-windows  build the Windows programs and their installer (.msi)"

## System packages and the UI's npm packages (skipped when already there).
deps: ui/node_modules/.installed
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $(APT_PACKAGES); }

ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

## The UI bundle the app embeds (ui/dist).
ui: deps
	cd ui && npm run build

## The desktop app (debug build with the UI embedded).
app: deps
	$(TAURI) build --debug --no-bundle

cli:
	cargo build -p anbindungscheck-cli

## Release packages for Linux: target/release/bundle/{deb,rpm}/, with the app and the command
## line tool (/usr/bin/anbindungscheck-app, /usr/bin/anbindungscheck). Windows (MSI, NSIS) and macOS
## installers are built by .github/workflows/installers.yml on those systems.
## Both programs in one cargo build (the arguments after `--` go to cargo), so that the crates
## they share are compiled once, with one set of features. In `make test` (LINT_RELEASE set) the
## workspace's crates are compiled through clippy (`CLIPPY`), which lints the shell there.
dist: deps
	$(if $(LINT_RELEASE),$(CLIPPY)) $(TAURI) build --bundles deb,rpm -- -p anbindungscheck-cli \
		-p anbindungscheck-app
	packaging/linux/deb-xz.sh target/release/bundle/deb/Anbindungscheck_$(VERSION)_*.deb

run: app
	$(APP)

## Formatting, svelte-check and tsc. Clippy runs in the test builds of every crate and target
## (`CLIPPY` above); on its own: `make clippy`.
lint: deps
	cargo fmt --all -- --check
	cargo fmt --manifest-path fuzz/Cargo.toml -- --check
	cd ui && npm run check

clippy: ui
	cargo clippy -p anbindungscheck -p anbindungscheck-cli -p anbindungscheck-app \
		-p anbindungscheck-bridge -p anbindungscheck-e2e -p anbindungscheck-baseline --all-targets --features tauri/custom-protocol -- -D warnings

## Dependency audit (deny.toml): licences, sources and bans of every crate in Cargo.lock, for
## every platform. `cargo fetch` without a target brings the Windows- and macOS-only crates too,
## which a Linux build never downloads but cargo deny must read.
audit:
	cargo deny --version >/dev/null 2>&1 || cargo install cargo-deny --locked --version 0.20.2
	cargo fetch --locked
	cargo deny --offline check licenses bans sources

## Security advisories (RustSec, npm); needs github.com and the npm audit service.
audit-advisories:
	cargo deny check advisories
	cd ui && npm audit --audit-level=low

# The packages of the dev builds of test-core and test-ui: one selection with the
# tests, so that cargo unifies the dependencies' features the same way in each build and compiles
# them once (a build of fewer packages or without the tests can enable other features of serde or
# chrono, and then compiles the core again).
CORE_PACKAGES := -p anbindungscheck -p anbindungscheck-cli -p anbindungscheck-bridge

test-core:
	$(CLIPPY) cargo test $(CORE_PACKAGES)

## Coverage-guided fuzzing (cargo fuzz), 20 s per target; `fuzz/run.sh 3600` for a long run. The
## seeds are made with the command line tool already built (release, else debug), or a new
## debug build.
FUZZ_CLI = $(firstword $(wildcard $(CURDIR)/target/release/anbindungscheck \
	$(CURDIR)/target/debug/anbindungscheck))
test-fuzz:
	ANBINDUNGSCHECK_CLI=$(FUZZ_CLI) fuzz/run.sh 20

## The UI tests: the real app in headless Chromium against the real core through the UI test
## bridge (bridge/, one per test on a fresh database); the packages of the scenarios are built with
## the command line tool.
test-ui: deps
	$(CLIPPY) cargo build $(CORE_PACKAGES) --tests --bins
	cd ui && ANBINDUNGSCHECK_BRIDGE=$(CURDIR)/target/debug/anbindungscheck-bridge \
		ANBINDUNGSCHECK_CLI=$(CURDIR)/$(CLI) npm test

## The end-to-end tests' build (dev profile, linted), on its own so that `test-e2e` only runs them.
build-e2e:
	$(CLIPPY) cargo test -p anbindungscheck-e2e --no-run

## The release app through WebDriver under Xvfb. Their files lie in a folder of their own: the
## native file dialogs, typed into, complete each folder of the path, and a crowded /tmp slows them.
test-e2e: dist build-e2e
	rm -rf target/e2e-tmp && mkdir -p target/e2e-tmp
	$(CLIPPY) $(RELEASE) TMPDIR=$(CURDIR)/target/e2e-tmp $(XVFB) cargo test -p anbindungscheck-e2e \
		-- --test-threads=1

## The release .deb installed with dpkg, started under Xvfb, removed again.
test-dist: dist
	$(CLIPPY) tests/install.sh

## Every test, one step after the other (fast and likely failures first), with the time of each
## step at the end. Steps that mostly wait run beside one that fills the two cores: the tests under
## Wine beside the release build; the UI and end-to-end tests (waiting for a browser or the app)
## beside the fuzzing.
test:
	@LINT_RELEASE=1 scripts/steps.sh deps lint audit test-core build-windows build-e2e \
		test-windows+dist test-ui+test-e2e+test-fuzz test-dist
	@echo "All tests passed."

## Windows, built here with MinGW-w64 and run under Wine: the toolchain and Wine (skipped when
## there), then the unit and integration tests of the core and the command line tool's unit tests
## for Windows, a clerk's flow with the Windows command line tool on `C:\Gemeinde Ärzen\`, and
## the installer (silent install, upgrade, uninstall) with that tool (tests/windows/). Tests that
## read PDFs with poppler-utils are ignored there (the Linux run has them).
WINDOWS_TARGET := x86_64-pc-windows-gnu
WINDOWS_APT := gcc-mingw-w64-x86-64 wine wine64 msitools wixl
WINDOWS_TEST_DIR := $(CURDIR)/target/windows-test
# The Windows builds in a target folder of their own, so that they can run beside a Linux build
# (cargo locks its target folder while it runs).
WINDOWS_CARGO := CARGO_TARGET_DIR=$(CURDIR)/target/windows cargo
WINDOWS_BIN := target/windows/$(WINDOWS_TARGET)
# What runs under Wine: the core's unit and integration tests and the command line tool with its
# unit tests. The build before the tests adds the tool itself (for the clerk's flow and the
# installer); both select the same packages and test targets, so that the dependencies' features
# are the same and each crate is compiled once.
WINDOWS_TESTS := -p anbindungscheck -p anbindungscheck-cli --lib --bins --test integration
# MinGW's gcc and Wine leave temporary files behind: they go into the test folder, not /tmp.
WINDOWS_TMP := TMPDIR=$(WINDOWS_TEST_DIR)/tmp
WINE_ENV := $(WINDOWS_TMP) WINDOWS_TEST_DIR=$(WINDOWS_TEST_DIR) \
	CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$(CURDIR)/tests/windows/wine-run

windows-deps:
	@dpkg -s $(WINDOWS_APT) >/dev/null 2>&1 || { \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $(WINDOWS_APT); }
	@rustup target list --installed | grep -qx $(WINDOWS_TARGET) || rustup target add $(WINDOWS_TARGET)

## The build (`build-windows`) is a step of its own in `make test`: the tests under Wine mostly
## wait on one core, so they run beside the release build.
build-windows: windows-deps
	rm -rf $(WINDOWS_TEST_DIR) && mkdir -p $(WINDOWS_TEST_DIR)/shim $(WINDOWS_TEST_DIR)/tmp
	$(WINDOWS_TMP) x86_64-w64-mingw32-gcc -shared -O2 \
		-o $(WINDOWS_TEST_DIR)/shim/bcryptprimitives.dll tests/windows/bcryptprimitives.c -ladvapi32
	$(CLIPPY) $(WINDOWS_TMP) $(WINDOWS_CARGO) build --target $(WINDOWS_TARGET) $(WINDOWS_TESTS)
	$(CLIPPY) $(WINDOWS_TMP) $(WINDOWS_CARGO) test --target $(WINDOWS_TARGET) $(WINDOWS_TESTS) \
		--no-run

test-windows: build-windows
	$(CLIPPY) $(WINE_ENV) $(WINDOWS_CARGO) test --target $(WINDOWS_TARGET) $(WINDOWS_TESTS)
	$(WINE_ENV) tests/windows/clerk-flow.sh $(WINDOWS_BIN)/debug/anbindungscheck.exe
	$(WINE_ENV) tests/windows/installer.sh $(WINDOWS_BIN)/debug

## The Windows programs, release, and their installer (packaging/windows/anbindungscheck.wxs):
## target/dist-windows/Anbindungscheck-VERSION.msi, per machine, silent with `msiexec /i … /qn`.
dist-windows: windows-deps ui
	$(WINDOWS_CARGO) build --release --target $(WINDOWS_TARGET) -p anbindungscheck-cli \
		-p anbindungscheck-app --features tauri/custom-protocol
	mkdir -p target/dist-windows
	wixl -a x64 -D Version=$(VERSION) -D App=yes -D Bin=$(WINDOWS_BIN)/release \
		-o target/dist-windows/Anbindungscheck-$(VERSION).msi packaging/windows/anbindungscheck.wxs
	@ls -l target/dist-windows/

## `make test` in a fresh clone of this one's HEAD with an empty cargo home and npm cache, as on
## a machine that has never built the project (the rustup toolchain and system packages stay).
test-fresh:
	scripts/test-fresh.sh

## Benchmarks that print their figures (see docs/performance.md).
bench:
	bench/import.sh
	bench/report.sh
	bench/inbox.sh
	bench/app.sh

## Regenerates what comes from the Rust types and the command list (src/api/commands.rs):
## ui/src/lib/bindings.ts (types), ui/src/lib/enums.ts (keys, labels), ui/src/lib/api.ts (the
## client), src-tauri/commands.txt and capabilities/main.json (permissions), the isolation hook's
## allow-list and the command table of docs/architecture.md.
bindings:
	UPDATE_BINDINGS=1 cargo test -p anbindungscheck --lib bindings

clean:
	cargo clean
	rm -rf ui/dist ui/dist-test ui/test-results ui/node_modules

## Renders docs/screenshot-dashboard.png (sample data, under Xvfb).
screenshot: app cli
	tests/screenshot.sh
