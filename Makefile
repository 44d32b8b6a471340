# One entry point for what contributors and CI run. `make help` lists the targets.
# Tools (buf, grpcurl) are installed on demand into $EASYCHAT_CACHE (default ~/.cache/easychat).

SHELL := /bin/bash
TOOLS = $(shell scripts/tools.sh | tail -1)

.PHONY: help run test check fmt lint buf-lint smoke ci

help:
	@echo "make run    - run the server on the embedded default (127.0.0.1:50051, data in ./data)"
	@echo "make test   - the whole test suite: unit + end-to-end tests and the grpcurl smoke test"
	@echo "make check  - cargo fmt --check, cargo clippy -D warnings, buf lint"
	@echo "make ci     - check + test (what .ci/run calls)"

run:
	cargo run --release -p easychat-server --bin easychat -- serve

test:
	cargo test --workspace
	$(MAKE) smoke

smoke:
	cargo build -p easychat-server --bin easychat
	PATH="$(TOOLS):$$PATH" scripts/run-smoke.sh

check: fmt lint buf-lint

fmt:
	cargo fmt --all -- --check

lint:
	cargo clippy --workspace --all-targets -- -D warnings

buf-lint:
	PATH="$(TOOLS):$$PATH" buf lint
	PATH="$(TOOLS):$$PATH" buf format --diff --exit-code

ci: check test
