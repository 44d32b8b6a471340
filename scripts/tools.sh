#!/usr/bin/env bash
# Installs EasyChat's dev tools (buf, grpcurl) at pinned versions into a cache directory outside
# the clone, so CI runs and fresh clones on the same machine reuse them instead of refetching.
#
# Usage:
#   export PATH="$(scripts/tools.sh | tail -1):$PATH"
# or, from bash, `source scripts/tools.sh`, which also puts the bin dir first on PATH.
#
# Idempotent: a tool already present at its pinned version is skipped. Quiet on success; the last
# line of stdout is always the bin dir. Progress and errors go to stderr so `tail -1` stays clean.
# Only package registries are reachable here (npm, Go module proxy), hence no release downloads.

# When sourced, run as a child process instead: `set -euo pipefail` and the helper functions below
# must not leak into the caller's interactive shell. Then put the bin dir on the caller's PATH.
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  _easychat_tools_out="$(bash "${BASH_SOURCE[0]}")" || return $?
  _easychat_tools_bin="${_easychat_tools_out##*$'\n'}"
  case ":$PATH:" in *":$_easychat_tools_bin:"*) ;; *) export PATH="$_easychat_tools_bin:$PATH" ;; esac
  echo "$_easychat_tools_bin"
  unset _easychat_tools_out _easychat_tools_bin
  return 0
fi

set -euo pipefail

# Pinned versions: bump deliberately, so every developer and CI lint with the same rules.
BUF_VERSION="1.75.0"      # npm package @bufbuild/buf (ships the prebuilt buf binary)
GRPCURL_VERSION="v1.9.4"  # Go module github.com/fullstorydev/grpcurl

CACHE_DIR="${EASYCHAT_CACHE:-$HOME/.cache/easychat}"
TOOLS_DIR="$CACHE_DIR/tools"
BIN_DIR="$TOOLS_DIR/bin"
mkdir -p "$BIN_DIR"

log() { echo "tools.sh: $*" >&2; }

# Run a command quietly; show its output only if it fails, so installs do not spam callers.
quiet() {
  local out
  if ! out="$("$@" 2>&1)"; then
    log "command failed: $*"
    printf '%s\n' "$out" >&2
    return 1
  fi
}

# --- buf (npm) ---------------------------------------------------------------------------------
# npm installs into its own prefix; bin/buf links to the package's launcher, which runs the native
# binary from the matching platform package (@bufbuild/buf-linux-x64 here) that npm installs with it.
install_buf() {
  local prefix="$TOOLS_DIR/npm"
  if [[ -x "$BIN_DIR/buf" ]] && [[ "$("$BIN_DIR/buf" --version 2>/dev/null || true)" == "$BUF_VERSION" ]]; then
    return 0
  fi
  command -v npm >/dev/null || { log "npm not found; needed to install buf"; return 1; }
  log "installing buf $BUF_VERSION"
  mkdir -p "$prefix"
  quiet npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error \
    "@bufbuild/buf@$BUF_VERSION"
  ln -sf "$prefix/node_modules/.bin/buf" "$BIN_DIR/buf"
  # Fail loudly now rather than at first use if the package layout ever changes.
  [[ "$("$BIN_DIR/buf" --version)" == "$BUF_VERSION" ]] || { log "buf install did not yield $BUF_VERSION"; return 1; }
}

# --- grpcurl (go install) ----------------------------------------------------------------------
# The module and build caches live under the cache dir too, so a rebuild after a version bump
# (or a wiped bin dir) does not refetch every dependency. -modcacherw keeps the module cache
# deletable with plain `rm -rf` (Go makes it read-only by default).
install_grpcurl() {
  # Compare the whole output (not `| grep -q`, whose early exit can fail the pipe under pipefail).
  if [[ -x "$BIN_DIR/grpcurl" ]] \
    && [[ "$("$BIN_DIR/grpcurl" -version 2>&1 || true)" == "grpcurl $GRPCURL_VERSION" ]]; then
    return 0
  fi
  command -v go >/dev/null || { log "go not found; needed to install grpcurl"; return 1; }
  log "installing grpcurl $GRPCURL_VERSION"
  # -ldflags sets the version string that `grpcurl -version` prints (it is "dev build" otherwise),
  # which the check above relies on to skip a reinstall.
  quiet env GOBIN="$BIN_DIR" GOMODCACHE="$TOOLS_DIR/go/mod" GOCACHE="$TOOLS_DIR/go/cache" \
    GOFLAGS="${GOFLAGS:-} -modcacherw" \
    go install -ldflags "-X main.version=$GRPCURL_VERSION" \
    "github.com/fullstorydev/grpcurl/cmd/grpcurl@$GRPCURL_VERSION"
}

install_buf
install_grpcurl

echo "$BIN_DIR"
