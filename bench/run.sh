#!/usr/bin/env bash
# Builds and runs the whole benchmark on this machine, one system after another, each started
# fresh by this script on a free loopback port and stopped by its pid afterwards:
#   1. EasyChat (release build, embedded default, fresh data dir) over gRPC;
#   2. EasyChat over WebSocket, through the bridge `easychat serve` runs in-process;
#   3. the gRPC baseline and 4. the WebSocket baseline (this binary's echo/broadcast servers);
#   5. the peer, Centrifugo (bench/peer/build.sh, bench/peer/run.sh);
#   6./7. on request, EasyChat on the real services over gRPC and WebSocket
#      (easychat-real-grpc, easychat-real-ws: deploy/config/single-node.toml, i.e. MariaDB,
#      FerretDB, Redis, Kafka and etcd of `deploy/local/up`, which this script starts), with
#      BENCH_REAL_FLAGS (default: 200 users, a 200-member group, a window of 1). Before the
#      first of them, the MongoDB stand-in's own write ceiling (bench/store-ceiling.sh, into
#      store-ceiling.json), printed under each real-services table, beside EasyChat's figure;
#   8. on request, easychat-real-cluster-grpc: BENCH_CLUSTER_NODES nodes (default 2) of
#      deploy/local/cluster (deploy/config/cluster.toml, the same services) with the sessions'
#      connections spread over them round-robin (`--also-server`); BENCH_CLUSTER_NODES=1 is the
#      one-node figure of the same configuration. Memory is not measured (several processes).
# Results: one JSON and one Markdown table per system in $BENCH_OUT (default
# target/bench/<date>), and all tables together in $BENCH_OUT/summary.md.
#
#   bench/run.sh                         # everything, full size (about half an hour)
#   bench/run.sh --duration-secs 5 --users 100 --group-size 100 --idle-sessions 1000
#                                        # extra flags go to every `easychat-bench run`
#   BENCH_SYSTEMS="easychat-grpc baseline-grpc" bench/run.sh --scenarios 1to1,fanout
#
# Environment: BENCH_SYSTEMS (subset of: easychat-grpc easychat-ws baseline-grpc baseline-ws
# centrifugo easychat-real-grpc easychat-real-ws easychat-real-cluster-grpc; default the first
# five), BENCH_CLUSTER_NODES (nodes of easychat-real-cluster-grpc, default 2),
# BENCH_WAIT_QUIET=SECONDS (wait up to that long for the 1-minute load average to
# drop below 0.5 before each system; the load is recorded either way), SQLITE_SYNCHRONOUS
# (storage.sqlite_synchronous of EasyChat, default full), MAX_GROUP_MEMBERS (default 2000),
# MESSAGES_PER_SECOND (limits.messages_per_second, default 0 = unlimited; empty = server default),
# EASYCHAT_BIN (a release server binary built elsewhere instead of this tree's),
# EASYCHAT_BENCH_BIN (the same for easychat-bench; with both set nothing is built),
# BENCH_REAL_CONFIG (the real systems' config instead of deploy/config/single-node.toml),
# BENCH_RSS_SETTLE_SECS (after an EasyChat system's scenarios its RSS is read, then again this
# much later; default 30, 0 reads once), BENCH_ROUNDS (default 1: the systems take turns this
# many times, each round in $BENCH_OUT/round-K; compare.md gives the medians), BENCH_SERVER_LOG
# (EasyChat's RUST_LOG, default warn; e.g. `warn,easychat_server::store::mongo=debug` logs how
# long each stored batch's inserts and conversation updates took, in the server's log).
set -euo pipefail
cd "$(dirname "$0")/.."

systems="${BENCH_SYSTEMS:-easychat-grpc easychat-ws baseline-grpc baseline-ws centrifugo}"
out="${BENCH_OUT:-target/bench/$(date +%Y%m%d-%H%M%S)}"
server_log="${BENCH_SERVER_LOG:-warn}"
sqlite_synchronous="${SQLITE_SYNCHRONOUS:-full}"
max_group_members="${MAX_GROUP_MEMBERS:-2000}"
# The per-user send limit (limits.messages_per_second, 20 by default) would measure the limiter:
# the fan-out sender sends well over 100 messages per second. Empty: leave the server's default
# (and set nothing, for server builds older than the limit).
messages_per_second="${MESSAGES_PER_SECOND-0}"
wait_quiet="${BENCH_WAIT_QUIET:-0}"
mkdir -p "$out"

# 10,000 idle sessions need 10,000 descriptors in the bench, and up to three times that in a
# server with its in-process bridge (servers before the shared upstream connections held a
# socket downstream, an HTTP/2 connection upstream and its server end per WebSocket client;
# the cap below stays so that their runs and newer ones compare).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
nofile="$(ulimit -n)"
echo "descriptors: $nofile" >&2
# Where the limit cannot be raised that far (a container without CAP_SYS_RESOURCE: 20,000
# here), the WebSocket run holds as many idle sessions as fit; the table says how many.
ws_idle=()
if ((nofile < 31000)); then
    ws_idle=(--idle-sessions $(((nofile - 1000) / 3)))
    echo "WebSocket idle sessions limited to ${ws_idle[1]} by the descriptor limit" >&2
fi

# EASYCHAT_BIN: a server binary built elsewhere (another checkout); by default this tree's.
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
if [[ " $systems " == *" centrifugo "* ]]; then
    bench/peer/build.sh >&2
fi

pids=()
data_dirs=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    for dir in "${data_dirs[@]}"; do rm -rf "$dir"; done
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits (at most 30 s) until something listens on 127.0.0.1:$1.
wait_port() {
    for _ in $(seq 300); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "nothing listens on port $1" >&2
    return 1
}

# Stops the processes started for one system.
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}

quiet_enough() {
    local deadline=$((SECONDS + wait_quiet))
    while true; do
        local load
        load="$(cut -d' ' -f1 /proc/loadavg)"
        if awk "BEGIN{exit !($load < 0.5)}"; then return 0; fi
        if ((SECONDS >= deadline)); then
            echo "load average $load (not quiet): numbers will be noisy" >&2
            return 0
        fi
        sleep 5
    done
}

# Starts EasyChat as deployed by default: `easychat serve`, gRPC on one port and the WebSocket
# bridge in-process on another; with an argument, on that configuration file's backends.
start_easychat() {
    local config=() port ws_port data
    if [[ -n "${1:-}" ]]; then config=(--config "$1"); fi
    port="$(free_port)"
    ws_port="$(free_port)"
    data="$(mktemp -d)"
    data_dirs+=("$data")
    # The bench registers all its users from this one address.
    local limits=(EASYCHAT_LIMITS__MAX_GROUP_MEMBERS="$max_group_members"
        EASYCHAT_LIMITS__REGISTRATIONS_PER_ADDRESS_PER_MINUTE=0
        EASYCHAT_LIMITS__MAX_CONNECTIONS_PER_IP=0 EASYCHAT_GATEWAY__MAX_CONNECTIONS_PER_IP=0)
    if [[ -n "$messages_per_second" ]]; then
        limits+=(EASYCHAT_LIMITS__MESSAGES_PER_SECOND="$messages_per_second")
    fi
    env "${limits[@]}" \
    EASYCHAT_STORAGE__SQLITE_SYNCHRONOUS="$sqlite_synchronous" \
    RUST_LOG="$server_log" \
        "$server" "${config[@]}" serve --listen "127.0.0.1:$port" --ws-listen "127.0.0.1:$ws_port" --data-dir "$data" \
        >"$out/easychat-$port.log" 2>&1 &
    pids+=($!)
    server_pid=$!
    server_url="http://127.0.0.1:$port"
    ws_url="ws://127.0.0.1:$ws_port/ws"
    wait_port "$port"
    wait_port "$ws_port"
}

# The MongoDB stand-in's own ceiling, once per run, on the services the real systems use.
store_ceiling() {
    local url=$1
    [[ -s "$out/store-ceiling.json" ]] && return 0
    quiet_enough
    echo "== store ceiling: $url (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    bench/store-ceiling.sh --url "$url" --label "ferretdb-${EASYCHAT_FERRETDB_HANDLER:-postgresql}" \
        >"$out/store-ceiling.json" || echo "store ceiling: failed (see above)" >&2
}

# Its figures as a paragraph under a real-services table.
store_ceiling_note() {
    [[ -s "$out/store-ceiling.json" ]] || return 0
    python3 - "$out/store-ceiling.json" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
parts = []
for l in lines:
    how = f"in batches of {l['batch']} (+ one $max each: {round(l['batches_per_s']):,} batches/s)" if l["batch"] > 1 \
        else "one at a time (insert_one + $max)"
    parts.append(f"**{round(l['docs_per_s']):,} documents/s** {how}")
first = lines[0]
print()
print(f"The MongoDB stand-in's own ceiling in this run ({first['store']}, {first.get('label') or ''}; "
      f"bench/store-ceiling.sh, {first['clients']} clients, {first['doc_bytes']}-byte documents): "
      + ", ".join(parts) + ".")
PY
}

run_bench() {
    local name="$1"
    shift
    quiet_enough
    echo "== $name (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    # A failed scenario is in the table as such; the other systems still run.
    "$bench" run "$@" --json "$out/$name.json" "${extra[@]}" | tee "$out/$name.md" \
        || echo "$name: some scenario failed (see the table)" >&2
}

# The server's resident memory once every scenario of the run is over, and again
# BENCH_RSS_SETTLE_SECS later (default 30; 0 skips the second reading): whether load leaves
# memory behind. Appended to the system's table.
rss_settle="${BENCH_RSS_SETTLE_SECS:-30}"
report_rss() {
    local name="$1" after later
    rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server_pid/status" 2>/dev/null; }
    after="$(rss_mb)"
    [[ -n "$after" ]] || return 0
    if ((rss_settle > 0)); then
        sleep "$rss_settle"
        later="$(rss_mb)"
        echo "- server RSS after the run's scenarios: ${after} MB; ${rss_settle} s later: ${later} MB" >>"$out/$name.md"
    else
        echo "- server RSS after the run's scenarios: ${after} MB" >>"$out/$name.md"
    fi
}

extra=("$@")
# Every system once, into $out.
run_round() {
    for system in $systems; do
        case "$system" in
            easychat-grpc)
                start_easychat
                run_bench easychat-grpc --system easychat --transport grpc \
                    --server "$server_url" --server-pid "$server_pid"
                report_rss easychat-grpc
                ;;
            easychat-ws)
                # The in-process bridge: the server's memory includes the gateway's.
                start_easychat
                run_bench easychat-ws --system easychat --transport ws --server "$server_url" \
                    --ws "$ws_url" --server-pid "$server_pid" "${ws_idle[@]}"
                report_rss easychat-ws
                ;;
            easychat-real-grpc | easychat-real-ws)
                # A MongoDB database, Kafka topics and a consumer group of the run's own (the
                # easychat_t prefixes: deploy/local/kafka-drop-test-topics drops the topics, the test
                # fixture the databases of processes that are gone): a collection grown by earlier
                # runs would slow the stand-in's queries (FerretDB on SQLite scans it for any query
                # not by _id), and a topic left with a backlog by an earlier run would be consumed
                # first. Users go to the MySQL database, each run
                # with phone numbers of its own.
                services_env="$(deploy/local/up --print-env)"
                store_ceiling "$(sed -n 's/^export EASYCHAT_TEST_MONGO_URL=//p' <<<"$services_env")"
                run_name="easychat_t.bench.$(date +%s)"
                export EASYCHAT_BACKENDS__MONGO__DATABASE="easychat_t_$$_bench$(date +%s)" \
                    EASYCHAT_BACKENDS__KAFKA__MESSAGES_TOPIC="$run_name.messages" \
                    EASYCHAT_BACKENDS__KAFKA__BUS_TOPIC="$run_name.bus" \
                    EASYCHAT_BACKENDS__KAFKA__CONSUMER_GROUP="$run_name"
                # BENCH_REAL_CONFIG: another config of the same services (say, for a binary older
                # than a key single-node.toml has).
                start_easychat "${BENCH_REAL_CONFIG:-deploy/config/single-node.toml}"
                unset EASYCHAT_BACKENDS__MONGO__DATABASE EASYCHAT_BACKENDS__KAFKA__MESSAGES_TOPIC \
                    EASYCHAT_BACKENDS__KAFKA__BUS_TOPIC EASYCHAT_BACKENDS__KAFKA__CONSUMER_GROUP
                # Smaller than the embedded runs (BENCH_REAL_FLAGS): the stand-ins store ~100
                # messages/s, and 8,000 messages in flight would all outlive the store timeout.
                read -r -a real_flags <<<"${BENCH_REAL_FLAGS---users 200 --group-size 200 --window 1}"
                if [[ "$system" == easychat-real-grpc ]]; then
                    run_bench "$system" --system easychat --transport grpc \
                        --server "$server_url" --server-pid "$server_pid" "${real_flags[@]}"
                else
                    run_bench "$system" --system easychat --transport ws --server "$server_url" \
                        --ws "$ws_url" --server-pid "$server_pid" "${ws_idle[@]}" "${real_flags[@]}"
                fi
                store_ceiling_note | tee -a "$out/$system.md"
                ;;
            easychat-real-cluster-grpc)
                # deploy/local/cluster's nodes (127.0.0.11, .12, …:50051), stopped by it afterwards;
                # topics and database of the run's own, as above.
                services_env="$(deploy/local/up --print-env)"
                store_ceiling "$(sed -n 's/^export EASYCHAT_TEST_MONGO_URL=//p' <<<"$services_env")"
                cluster_nodes="${BENCH_CLUSTER_NODES:-2}"
                run_name="easychat_t.bench.$(date +%s)"
                deploy/local/cluster down >/dev/null 2>&1 || true
                env EASYCHAT_BIN="$server" \
                    EASYCHAT_BACKENDS__MONGO__DATABASE="easychat_t_$$_bench$(date +%s)" \
                    EASYCHAT_BACKENDS__KAFKA__MESSAGES_TOPIC="$run_name.messages" \
                    EASYCHAT_BACKENDS__KAFKA__BUS_TOPIC="$run_name.bus" \
                    EASYCHAT_BACKENDS__KAFKA__CONSUMER_GROUP="$run_name" \
                    EASYCHAT_LIMITS__MAX_GROUP_MEMBERS="$max_group_members" \
                    EASYCHAT_LIMITS__REGISTRATIONS_PER_ADDRESS_PER_MINUTE=0 \
                    EASYCHAT_LIMITS__MAX_CONNECTIONS_PER_IP=0 \
                    ${messages_per_second:+EASYCHAT_LIMITS__MESSAGES_PER_SECOND="$messages_per_second"} \
                    RUST_LOG="$server_log" \
                    deploy/local/cluster up "$cluster_nodes" 0 >&2
                more=()
                for ((node = 2; node <= cluster_nodes; node++)); do
                    more+=(--also-server "http://127.0.0.$((10 + node)):50051")
                done
                read -r -a real_flags <<<"${BENCH_REAL_FLAGS---users 200 --group-size 200 --window 1}"
                run_bench "$system" --system easychat --transport grpc \
                    --server "http://127.0.0.11:50051" "${more[@]}" "${real_flags[@]}"
                echo "($cluster_nodes nodes of deploy/local/cluster; sessions spread over them)" | tee -a "$out/$system.md"
                store_ceiling_note | tee -a "$out/$system.md"
                deploy/local/cluster down >&2
                ;;
            baseline-grpc)
                port="$(free_port)"
                "$bench" baseline-grpc --listen "127.0.0.1:$port" >"$out/baseline-grpc.log" 2>&1 &
                pids+=($!)
                wait_port "$port"
                run_bench baseline-grpc --system baseline --transport grpc \
                    --server "http://127.0.0.1:$port" --server-pid "${pids[-1]}"
                ;;
            baseline-ws)
                port="$(free_port)"
                "$bench" baseline-ws --listen "127.0.0.1:$port" >"$out/baseline-ws.log" 2>&1 &
                pids+=($!)
                wait_port "$port"
                run_bench baseline-ws --system baseline --transport ws \
                    --ws "ws://127.0.0.1:$port/ws" --server-pid "${pids[-1]}"
                ;;
            centrifugo)
                port="$(free_port)"
                bench/peer/run.sh "$port" >"$out/centrifugo.log" 2>&1 &
                pids+=($!)
                wait_port "$port"
                run_bench centrifugo --system centrifugo \
                    --ws "ws://127.0.0.1:$port/connection/websocket" --server-pid "${pids[-1]}"
                ;;
            *)
                echo "unknown system $system" >&2
                exit 2
                ;;
        esac
        stop_all
    done

    {
        echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo
        echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; storage.sqlite_synchronous=$sqlite_synchronous"
        for system in $systems; do
            echo
            echo "## $system"
            echo
            cat "$out/$system.md"
        done
    } >"$out/summary.md"
}

# BENCH_ROUNDS=N: the systems take turns N times, each round into $out/round-K, and the
# comparison gives the medians (each ratio taken within its round): one round's figures move by
# a quarter or more on a shared machine.
rounds="${BENCH_ROUNDS:-1}"
round_dirs=()
if ((rounds > 1)); then
    top="$out"
    for ((round = 1; round <= rounds; round++)); do
        out="$top/round-$round"
        mkdir -p "$out"
        echo "=== round $round of $rounds" >&2
        run_round
        round_dirs+=("$out")
    done
    out="$top"
else
    run_round
    round_dirs=("$out")
fi
echo "results in $out (summary.md; with rounds, in each round-K)" >&2
# The comparison table covers the five systems and the single-node real ones.
comparable=0
for system in $systems; do
    [[ "$system" == easychat-real-cluster-grpc ]] || comparable=1
done
if ((comparable)); then
    "$bench" compare "${round_dirs[@]}" | tee "$out/compare.md"
fi
