#!/usr/bin/env bash
# Builds the browser app (web/dist) when it is missing, so `make run` serves it at / on the
# first try. Never fails the caller: without npm, or when the build fails, it says how to build
# the app by hand and exits 0 (the server then answers / with the same instructions).
#   scripts/ensure-web.sh          build only if web/dist/index.html is missing
#   scripts/ensure-web.sh --force  build anyway (after changing web/ or the TypeScript SDK)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
commands="cd web && npm run build:sdk && npm ci && npm run build"

# One build of web/ and of the TypeScript SDK at a time: `make test` runs the SDKs' tests (which
# reinstall and rebuild both) beside the docs check (which calls this), and an `npm ci` under a
# running `tsc` leaves it reading half-written files. Waiting here also means a build that was
# under way is finished when web/dist is looked at below.
if command -v flock >/dev/null 2>&1; then # util-linux; elsewhere builds are not serialised
  exec 9>"$root/web/.build.lock"
  flock 9
fi

if [[ -f "$root/web/dist/index.html" && "${1:-}" != "--force" ]]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "ensure-web: npm is not installed, so the browser app is not built; the server still runs." >&2
  echo "ensure-web: install Node.js 20+ with npm, then from the repository root: $commands" >&2
  exit 0
fi
echo "ensure-web: building the browser app into web/dist (once; about a minute): $commands" >&2
# npm's cache lives beside the other tools, outside the clone (as in sdk-gen/langs/*-test.sh).
export npm_config_cache="${npm_config_cache:-${EASYCHAT_CACHE:-$HOME/.cache/easychat}/sdk-tools/npm-cache}"
log="$(mktemp)"
if (cd "$root/web" && npm run build:sdk && npm ci --no-audit --no-fund && npm run build) >"$log" 2>&1; then
  echo "ensure-web: built web/dist" >&2
  rm -f "$log"
else
  tail -30 "$log" >&2
  echo "ensure-web: building the browser app failed (output above, whole log: $log); the server still runs." >&2
  echo "ensure-web: fix it, then from the repository root: $commands" >&2
fi
exit 0
