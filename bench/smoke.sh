#!/usr/bin/env bash
# CI smoke of the benchmark harness: builds the server and the bench (debug), starts the server
# (`easychat serve`, with its in-process WebSocket bridge) on free loopback ports with a
# throwaway data dir, runs `easychat-bench smoke` over gRPC and WebSocket, and stops the server
# by its pid whatever the outcome. Exits non-zero when a scenario fails; the last line is
# "bench smoke: N passed, M failed". EASYCHAT_BIN / EASYCHAT_BENCH_BIN: binaries built elsewhere
# (each one set is not built here).
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
packages=()
[[ -n "${EASYCHAT_BIN:-}" ]] || packages+=(-p easychat-server)
[[ -n "${EASYCHAT_BENCH_BIN:-}" ]] || packages+=(-p easychat-bench)
if [[ ${#packages[@]} -gt 0 ]]; then cargo build "${packages[@]}"; fi
server="${EASYCHAT_BIN:-$target_dir/debug/easychat}"
bench_bin="${EASYCHAT_BENCH_BIN:-$target_dir/debug/easychat-bench}"
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port="$(free_port)"
ws_port="$(free_port)"
data="$(mktemp -d)"
# Every bench user registers from this one address.
EASYCHAT_LIMITS__REGISTRATIONS_PER_ADDRESS_PER_MINUTE=0 \
RUST_LOG=warn "$server" serve --listen "127.0.0.1:$port" \
    --ws-listen "127.0.0.1:$ws_port" --data-dir "$data" >"$data/server.log" 2>&1 &
server_pid=$!
cleanup() {
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$ws_port") 2>/dev/null; then break; fi
    sleep 0.1
done
if ! "$bench_bin" smoke --server "http://127.0.0.1:$port" \
    --ws "ws://127.0.0.1:$ws_port/ws"; then
    echo "--- server log ---" >&2
    tail -50 "$data/server.log" >&2
    exit 1
fi
