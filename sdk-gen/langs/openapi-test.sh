#!/usr/bin/env bash
# Checks sdk-gen/packages/openapi/openapi.yaml, which sdk-gen/langs/openapi.sh generates and the
# server serves as /openapi.json: it is valid OpenAPI 3 (openapi-spec-validator), converts to JSON,
# has an operation for every google.api.http mapping in proto/ and none else, and speaks the
# proto3 JSON mapping (lowerCamelCase fields, enums by name, google.rpc.Status errors). It needs
# no server, but sdk-gen/test-all runs it like an SDK's test (alone: sdk-gen/test-all openapi).
# The validator is installed, pinned, into a cached venv.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"

# Pinned test environment; the marker names the pins, so changing one rebuilds the venv.
PINS=(openapi-spec-validator==0.9.0 PyYAML==6.0.3)
venv="${EASYCHAT_CACHE:-$HOME/.cache/easychat}/sdk-tools/openapi-test"
marker="$venv/.installed-$(printf '%s\n' "${PINS[@]}" | sha256sum | cut -c1-16)"
if [[ ! -f "$marker" ]]; then
  echo "openapi-test.sh: creating the test venv in $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${PINS[@]}"
  touch "$marker"
fi

"$venv/bin/python" - "$root" <<'PY'
import json
import pathlib
import re
import sys

import yaml
from openapi_spec_validator import validate

root = pathlib.Path(sys.argv[1])
document = yaml.safe_load((root / "sdk-gen/packages/openapi/openapi.yaml").read_text())
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


validate(document)
print("ok   valid OpenAPI " + document["openapi"])
# The server serves the document as JSON: every key and value must have a JSON form.
check(json.loads(json.dumps(document)) == document, "converts to JSON unchanged")

version = (root / "sdk-gen/VERSION").read_text().strip()
check(document["info"]["title"] == "EasyChat API", "title is EasyChat API")
check(document["info"]["version"] == version, f"version is sdk-gen/VERSION ({version})")

# One operation per google.api.http mapping in proto/ (no additional_bindings there), named
# <Service>_<Rpc> by the generator.
mapped = set()
for proto in sorted((root / "proto/easychat").rglob("*.proto")):
    service = None
    for line in proto.read_text().splitlines():
        if match := re.match(r"\s*service (\w+)", line):
            service = match.group(1)
        elif match := re.match(r"\s*rpc (\w+)\(", line):
            rpc = match.group(1)
        elif "option (google.api.http)" in line:
            mapped.add(f"{service}_{rpc}")
operations = {
    operation["operationId"]
    for item in document["paths"].values()
    for method, operation in item.items()
    if method in ("get", "post", "put", "patch", "delete")
}
check(len(mapped) > 0, f"proto/ has HTTP mappings ({len(mapped)})")
check(operations == mapped, "one operation per HTTP mapping"
      + (f": missing {sorted(mapped - operations)}, extra {sorted(operations - mapped)}"
         if operations != mapped else ""))

paths = document["paths"]
# Path parameters are named like the fields, in JSON form (naming=json).
check("get" in paths.get("/v1/conversations/{conversationId}/messages", {}),
      "GET /v1/conversations/{conversationId}/messages")
check("post" in paths.get("/v1/messages", {}), "POST /v1/messages")
check("post" in paths.get("/v1/users:login", {}), "POST /v1/users:login")

schemas = document["components"]["schemas"]
send = schemas["SendMessageRequest"]["properties"]
check("clientMsgId" in send and "client_msg_id" not in send,
      "fields in lowerCamelCase (SendMessageRequest.clientMsgId)")
conversation_type = schemas["Conversation"]["properties"]["type"]
check(conversation_type.get("type") == "string"
      and "CONVERSATION_TYPE_GROUP" in conversation_type.get("enum", []),
      "enums by name (Conversation.type)")
errors = paths["/v1/messages"]["post"]["responses"].get("default", {})
check(errors.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
      == "#/components/schemas/Status", "errors are google.rpc.Status (default response)")

if failures:
    sys.exit(f"openapi: {len(failures)} check(s) failed")
print("openapi: all checks passed")
PY
