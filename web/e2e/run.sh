#!/usr/bin/env bash
# End-to-end browser test of the web app against a live EasyChat server.
#   EASYCHAT_URL=http://127.0.0.1:50051 web/e2e/run.sh
# Installs what it needs (Debian's chromium, the pinned playwright-core from web/package-lock.json),
# builds dist/ if missing, serves it on a free port and drives two headless Chromium pages through
# sign-up, friending, chat, reload, groups and reconnect. Screenshots: web/e2e/output/.
# Prints "N passed, M failed"; exits non-zero on failure.
set -euo pipefail

web="$(cd "$(dirname "$0")/.." && pwd)"
: "${EASYCHAT_URL:?EASYCHAT_URL must point to a live EasyChat gRPC port, e.g. http://127.0.0.1:50051}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export npm_config_cache="${npm_config_cache:-${EASYCHAT_CACHE:-$HOME/.cache/easychat}/sdk-tools/npm-cache}"

if [[ ! -x "$CHROMIUM" ]]; then
  echo "e2e: installing chromium (Debian package)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

cd "$web"
# playwright-core is a pinned devDependency; it drives the system Chromium (it downloads nothing).
if [[ ! -f node_modules/playwright-core/package.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# The app bundles the SDK's build (and the test uses it directly): build what is missing.
if [[ ! -f ../sdk-gen/packages/typescript/dist/index.js ]]; then
  npm run build:sdk
fi
if [[ ! -f dist/index.html ]]; then
  npm run build
fi

node e2e/chat.e2e.mjs
