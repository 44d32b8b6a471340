#!/usr/bin/env bash
# The server's memory after load: a fresh `easychat serve` (embedded default), its RSS before,
# right after a 1:1 benchmark of 1,000 users (their registration included) and 30 s later.
#
#   bench/rss-after-load.sh [SERVER_BINARY [BENCH_BINARY]]
#
# By default this tree's debug builds; pass two binaries to compare builds of other commits in
# one run (the machine is noisy: compare within one run only). Prints one line per figure.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
if [[ $# -eq 0 ]]; then cargo build -p easychat-server -p easychat-bench; fi
server="${1:-$target_dir/debug/easychat}"
bench="${2:-$target_dir/debug/easychat-bench}"
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port="$(free_port)"
ws_port="$(free_port)"
data="$(mktemp -d)"
# Only limits this server knows may be set (older builds refuse unknown keys): the per-address
# limits exist from the hardening issue on.
limits=(EASYCHAT_LIMITS__MESSAGES_PER_SECOND=0)
if "$server" --help >/dev/null 2>&1 && EASYCHAT_LIMITS__REGISTRATIONS_PER_ADDRESS_PER_MINUTE=0 \
    "$server" migrate --data-dir "$data" >/dev/null 2>&1; then
    limits+=(EASYCHAT_LIMITS__REGISTRATIONS_PER_ADDRESS_PER_MINUTE=0
        EASYCHAT_LIMITS__MAX_CONNECTIONS_PER_IP=0)
fi
env "${limits[@]}" RUST_LOG=warn "$server" serve --listen "127.0.0.1:$port" \
    --ws-listen "127.0.0.1:$ws_port" --data-dir "$data" >"$data/server.log" 2>&1 &
server_pid=$!
cleanup() {
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    sleep 0.1
done
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
echo "rss before: $(rss_kb) KB"
"$bench" run --server "http://127.0.0.1:$port" --scenarios 1to1 --users 1000 \
    --duration-secs 10 --warmup-secs 1 --no-half-peak >"$data/bench.txt" 2>&1 \
    || { tail -20 "$data/bench.txt" >&2; exit 1; }
echo "rss after load: $(rss_kb) KB"
grep -E '^\| 1:1' "$data/bench.txt" || true
sleep 30
echo "rss 30 s later: $(rss_kb) KB"
