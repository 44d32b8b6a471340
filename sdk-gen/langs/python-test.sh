#!/usr/bin/env bash
# Builds the Python SDK and runs its tests against the live server at $EASYCHAT_ADDR
# (sdk-gen/test-all starts one). Installs what it needs into a cached venv, pinned.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
package="$root/sdk-gen/packages/python"

# Pinned test environment; the marker names the pins, so changing one rebuilds the venv.
PINS=(grpcio==1.85.3 protobuf==7.36.2 googleapis-common-protos==1.76.0 pytest==9.2.0 hatchling==1.33.0)
venv="${EASYCHAT_CACHE:-$HOME/.cache/easychat}/sdk-tools/python-test"
marker="$venv/.installed-$(printf '%s\n' "${PINS[@]}" | sha256sum | cut -c1-16)"
if [[ ! -f "$marker" ]]; then
  echo "python-test.sh: creating the test venv in $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${PINS[@]}"
  touch "$marker"
fi

# Build and install the package as a user would get it (a wheel, not the source tree). The build
# backend is already in the venv, so no isolated build env is fetched on every run.
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
  --force-reinstall "$package"

cd "$package"
# The tests import the installed wheel: pytest puts tests/ on sys.path, never src/.
# Exit status 5 means no test ran; it fails this script like any other non-zero status.
status=0
"$venv/bin/python" -m pytest -p no:cacheprovider -v tests || status=$?
if [[ $status -eq 5 ]]; then
  echo "python-test.sh: pytest collected no tests" >&2
fi
exit "$status"
