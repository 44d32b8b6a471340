#!/usr/bin/env bash
# Tests the TypeScript SDK against a live server (EASYCHAT_URL, as set by sdk-gen/test-all):
# installs its pinned dependencies (npm ci; npm's cache lives under the sdk-tools cache), builds it
# with tsc and runs its node:test suite over grpc-web. Then builds the browser app (web/) with the
# SDK and runs its end-to-end test in headless Chromium (web/e2e/run.sh).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
: "${EASYCHAT_URL:?EASYCHAT_URL must point to a live EasyChat server (see sdk-gen/test-all)}"
export npm_config_cache="${EASYCHAT_CACHE:-$HOME/.cache/easychat}/sdk-tools/npm-cache"
npm_ci=(npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
# The lock scripts/ensure-web.sh takes: nothing else installs or builds web/ or this SDK meanwhile.
if command -v flock >/dev/null 2>&1; then # util-linux; elsewhere builds are not serialised
  exec 9>"$root/web/.build.lock"
  flock 9
fi

echo "-- @easychat/sdk: install, build, test"
cd "$root/sdk-gen/packages/typescript"
"${npm_ci[@]}"
npm run --silent build
npm test --silent

echo "-- web app: install, build, end-to-end test"
cd "$root/web"
"${npm_ci[@]}"
npm run --silent build
bash e2e/run.sh
