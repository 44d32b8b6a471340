#!/usr/bin/env bash
# Builds the peer server of the benchmark, Centrifugo, from its public release through the Go
# module proxy, into ${EASYCHAT_CACHE:-$HOME/.cache/easychat}/bench/. Nothing of the peer's code
# is kept in this repository. Idempotent: a second run with the binary present does nothing.
#
#   bench/peer/build.sh            # prints the binary's path on its last line
#   CENTRIFUGO_VERSION=v6.9.1 bench/peer/build.sh
set -euo pipefail

version="${CENTRIFUGO_VERSION:-v6.9.1}"
cache="${EASYCHAT_CACHE:-$HOME/.cache/easychat}/bench"
bin_dir="$cache/centrifugo-$version"
binary="$bin_dir/centrifugo"

if [[ ! -x "$binary" ]]; then
    command -v go >/dev/null || { echo "build.sh: go is needed to build Centrifugo" >&2; exit 1; }
    mkdir -p "$bin_dir"
    echo "building Centrifugo $version into $bin_dir (a few minutes on 2 cores)…" >&2
    # Module mode outside any module, pinned version: `go install pkg@version`.
    GOBIN="$bin_dir" GOFLAGS=-buildvcs=false go install "github.com/centrifugal/centrifugo/v6@$version"
fi
"$binary" version >&2
echo "$binary"
