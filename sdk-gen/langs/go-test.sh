#!/usr/bin/env bash
# Builds the Go SDK and runs its tests against the live server at $EASYCHAT_ADDR
# (sdk-gen/test-all starts one; without it the tests fail, they do not skip).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="${EASYCHAT_CACHE:-$HOME/.cache/easychat}/sdk-tools"
# Dependencies (pinned by go.mod/go.sum) and build results are cached outside the clone, shared
# with the plugin installs of go.sh; -modcacherw keeps the module cache removable.
export GOMODCACHE="$tools/go/mod" GOCACHE="$tools/go/cache" GOFLAGS="-modcacherw" GOTOOLCHAIN=local

cd "$root/sdk-gen/packages/go"
go vet ./...
# The session is concurrent code: use the race detector where cgo can build it.
race=()
if [[ "$(go env CGO_ENABLED)" == 1 ]] && command -v gcc >/dev/null; then
  race=(-race)
fi
go test "${race[@]}" -count=1 -v ./...
