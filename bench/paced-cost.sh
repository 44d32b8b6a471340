#!/usr/bin/env bash
# What one message costs the server, thread by thread, in the 1:1 peak or paced below it: a
# fresh release server and one `easychat-bench run --scenarios 1to1` against it; five seconds in
# the middle of the phase, it reads every server thread's CPU time from /proc and divides by the
# messages acked, and (with `perf`, as root) counts the SQLite writer's commits and cache spills
# (uprobes on SQLite's `sqlite3PagerCommitPhaseOne` and `pagerStress`) and the threads' log
# writes and reads (`pwrite64`, `pread64`) over the same five seconds.
#
#   bench/paced-cost.sh ws peak            # the closed-loop peak over the WebSocket bridge
#   bench/paced-cost.sh grpc 14000         # paced at 14,000 messages a second over gRPC
#
# Binaries: EASYCHAT_BIN and EASYCHAT_BENCH_BIN, else the release builds in CARGO_TARGET_DIR.
# Output in $BENCH_OUT (default target/bench/paced-cost-<date>): the bench's table and log,
# the server's log, threads.txt (µs of CPU per acked message by thread) and, with perf,
# perf-stat.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

transport="${1:-ws}"
phase="${2:-peak}"
out="${BENCH_OUT:-target/bench/paced-cost-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
target_dir="${CARGO_TARGET_DIR:-target}"
server="${EASYCHAT_BIN:-$target_dir/release/easychat}"
bench="${EASYCHAT_BENCH_BIN:-$target_dir/release/easychat-bench}"
[[ -x "$server" && -x "$bench" ]] || cargo build --release -p easychat-server -p easychat-bench

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
ws_port=$(free_port)
data=$(mktemp -d)
ulimit -n 65536 2>/dev/null || true
# The benchmark's own settings (bench/run.sh): no per-address limits, full syncs.
env EASYCHAT_LIMITS__MAX_GROUP_MEMBERS=2000 EASYCHAT_LIMITS__REGISTRATIONS_PER_ADDRESS_PER_MINUTE=0 \
    EASYCHAT_LIMITS__MAX_CONNECTIONS_PER_IP=0 EASYCHAT_GATEWAY__MAX_CONNECTIONS_PER_IP=0 \
    EASYCHAT_LIMITS__MESSAGES_PER_SECOND=0 EASYCHAT_STORAGE__SQLITE_SYNCHRONOUS=full RUST_LOG=warn \
    "$server" serve --listen "127.0.0.1:$port" --ws-listen "127.0.0.1:$ws_port" --data-dir "$data" \
    >"$out/server.log" 2>&1 &
server_pid=$!
trap 'kill -INT $server_pid 2>/dev/null; wait $server_pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

args=(run --server "http://127.0.0.1:$port" --transport "$transport" --scenarios 1to1
      --duration-secs 10 --warmup-secs 2 --json "$out/bench.json")
[[ "$transport" == ws ]] && args+=(--ws "ws://127.0.0.1:$ws_port/ws")
if [[ "$phase" == peak ]]; then
    args+=(--no-half-peak)
    row="peak"
    marker="\[1:1 easychat peak\]    3s"
else
    args+=(--one-to-one-paced-rate "$phase")
    row="half-peak"
    marker="half-peak\]    3s"
fi
"$bench" "${args[@]}" >"$out/bench.md" 2>"$out/bench.err" &
bench_pid=$!
until grep -q "$marker" "$out/bench.err" 2>/dev/null; do
    kill -0 $bench_pid 2>/dev/null || { echo "the bench ended early: $out/bench.err" >&2; exit 1; }
    sleep 0.1
done

cpu_times() {
    for task in /proc/$server_pid/task/*; do
        echo "$(basename "$task") $(tr ' ' _ <"$task/comm") $(awk '{print $14 + $15}' "$task/stat")"
    done
}
cpu_times >"$out/cpu-before"
if command -v perf >/dev/null && [[ $(id -u) == 0 ]]; then
    events=syscalls:sys_enter_pwrite64,syscalls:sys_enter_pread64,syscalls:sys_enter_fdatasync
    # Probes on this binary (an earlier run's may point at another build).
    perf probe -q -d 'easychat_sqlite:*' 2>/dev/null || true
    for probe in commit=sqlite3PagerCommitPhaseOne.part.0 spill=pagerStress; do
        if perf probe -q -x "$server" -a "easychat_sqlite:$probe" 2>/dev/null; then
            events+=",easychat_sqlite:${probe%%=*}"
        fi
    done
    perf stat -e "$events" --per-thread -p $server_pid -o "$out/perf-stat.txt" -- sleep 5 2>/dev/null \
        || sleep 5
else
    sleep 5
fi
cpu_times >"$out/cpu-after"
wait $bench_pid

python3 - "$out" "$row" "$(getconf CLK_TCK)" <<'PY' | tee "$out/threads.txt"
import sys
out, row, hz = sys.argv[1], sys.argv[2], int(sys.argv[3])
def read(name):
    return {l.split()[0]: (l.split()[1], int(l.split()[2])) for l in open(f"{out}/{name}")}
before, after = read("cpu-before"), read("cpu-after")
acked = next(float(l.split("|")[6]) for l in open(f"{out}/bench.md") if f"| {row} " in l)
per_msg = lambda ticks: ticks / hz / 5 / acked * 1e6
threads = sorted(((comm, ticks - before.get(tid, (comm, 0))[1]) for tid, (comm, ticks) in after.items()),
                 key=lambda t: -t[1])
total = sum(t for _, t in threads)
print(f"{row}: {acked:.0f} acked/s, server {per_msg(total):.1f} µs of CPU per message "
      f"({total / hz / 5:.2f} cores)")
for comm, ticks in threads[:6]:
    print(f"  {comm:<18} {per_msg(ticks):6.1f} µs")
try:
    for line in open(f"{out}/perf-stat.txt"):
        parts = line.split()
        if len(parts) >= 3 and parts[1].isdigit() and int(parts[1]) > 0:
            print(f"  {parts[0]:<24} {parts[2].split(':')[-1]:<28} {int(parts[1]) / 5 / acked:7.3f} per message")
except FileNotFoundError:
    pass
PY
