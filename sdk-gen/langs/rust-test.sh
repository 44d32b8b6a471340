#!/usr/bin/env bash
# Runs the Rust SDK's tests against the live server named by EASYCHAT_URL.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
: "${EASYCHAT_URL:?EASYCHAT_URL must name the live server (sdk-gen/test-all sets it)}"
cargo test -p easychat-sdk
