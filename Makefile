# One entry point for what contributors and CI run. `make help` lists the targets.
# Tools (buf, grpcurl, SDK generators) are installed on demand into $EASYCHAT_CACHE
# (default ~/.cache/easychat); local services into the same cache (deploy/local/up).

SHELL := /bin/bash
TOOLS = $(shell scripts/tools.sh | tail -1)

.PHONY: protoc help run web docs-check test test-rust test-single-node soak test-sdks smoke bench-smoke check fmt lint buf-lint sdk-check deploy-check ci

# Every debug build of the test run is this one command. `--workspace --all-targets` resolves
# the dependencies' features once, so the server is compiled once for all of it: `-p
# easychat-server`, `-p easychat-tests` and `--workspace` each unify features differently and
# compiled the server (and linked every test binary) again. The scripts then get the binaries.
BUILD_ALL = cargo build --workspace --all-targets
# The end-to-end tests mostly wait on the network and the services: four at a time (the default
# is one per core, two here) took the suite on the real services from ≈ 350 s to 271 s.
TEST_THREADS = --test-threads=4
BINS = EASYCHAT_BIN=$${CARGO_TARGET_DIR:-target}/debug/easychat \
	EASYCHAT_BENCH_BIN=$${CARGO_TARGET_DIR:-target}/debug/easychat-bench

help:
	@echo "make run        - run the server on the embedded default (gRPC 127.0.0.1:50051, WebSocket + web app 127.0.0.1:10090);"
	@echo "                  builds the web app first when web/dist is missing; flags: make run ARGS=\"--listen ADDR --ws-listen ADDR\""
	@echo "make web        - (re)build the browser app into web/dist"
	@echo "make docs-check - run every command block of the docs marked <!-- ci: run --> against a fresh server,"
	@echo "                  then load the web app in headless Chromium"
	@echo "make test       - the whole test suite: Rust unit + end-to-end tests, grpcurl smoke,"
	@echo "                  the suite again on the real services (deploy/local/up: MariaDB, MongoDB/FerretDB,"
	@echo "                  Redis, Kafka, etcd) with failure and multi-node tests, and every SDK's test (+ browser test)"
	@echo "make check      - cargo fmt --check, clippy -D warnings, buf lint, sdk-gen/generate --check,"
	@echo "                  deploy/check.sh (compose, APISIX, Dockerfile, Prometheus; no Docker engine needed)"
	@echo "make ci         - check + test (what .ci/run calls)"

# ARGS are passed to `easychat serve`, e.g. make run ARGS="--listen 127.0.0.1:50052 --ws-listen 127.0.0.1:10091".
# The browser app is built first when missing (never fatal: without npm the server still runs and
# / says how to build it).
run: protoc
	@scripts/ensure-web.sh
	cargo run --release -p easychat-server --bin easychat -- serve $(ARGS)

web:
	cd web && npm run build:sdk && npm ci && npm run build

# Two pairs run side by side (scripts/side-by-side.sh; each output line names its lane): the
# benchmark smoke (a few users, paced) beside the suites on the embedded default, and the SDKs'
# tests beside the fault soak (45 s of paced load and faults) then the documented commands. Alone,
# each of the waiting ones left a core idle for half a minute or more, and the SDKs' builds
# (Maven, tsc) mostly use one core.
test: protoc
	$(BUILD_ALL)
	scripts/side-by-side.sh test-rust bench-smoke
	$(MAKE) --no-print-directory smoke test-single-node
	scripts/side-by-side.sh test-sdks "soak docs-check"

# The documented commands (README.md, docs/, the SDK READMEs: blocks marked <!-- ci: run -->),
# run as written against a fresh server, then the newcomer's path: the server as `make run`
# starts it, the web app in headless Chromium (scripts/check-docs.py).
docs-check: protoc
	$(BUILD_ALL)
	$(BINS) PATH="$(TOOLS):$$PATH" scripts/check-docs.py

# Tests that need a service the profile lacks skip, each with a `SKIPPED: <test>: <why>` line on
# stderr, also appended to $EASYCHAT_SKIPPED_LOG: the embedded run counts and lists them, the run
# on the real services fails if any test skipped there.

# Unit tests and the end-to-end suites on the embedded default (a few restart a server process:
# hence the binary).
test-rust: protoc
	$(BUILD_ALL)
	set -euo pipefail; \
	  log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	  EASYCHAT_SKIPPED_LOG=$$log cargo test --workspace -- $(TEST_THREADS); \
	  echo "== $$(wc -l < "$$log") tests skipped on the embedded default (make test-single-node runs them):"; \
	  sed 's/^/   /' "$$log"

# The behavioural suites again on the production backends of deploy/config/single-node.toml,
# which deploy/local/up installs and starts (MariaDB, Redis, etcd, Kafka, FerretDB on
# PostgreSQL), with the failure tests that stop Kafka and SIGKILL a server process (hence the
# binary), the multi-node tests, the local cluster launcher (scripts/cluster-smoke.sh), the
# MongoDB store's own tests (EASYCHAT_TEST_MONGO_URL, from `up --print-env`); the short fault
# soak is `make soak`.
# The whole workspace's tests run again (the unit tests take seconds), which keeps the build the
# embedded run's.
# A failing `up` fails the target (its output is taken whole before it is evaluated), and so
# does any test that skipped.
test-single-node: protoc
	set -euo pipefail; \
	  services_env=$$(deploy/local/up --print-env); \
	  eval "$$services_env"; \
	  : "$${EASYCHAT_TEST_MONGO_URL:?is not set by deploy/local/up --print-env}"; \
	  export EASYCHAT_TEST_CONFIG=$(CURDIR)/deploy/config/single-node.toml; \
	  log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	  export EASYCHAT_SKIPPED_LOG=$$log; \
	  $(BUILD_ALL); \
	  cargo test --workspace -- $(TEST_THREADS); \
	  if [[ -s "$$log" ]]; then \
	    echo "== tests skipped on the real services, where nothing may skip:" >&2; \
	    cat "$$log" >&2; exit 1; \
	  fi
	deploy/local/kafka-drop-test-topics
	$(BINS) scripts/cluster-smoke.sh

# A short fault soak on the real services (scripts/fault-soak.sh: every fault once under load,
# then the counts; RELIABILITY.md). It starts the services it needs (deploy/local/up).
soak: protoc
	$(BUILD_ALL)
	$(BINS) scripts/fault-soak.sh --duration-secs 45

# Every SDK's own test (and the browser test) against a live server.
test-sdks: protoc
	$(BUILD_ALL)
	$(BINS) PATH="$(TOOLS):$$PATH" sdk-gen/test-all

smoke: protoc
	$(BUILD_ALL)
	$(BINS) PATH="$(TOOLS):$$PATH" scripts/run-smoke.sh

# The benchmark harness, tiny: every scenario runs end to end (no timing assertions).
bench-smoke: protoc
	$(BUILD_ALL)
	$(BINS) bench/smoke.sh

check: fmt lint buf-lint sdk-check deploy-check

fmt:
	cargo fmt --all -- --check

lint: protoc
	cargo clippy --workspace --all-targets -- -D warnings

buf-lint: protoc
	PATH="$(TOOLS):$$PATH" buf lint
	PATH="$(TOOLS):$$PATH" buf format --diff --exit-code

sdk-check: protoc
	PATH="$(TOOLS):$$PATH" sdk-gen/generate --check

# The deployment files (deploy/compose, deploy/apisix, deploy/docker, deploy/prometheus), checked
# without a Docker engine; tools install on first use into $(EASYCHAT_CACHE).
deploy-check:
	deploy/check.sh

ci: check test

# The etcd client crate needs protoc at build time; the HTTP mappings import google/api protos
# (from a pinned package, see scripts/ensure-googleapis.sh).
protoc:
	@scripts/ensure-protoc.sh
	@scripts/ensure-googleapis.sh
