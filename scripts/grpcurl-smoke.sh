#!/usr/bin/env bash
# Smoke test of a running EasyChat server through grpcurl and server reflection (plaintext):
# the services are exposed, a user can register, log in and read their own profile with the
# token, and the health service answers SERVING.
#
# Usage: scripts/grpcurl-smoke.sh [ADDR]     (ADDR defaults to 127.0.0.1:50051)
#   SMOKE_WAIT_SECS (default 20): how long to wait for the server to start answering.
#
# Exits non-zero with a message naming the failed check; on success the last line is
# "smoke: N passed, 0 failed".
set -euo pipefail

ADDR="${1:-127.0.0.1:50051}"
WAIT_SECS="${SMOKE_WAIT_SECS:-20}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# grpcurl comes from the project's pinned tool cache unless one is already on PATH.
if ! command -v grpcurl >/dev/null 2>&1; then
  PATH="$("$SCRIPT_DIR/tools.sh" | tail -1):$PATH"
  export PATH
fi
command -v python3 >/dev/null || { echo "smoke: python3 is needed to read JSON" >&2; exit 1; }

PASSED=0

pass() {
  PASSED=$((PASSED + 1))
  echo "ok   $1"
}

fail() {
  echo "FAIL $1" >&2
  if [[ -n "${2:-}" ]]; then
    printf '%s\n' "$2" | sed 's/^/     | /' >&2
  fi
  echo "smoke: $PASSED passed, 1 failed" >&2
  exit 1
}

# grpcurl with the options every call shares; -max-time keeps a hung server from hanging CI.
gc() {
  grpcurl -plaintext -connect-timeout 5 -max-time 15 "$@"
}

# json_get PATH: print the value at a dotted PATH (e.g. user.nickname) of the JSON on stdin,
# or nothing when it is missing. grpcurl prints lowerCamel JSON names (userId), so a
# snake_case PATH segment is looked up in that form too.
json_get() {
  python3 -c '
import json, sys
value = json.load(sys.stdin)
def camel(key):
    head, *rest = key.split("_")
    return head + "".join(part.title() for part in rest)
for key in sys.argv[1].split("."):
    if not isinstance(value, dict):
        value = None
        break
    value = value.get(key, value.get(camel(key)))
print("" if value is None else value)
' "$1"
}

# 1. Services over reflection. Retry for a while: the server may have just been started.
deadline=$((SECONDS + WAIT_SECS))
until services="$(gc "$ADDR" list 2>&1)"; do
  if ((SECONDS >= deadline)); then
    fail "list services at $ADDR (server not answering after ${WAIT_SECS}s)" "$services"
  fi
  sleep 0.5
done
for svc in easychat.user.v1.UserService easychat.social.v1.SocialService \
  easychat.im.v1.ImService grpc.health.v1.Health; do
  grep -qxF "$svc" <<<"$services" || fail "service $svc is listed" "$services"
  pass "service $svc is listed"
done

# 2. Describe resolves the full schema of UserService (its request types come along).
out="$(gc "$ADDR" describe easychat.user.v1.UserService 2>&1)" \
  || fail "describe easychat.user.v1.UserService" "$out"
for rpc in Register Login GetMe; do
  grep -q "rpc $rpc *(" <<<"$out" || fail "describe shows rpc $rpc" "$out"
done
pass "describe easychat.user.v1.UserService"

# 3. Register a fresh user; a random phone keeps reruns against the same server independent.
PHONE="$(printf '+861%05d%05d' $((RANDOM % 100000)) $((RANDOM % 100000)))"
PASSWORD="password123"
out="$(gc -d "{\"phone\":\"$PHONE\",\"password\":\"$PASSWORD\",\"nickname\":\"smoke\"}" \
  "$ADDR" easychat.user.v1.UserService/Register 2>&1)" || fail "Register $PHONE" "$out"
[[ -n "$(json_get token <<<"$out")" ]] || fail "Register returns a token" "$out"
[[ -n "$(json_get user.user_id <<<"$out")" ]] || fail "Register returns the user's id" "$out"
pass "Register $PHONE"

# 4. Login with the same credentials; its token is the one used below.
out="$(gc -d "{\"phone\":\"$PHONE\",\"password\":\"$PASSWORD\"}" \
  "$ADDR" easychat.user.v1.UserService/Login 2>&1)" || fail "Login $PHONE" "$out"
TOKEN="$(json_get token <<<"$out")"
[[ -n "$TOKEN" ]] || fail "Login returns a token" "$out"
pass "Login $PHONE"

# 5. GetMe with the bearer token returns the profile just registered.
out="$(gc -H "authorization: Bearer $TOKEN" \
  "$ADDR" easychat.user.v1.UserService/GetMe 2>&1)" || fail "GetMe with the Login token" "$out"
nickname="$(json_get user.nickname <<<"$out")"
[[ "$nickname" == "smoke" ]] || fail "GetMe nickname is \"smoke\" (got \"$nickname\")" "$out"
pass "GetMe returns nickname \"smoke\""

# 6. Standard health check of the whole server (empty service name).
out="$(gc -d '{}' "$ADDR" grpc.health.v1.Health/Check 2>&1)" || fail "Health/Check" "$out"
status="$(json_get status <<<"$out")"
[[ "$status" == "SERVING" ]] || fail "Health/Check status is SERVING (got \"$status\")" "$out"
pass "Health/Check is SERVING"

echo "smoke: $PASSED passed, 0 failed"
