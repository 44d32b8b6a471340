#!/usr/bin/env bash
# Rust SDK: the contracts crate (proto/, compiled by its build script with the tonic-prost-build
# version pinned in Cargo.lock) plus the hand-written crate sdk-gen/packages/rust. The generated
# Rust is copied into packages/rust/generated/ so that --check catches a generator change and
# readers can browse it; the crate itself compiles from proto/ directly.
set -euo pipefail
if [[ "${1:-}" == "--generated-path" ]]; then
  echo generated
  exit 0
fi
out="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
cargo build -q -p easychat-proto
# The newest build of the crate holds the current generated files.
build_dir="$(ls -td "$target_dir"/debug/build/easychat-proto-*/out | head -1)"
cp "$build_dir"/easychat.*.rs "$out"/
