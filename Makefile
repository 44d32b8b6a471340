# One entry point for what contributors and CI run. `make help` lists the targets.
# Tools (buf, grpcurl, SDK generators) are installed on demand into $EASYCHAT_CACHE
# (default ~/.cache/easychat); local services into the same cache (deploy/local/up).

SHELL := /bin/bash
TOOLS = $(shell scripts/tools.sh | tail -1)

.PHONY: protoc help run test test-rust test-mysql test-sdks smoke bench-smoke check fmt lint buf-lint sdk-check ci

help:
	@echo "make run        - run the server on the embedded default (gRPC 127.0.0.1:50051, WebSocket + web app 127.0.0.1:10090)"
	@echo "make test       - the whole test suite: Rust unit + end-to-end tests, grpcurl smoke,"
	@echo "                  the suite again on MariaDB, and every SDK's test (+ browser test)"
	@echo "make check      - cargo fmt --check, clippy -D warnings, buf lint, sdk-gen/generate --check"
	@echo "make ci         - check + test (what .ci/run calls)"

run: protoc
	cargo run --release -p easychat-server --bin easychat -- serve

test: test-rust smoke bench-smoke test-mysql test-sdks

# Unit tests and the end-to-end suites on the embedded default.
test-rust: protoc
	cargo test --workspace

# The behavioural suites again with users and the social graph on MariaDB, messages and
# conversations on MongoDB (FerretDB), rate limits, token revocations and the seq cache on Redis
# (deploy/local/up).
# The MongoDB store's own tests (server/src/store/mongo/tests.rs) need EASYCHAT_TEST_MONGO_URL,
# which `up --print-env` exports.
test-mysql:
	eval "$$(deploy/local/up --only mariadb --only redis --only ferretdb --print-env)" && \
	  cargo test -p easychat-server --lib store::mongo
	EASYCHAT_TEST_CONFIG=$(CURDIR)/deploy/config/single-node.toml cargo test -p easychat-tests

# Every SDK's own test (and the browser test) against a live server.
test-sdks:
	PATH="$(TOOLS):$$PATH" sdk-gen/test-all

smoke: protoc
	cargo build -p easychat-server --bin easychat
	PATH="$(TOOLS):$$PATH" scripts/run-smoke.sh

# The benchmark harness, tiny: every scenario runs end to end (no timing assertions).
bench-smoke:
	bench/smoke.sh

check: fmt lint buf-lint sdk-check

fmt:
	cargo fmt --all -- --check

lint: protoc
	cargo clippy --workspace --all-targets -- -D warnings

buf-lint:
	PATH="$(TOOLS):$$PATH" buf lint
	PATH="$(TOOLS):$$PATH" buf format --diff --exit-code

sdk-check:
	PATH="$(TOOLS):$$PATH" sdk-gen/generate --check

ci: check test

# The etcd client crate needs protoc at build time.
protoc:
	@scripts/ensure-protoc.sh
