#!/usr/bin/env bash
# Runs the Rust SDK's tests against the live server named by EASYCHAT_URL.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
: "${EASYCHAT_URL:?EASYCHAT_URL must name the live server (sdk-gen/test-all sets it)}"
# The SDK's tests (tests/chat.rs, its only test target; no unit or doc tests) built with the
# features the whole workspace resolves to: `make test` has built them already in its one
# `cargo build --workspace --all-targets`, while `cargo test -p easychat-sdk` would resolve the
# dependencies' features for the SDK alone and compile the server again (about 25 s).
cargo test --workspace --test chat
