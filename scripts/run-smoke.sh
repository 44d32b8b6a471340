#!/usr/bin/env bash
# Starts the freshly built server on a free loopback port with a throwaway data directory,
# runs scripts/grpcurl-smoke.sh against it, and stops it (by its pid) whatever the outcome.
# EASYCHAT_BIN: the server binary (default: the debug build in the target directory).
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
binary="${EASYCHAT_BIN:-$target_dir/debug/easychat}"
data_dir="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

"$binary" serve --no-gateway --listen "127.0.0.1:$port" --data-dir "$data_dir" >"$data_dir/server.log" 2>&1 &
server_pid=$!
cleanup() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  rm -rf "$data_dir"
}
trap cleanup EXIT

if ! scripts/grpcurl-smoke.sh "127.0.0.1:$port"; then
  echo "--- server log ---" >&2
  cat "$data_dir/server.log" >&2
  exit 1
fi
