#!/usr/bin/env bash
# Fault soak: steady load on a local cluster on the real services while faults are injected one
# after another, then every conversation read back and compared with what was acked.
#
#   scripts/fault-soak.sh [--duration-secs N] [--rate R] [--json FILE]
#
# 1. deploy/local/up (the services; honours EASYCHAT_STATE and the EASYCHAT_*_PORT variables,
#    so it can run on a private set), then 2 EasyChat nodes and 1 WebSocket gateway of its own
#    (deploy/local/cluster with the state dir <state>/fault-soak and addresses 127.0.0.31-32 and
#    127.0.0.41, so it never meets scripts/cluster-smoke.sh's cluster), in a namespace of its
#    own in the services (Kafka topics and group, MongoDB database, Redis prefix, etcd prefix).
# 2. `easychat-bench soak`: 8 users in 4 friend pairs and one group; in every pair one sends over
#    gRPC and the other back over the gateway's WebSocket, and two members send to the group
#    (one each way): 10 senders at R messages/s each (default 2). A failed send is retried with
#    the same client_msg_id (on the other node for gRPC) until it is answered.
# 3. After a pause, each fault in turn, with the same pause after each: SIGKILL node 1 (restarted
#    3 s later), FLUSHALL Redis, restart Kafka, stop MariaDB for 5 s, SIGKILL the gateway
#    (restarted 2 s later). The pause is (N - 35) / 6 seconds, at least 3; the load lasts at
#    least N seconds (default 300) and until the last fault's pause is over.
# 4. Read-back through ListMessages and the counts: acked messages lost, duplicated, reordered,
#    seq gaps (all must be 0), failed attempts by code and by fault. Exit status 0 only if the
#    counts are 0 and every send was answered.
#
# FLUSHALL empties the whole Redis: run it where nothing else uses the services (CI does), or on
# a private set (EASYCHAT_STATE=… EASYCHAT_REDIS_PORT=… …, see deploy/local/README.md). Binaries:
# EASYCHAT_BIN and EASYCHAT_BENCH_BIN (default: the debug builds, built here when unset), copied
# before use so that a rebuild meanwhile does not change what restarts. Logs of the nodes and
# the gateway: <state>/fault-soak/logs/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DURATION=300
RATE=2
JSON=""
while (($#)); do
  case "$1" in
    --duration-secs) DURATION=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --json) JSON=$2; shift 2 ;;
    -h | --help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; exit 0 ;;
    *) echo "fault-soak: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $DURATION =~ ^[0-9]+$ ]] || { echo "fault-soak: --duration-secs takes whole seconds" >&2; exit 2; }
PAUSE=$(((DURATION - 35) / 6))
((PAUSE >= 3)) || PAUSE=3

say() { printf '[fault-soak] %s %s\n' "$(date +%T)" "$*" >&2; }
say "starting"
SERVICES_STATE=${EASYCHAT_STATE:-$HOME/.local/state/easychat}
SOAK_STATE=$SERVICES_STATE/fault-soak
mkdir -p "$SOAK_STATE"
WORK=$(mktemp -d "$SOAK_STATE/run.XXXXXX")

# The binaries, copied: another worktree sharing CARGO_TARGET_DIR may rebuild them meanwhile,
# and a node restarted by a fault must be the same program.
target=${CARGO_TARGET_DIR:-$ROOT/target}
if [[ -z ${EASYCHAT_BIN:-} ]]; then
  cargo build -q -p easychat-server --bin easychat
  EASYCHAT_BIN=$target/debug/easychat
fi
if [[ -z ${EASYCHAT_BENCH_BIN:-} ]]; then
  cargo build -q -p easychat-bench --bin easychat-bench
  EASYCHAT_BENCH_BIN=$target/debug/easychat-bench
fi
cp "$EASYCHAT_BIN" "$WORK/easychat"
cp "$EASYCHAT_BENCH_BIN" "$WORK/easychat-bench"
export EASYCHAT_BIN=$WORK/easychat

eval "$(deploy/local/up --print-env)"
# The cluster's config points at the default ports; follow the services actually started.
export EASYCHAT_BACKENDS__MYSQL__URL=$EASYCHAT_TEST_MYSQL_URL \
  EASYCHAT_BACKENDS__REDIS__URL=$EASYCHAT_TEST_REDIS_URL \
  EASYCHAT_BACKENDS__MONGO__URL=$EASYCHAT_TEST_MONGO_URL \
  EASYCHAT_BACKENDS__KAFKA__BROKERS=$EASYCHAT_TEST_KAFKA_BROKERS \
  EASYCHAT_BACKENDS__ETCD__ENDPOINTS="[\"${EASYCHAT_TEST_ETCD_ENDPOINTS#http://}\"]"
redis_port=${EASYCHAT_TEST_REDIS_URL##*:}

# This run's namespace, as scripts/cluster-smoke.sh does (deploy/local/kafka-drop-test-topics
# drops easychat_t. topics; users go to the cluster's MySQL database).
suffix=$(date +%s%N | tail -c 9)
run="easychat_t.soak.$suffix"
export EASYCHAT_BACKENDS__KAFKA__MESSAGES_TOPIC="$run.messages" \
  EASYCHAT_BACKENDS__KAFKA__BUS_TOPIC="$run.bus" \
  EASYCHAT_BACKENDS__KAFKA__CONSUMER_GROUP="$run" \
  EASYCHAT_BACKENDS__MONGO__DATABASE="easychat_t_$$_soak$suffix" \
  EASYCHAT_BACKENDS__REDIS__KEY_PREFIX="$run:" \
  EASYCHAT_CLUSTER__ETCD_PREFIX="/$run/"

# The soak's own cluster: its own pid files and logs, its own addresses.
cluster() {
  EASYCHAT_STATE=$SOAK_STATE EASYCHAT_CLUSTER_NODE_BASE=30 EASYCHAT_CLUSTER_GATEWAY_BASE=40 \
    deploy/local/cluster "$@"
}
member_pid() { awk '{print $1}' "$SOAK_STATE/run/$1.pid"; }

driver_pid=""
cleanup() {
  [[ -n $driver_pid ]] && kill "$driver_pid" 2>/dev/null || true
  cluster down >/dev/null 2>&1 || true
  # A fault interrupted halfway must not leave a service stopped.
  deploy/local/service kafka,mariadb start >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

rm -f "$SOAK_STATE"/logs/cluster-*.log
say "services answer; starting the soak's cluster"
cluster up 2 1

fault_log=$WORK/faults
started=$WORK/started
until_file=$WORK/stop
mark() { echo "$(date +%s%3N) $1 $2" >>"$fault_log"; }
: >"$fault_log"

say "load for at least $DURATION s, a pause of $PAUSE s around each fault"
started_at=$SECONDS
"$WORK/easychat-bench" soak --run "soak$suffix" \
  --node http://127.0.0.31:50051 --node http://127.0.0.32:50051 --ws ws://127.0.0.41:10090/ws \
  --duration-secs "$DURATION" --rate "$RATE" --until-file "$until_file" \
  --started-file "$started" --fault-log "$fault_log" ${JSON:+--json "$JSON"} &
driver_pid=$!
until [[ -s $started ]]; do
  kill -0 "$driver_pid" 2>/dev/null || { wait "$driver_pid" || true; say "the soak driver ended before its load began"; exit 1; }
  sleep 0.2
done

kill_member() { # NAME DOWN_SECS: SIGKILL a cluster member, then start it again
  local pid
  pid=$(member_pid "$1")
  mark "sigkill-$1" begin
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  sleep "$2"
  cluster up 2 1 >&2
  mark "sigkill-$1" end
}

faults=(node redis kafka mariadb gateway)
for fault in "${faults[@]}"; do
  sleep "$PAUSE"
  say "fault at $((SECONDS - started_at)) s: $fault"
  case $fault in
    node) kill_member cluster-node-1 3 ;;
    redis)
      mark redis-flushall begin
      redis-cli -h 127.0.0.1 -p "$redis_port" FLUSHALL >/dev/null
      mark redis-flushall end
      ;;
    kafka)
      mark kafka-restart begin
      deploy/local/service kafka restart
      mark kafka-restart end
      ;;
    mariadb)
      mark mariadb-stop-5s begin
      deploy/local/service mariadb stop
      sleep 5
      deploy/local/service mariadb start
      mark mariadb-stop-5s end
      ;;
    gateway) kill_member cluster-gateway-1 2 ;;
  esac
done
sleep "$PAUSE"
touch "$until_file"
say "faults done at $((SECONDS - started_at)) s; the load stops at $DURATION s at the earliest, then the read-back"
status=0
wait "$driver_pid" || status=$?
driver_pid=""
say "done in $((SECONDS - started_at)) s of load and read-back; node and gateway logs: $SOAK_STATE/logs/"
# A known cause of a failed soak, named so the next reader does not start from nothing: a
# node's Kafka client that saw a leader of -1 while the broker shut down can stay without a
# leader for good (librdkafka bug 5430; RELIABILITY.md, "Known failure").
if ((status != 0)); then
  for log in "$SOAK_STATE"/logs/cluster-node-*.log; do
    if grep -q "new leader-1 not found in cache" "$log" 2>/dev/null &&
      grep -q "MessageTimedOut" "$log" 2>/dev/null; then
      say "$(basename "$log" .log) saw a leader of -1 and sends time out: if they kept timing out after Kafka was back, this is librdkafka bug 5430 (RELIABILITY.md, Known failure)"
    fi
  done
fi
exit "$status"
