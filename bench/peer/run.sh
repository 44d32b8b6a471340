#!/usr/bin/env bash
# Starts the peer (Centrifugo, built by bench/peer/build.sh) in the foreground on loopback with
# bench/peer/centrifugo.json: memory engine, anonymous connections without a token, any client
# (anonymous included, allow_*_for_client + allow_*_for_anonymous) may
# subscribe and publish on any channel without a namespace, 100 publications of history per
# channel kept 300 s and recovery on subscribe (the counterpart of EasyChat's sync). Nothing
# else: no admin UI, no metrics, no usage stats.
#
#   bench/peer/run.sh [PORT]        # default 8000; clients connect to ws://127.0.0.1:PORT/connection/websocket
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${1:-8000}"
binary="$("$here/build.sh" 2>/dev/null | tail -1)"
exec "$binary" --config "$here/centrifugo.json" --http_server.port "$port"
