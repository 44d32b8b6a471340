#!/usr/bin/env bash
# The MongoDB stand-in's own write ceiling (bench/store-ceiling.py): insert_many of small
# message-shaped documents plus one $max update per batch, from several concurrent clients, then
# the same one document at a time. One JSON line per batch size on stdout.
#
#   bench/store-ceiling.sh                          # against $EASYCHAT_TEST_MONGO_URL, else 127.0.0.1:27017
#   bench/store-ceiling.sh --clients 8 --batch 64,1 --duration-secs 10 --label ferretdb-postgresql
#   bench/store-ceiling.sh --help
#
# pymongo (pinned below) is installed on first use into a venv under
# ${EASYCHAT_CACHE:-~/.cache/easychat}/tools, like the repository's other tools.
set -euo pipefail
cd "$(dirname "$0")/.."

PYMONGO_VERSION="4.10.1"

CACHE_DIR="${EASYCHAT_CACHE:-$HOME/.cache/easychat}"
VENV="$CACHE_DIR/tools/store-ceiling-venv"
want="pymongo==$PYMONGO_VERSION"
stamp="$VENV/.versions"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    echo "store-ceiling: creating the Python environment ($want, once)" >&2
    rm -rf "$VENV"
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "$want" >&2
    echo "$want" >"$stamp"
fi
exec "$VENV/bin/python" bench/store-ceiling.py "$@"
