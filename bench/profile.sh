#!/usr/bin/env bash
# Profiles the EasyChat server on one scenario, short and small, twice, each time on a fresh
# server and counting only the scenario itself (not the setup, whose argon2 hashing would
# swamp everything):
#   1. valgrind --tool=callgrind (instruction counts per function: repeatable whatever else
#      the machine does; perf's hardware counters are not supported on this machine, see
#      `perf stat -e instructions true`), collection switched on by callgrind_control once
#      the bench starts connecting;
#   2. strace -f -c attached at the same moment (system calls by kind and count: fsyncs,
#      writes per frame).
# The bench's table (bench-*.md) says how many messages each run carried, to turn totals into
# per-message costs. Output in $BENCH_OUT (default target/bench/profile-<date>):
# callgrind.out, callgrind-inclusive.txt, callgrind-self.txt, strace.txt.
#
#   bench/profile.sh                                  # 1:1, 20 users, 10 s
#   bench/profile.sh fanout --group-size 200 --users 200
#   BENCH_TRANSPORT=ws bench/profile.sh fanout        # through the in-process WebSocket bridge
set -euo pipefail
cd "$(dirname "$0")/.."

scenario="${1:-1to1}"
shift || true
extra=("$@")
out="${BENCH_OUT:-target/bench/profile-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
# Binaries are where cargo puts them (CARGO_TARGET_DIR, e.g. a target directory shared by
# several checkouts).
target_dir="${CARGO_TARGET_DIR:-target}"
if [[ -n "${EASYCHAT_BIN:-}" ]]; then
    if [[ -z "${EASYCHAT_BENCH_BIN:-}" ]]; then cargo build --release -p easychat-bench; fi
    server="$EASYCHAT_BIN"
else
    cargo build --release -p easychat-server -p easychat-bench
    server="$target_dir/release/easychat"
fi
bench="${EASYCHAT_BENCH_BIN:-$target_dir/release/easychat-bench}"
for tool in valgrind callgrind_control callgrind_annotate strace; do
    command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install valgrind strace)" >&2; exit 1; }
done

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
pid=""
data=""
stop() {
    if [[ -n "$pid" ]]; then kill -INT "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    if [[ -n "$data" ]]; then rm -rf "$data"; fi
    pid=""
    data=""
}
trap stop EXIT

wait_port() {
    for _ in $(seq 600); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "the server did not start" >&2
    return 1
}

# Runs the bench against a server started with the command prefix "$@"; once the bench starts
# connecting (setup done), runs `on_connect`.
profile() {
    local tool="$1"
    shift
    local port ws_port
    port="$(free_port)"
    ws_port="$(free_port)"
    data="$(mktemp -d)"
    # No per-user send limit (MESSAGES_PER_SECOND empty: the server's default).
    local limits=()
    if [[ -n "${MESSAGES_PER_SECOND-0}" ]]; then
        limits=(EASYCHAT_LIMITS__MESSAGES_PER_SECOND="${MESSAGES_PER_SECOND-0}")
    fi
    # Every bench user registers from this one address.
    limits+=(EASYCHAT_LIMITS__REGISTRATIONS_PER_ADDRESS_PER_MINUTE=0
        EASYCHAT_LIMITS__MAX_CONNECTIONS_PER_IP=0 EASYCHAT_GATEWAY__MAX_CONNECTIONS_PER_IP=0)
    env "${limits[@]}" RUST_LOG=warn "$@" "$server" serve --listen "127.0.0.1:$port" --ws-listen "127.0.0.1:$ws_port" \
        --data-dir "$data" >"$out/server-$tool.log" 2>&1 &
    pid=$!
    wait_port "$port"
    local transport=()
    if [[ "${BENCH_TRANSPORT:-grpc}" == ws ]]; then transport=(--transport ws --ws "ws://127.0.0.1:$ws_port/ws"); fi
    "$bench" run --system easychat --server "http://127.0.0.1:$port" "${transport[@]}" \
        --scenarios "$scenario" --users 20 --group-size 20 --warmup-secs 0 --duration-secs 10 --no-half-peak \
        --idle-sessions 200 --idle-hold-secs 5 --setup-parallel 2 "${extra[@]}" \
        >"$out/bench-$tool.md" 2>"$out/bench-$tool.log" &
    local bench_pid=$!
    until grep -q '^\[connect\]' "$out/bench-$tool.log" 2>/dev/null; do
        if ! kill -0 "$bench_pid" 2>/dev/null; then break; fi
        sleep 0.2
    done
    on_connect "$tool"
    wait "$bench_pid" || true
    after_bench "$tool"
    stop
}

on_connect() {
    case "$1" in
        callgrind) callgrind_control -i on "$pid" >/dev/null ;;
        strace)
            local threads=()
            for task in /proc/"$pid"/task/*; do threads+=(-p "${task##*/}"); done
            strace -f -c -o "$out/strace.txt" "${threads[@]}" 2>/dev/null &
            strace_pid=$!
            ;;
    esac
}

after_bench() {
    if [[ "$1" == strace ]]; then
        kill -INT "$strace_pid" 2>/dev/null || true
        wait "$strace_pid" 2>/dev/null || true
    fi
}

profile callgrind valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
    --instr-atstart=no
callgrind_annotate --inclusive=yes "$out/callgrind.out" >"$out/callgrind-inclusive.txt" 2>/dev/null || true
callgrind_annotate "$out/callgrind.out" >"$out/callgrind-self.txt" 2>/dev/null || true
profile strace
echo "profile of $scenario in $out" >&2
