#!/usr/bin/env bash
# Smoke test of the local cluster launcher: `deploy/local/cluster up 2 1`, then, through
# grpcurl, a user registered on node 1 and one on node 2 become friends across the nodes, a
# message sent through node 2 is read through node 1, and the gateway accepts connections; the
# cluster is stopped again at the end, pass or fail. Needs the services of deploy/local/up.
# EASYCHAT_BIN picks the binary (default: the launcher's release build).
#
# On success the last line is "cluster smoke: N passed, 0 failed".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if ! command -v grpcurl >/dev/null 2>&1; then
  PATH="$(scripts/tools.sh | tail -1):$PATH"
  export PATH
fi

NODE1=127.0.0.11:50051
NODE2=127.0.0.12:50051
PASSED=0
pass() { PASSED=$((PASSED + 1)); echo "ok   $1"; }
fail() { echo "FAIL $1" >&2; [[ -n ${2:-} ]] && printf '%s\n' "$2" | sed 's/^/     | /' >&2; echo "cluster smoke: $PASSED passed, 1 failed" >&2; exit 1; }
gc() { grpcurl -plaintext -connect-timeout 5 -max-time 20 "$@"; }
field() { python3 -c 'import json,sys; v=json.load(sys.stdin)
for k in sys.argv[1].split("."): v=(v or {}).get(k)
print("" if v is None else v)' "$1"; }

# Unique across runs: the cluster keeps its databases between runs.
suffix=$(date +%s%N | tail -c 9)
# A namespace of this run's own in the shared services, as the Rust tests' fixture gives each
# test: a backlog another run left in the cluster's topic (the consumers would store it first),
# or another run's messages, must not decide this smoke. deploy/local/kafka-drop-test-topics
# drops the easychat_t. topics, and the Rust tests' fixture the easychat_t_<pid>_ databases of
# processes that are gone; users go to the cluster's MySQL database.
run="easychat_t.smoke.$suffix"
export EASYCHAT_BACKENDS__KAFKA__MESSAGES_TOPIC="$run.messages" \
  EASYCHAT_BACKENDS__KAFKA__BUS_TOPIC="$run.bus" \
  EASYCHAT_BACKENDS__KAFKA__CONSUMER_GROUP="$run" \
  EASYCHAT_BACKENDS__MONGO__DATABASE="easychat_t_$$_smoke$suffix" \
  EASYCHAT_BACKENDS__REDIS__KEY_PREFIX="$run:" \
  EASYCHAT_CLUSTER__ETCD_PREFIX="/$run/"

trap 'deploy/local/cluster down >/dev/null 2>&1 || true' EXIT
deploy/local/cluster up 2 1
pass "two nodes and a gateway started"

register() { # NODE PHONE NAME → token and user id on two lines
  local out
  out=$(gc -d "{\"phone\":\"$2\",\"password\":\"password123\",\"nickname\":\"$3\"}" "$1" \
    easychat.user.v1.UserService/Register) || fail "register $3 on $1" "$out"
  echo "$out" | field token
  echo "$out" | field user.userId
}
{ read -r alice_token; read -r alice_id; } < <(register "$NODE1" "+86139$suffix" alice)
{ read -r bob_token; read -r bob_id; } < <(register "$NODE2" "+86138$suffix" bob)
[[ -n $alice_token && -n $bob_token ]] || fail "registration returned tokens"
pass "alice registered on node 1, bob on node 2"

out=$(gc -H "authorization: Bearer $alice_token" -d "{\"userId\":\"$bob_id\",\"message\":\"hi\"}" \
  "$NODE1" easychat.social.v1.SocialService/SendFriendRequest) || fail "friend request through node 1" "$out"
request_id=$(echo "$out" | field request.requestId)
out=$(gc -H "authorization: Bearer $bob_token" -d "{\"requestId\":\"$request_id\",\"accept\":true}" \
  "$NODE2" easychat.social.v1.SocialService/HandleFriendRequest) || fail "accept through node 2" "$out"
pass "friends across the nodes (token of one node valid on the other)"

out=$(gc -H "authorization: Bearer $bob_token" \
  -d "{\"clientMsgId\":\"smoke-$suffix\",\"peerUserId\":\"$alice_id\",\"content\":{\"text\":{\"text\":\"across the cluster\"}}}" \
  "$NODE2" easychat.im.v1.ImService/SendMessage) || fail "send through node 2" "$out"
conversation_id=$(echo "$out" | field message.conversationId)
[[ $(echo "$out" | field message.seq) == 1 ]] || fail "the first message has seq 1" "$out"
pass "message sent through node 2 (acked with seq 1)"

out=$(gc -H "authorization: Bearer $alice_token" -d "{\"conversationId\":\"$conversation_id\"}" \
  "$NODE1" easychat.im.v1.ImService/ListMessages) || fail "history through node 1" "$out"
grep -q "across the cluster" <<<"$out" || fail "node 1 returns the message sent through node 2" "$out"
pass "the message is read through node 1"

timeout 5 bash -c 'exec 3<>/dev/tcp/127.0.0.21/10090' || fail "the gateway accepts connections"
pass "the gateway listens on 127.0.0.21:10090"
echo "cluster smoke: $PASSED passed, 0 failed"
