#!/usr/bin/env bash
# Builds the Kotlin/Java SDK and runs its JUnit tests against the live server at EASYCHAT_ADDR
# (sdk-gen/test-all starts one and exports it). Prints Surefire's "Tests run: ..." summary.
#
# Maven's local repository lives in ${EASYCHAT_CACHE:-~/.cache/easychat}/sdk-tools/kotlin/m2, so
# CI runs on the same machine reuse the downloads. The SDK version comes from sdk-gen/VERSION.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
: "${EASYCHAT_ADDR:?EASYCHAT_ADDR must point at a running server (host:port)}"
# Maven and a JDK come with the machine image; install them from Debian if a machine lacks them.
if ! command -v mvn >/dev/null; then
  echo "kotlin-test.sh: installing maven" >&2
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q maven; } >/dev/null
fi

m2="${EASYCHAT_CACHE:-$HOME/.cache/easychat}/sdk-tools/kotlin/m2"
mkdir -p "$m2"
version="$(tr -d '[:space:]' <"$root/sdk-gen/VERSION")"

cd "$root/sdk-gen/packages/kotlin"
# -q keeps the build quiet, but Surefire's logger is let through at INFO so its per-class and
# final "Tests run: ..." lines show. The Kotlin daemon would outlive the build, so compile
# in-process. Debian's Maven prints stray color resets even in batch mode: sed drops them.
mvn -B -q -ntp -Dstyle.color=never \
  -Dorg.slf4j.simpleLogger.log.org.apache.maven.plugin.surefire=info \
  -Dmaven.repo.local="$m2" -Drevision="$version" \
  -Dkotlin.compiler.daemon=false \
  test 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'
