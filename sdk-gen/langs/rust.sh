#!/usr/bin/env bash
# Rust SDK: the contracts crate (proto/, compiled by its build script with the tonic-prost-build
# version pinned in Cargo.lock) plus the hand-written crate sdk-gen/packages/rust. The generated
# Rust is copied into packages/rust/generated/ so that --check catches a generator change and
# readers can browse it; the crate itself compiles from proto/ directly.
# The protos import google/api/annotations.proto (their HTTP mappings): the build script reads it
# from third_party/googleapis, filled by scripts/ensure-googleapis.sh (run here first, so that a
# failed download shows its own error rather than a build script's). prost emits no code for the
# annotations, and only the easychat.* files are copied.
set -euo pipefail
if [[ "${1:-}" == "--generated-path" ]]; then
  echo generated
  exit 0
fi
out="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
bash scripts/ensure-googleapis.sh
# Cargo names the build script's output directory of this checkout's crate. (Guessing it from
# the directories' times picked another checkout's in a shared CARGO_TARGET_DIR: a rebuild
# rewrites files in place, which leaves the directory's time as it was.)
build_dir="$(cargo build -q -p easychat-proto --message-format=json | python3 -c '
import json, sys
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") == "build-script-executed" and "easychat-proto@" in message["package_id"]:
        print(message["out_dir"])
')"
[[ -n "$build_dir" ]] || { echo "sdk-gen rust: cargo named no build output of easychat-proto" >&2; exit 1; }
cp "$build_dir"/easychat.*.rs "$out"/
