#!/usr/bin/env bash
# Checks deploy/ as far as a machine without a Docker engine can:
#   1. the compose file, loaded by compose-go the way `docker compose config` loads it
#      (deploy/check/compose-config: Compose Specification schema, interpolation with the
#      placeholders of deploy/compose/.env.example, merge keys, path resolution, consistency such
#      as depends_on naming real services);
#   2. promtool check config / check rules on the Prometheus files;
#   3. deploy/check/deploy_check.py: the APISIX files against JSON schemas
#      (deploy/apisix/schema/), the Dockerfile's paths and stages, and what the files must agree
#      on (ports, service names, the gRPC services of proto/, metric names).
# What is NOT checked here: building the image, starting the containers, traffic through APISIX.
#
# Tools are installed on first use into $EASYCHAT_CACHE/tools (default ~/.cache/easychat), from
# the Go module proxy and PyPI, at pinned versions; later runs take a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

PROMETHEUS_VERSION="v0.316.0" # Go module github.com/prometheus/prometheus (promtool 3.x)
PYYAML_VERSION="6.0.3"
JSONSCHEMA_VERSION="4.26.0"

CACHE_DIR="${EASYCHAT_CACHE:-$HOME/.cache/easychat}"
TOOLS_DIR="$CACHE_DIR/tools"
BIN_DIR="$TOOLS_DIR/bin"
VENV="$TOOLS_DIR/deploy-check-venv"
mkdir -p "$BIN_DIR"

log() { echo "deploy/check.sh: $*" >&2; }

# Go tools share grpcurl's module and build caches (scripts/tools.sh). Each binary is installed
# under a versioned name, so a version bump installs the new one and nothing else is compared.
go_install() {
  local package="$1" version="$2" name="$3"
  local target="$BIN_DIR/$name-$version"
  [[ -x "$target" ]] && { echo "$target"; return 0; }
  command -v go >/dev/null || { log "go not found; needed to install $name"; return 1; }
  log "installing $name $version (go install, once)"
  local gobin
  gobin="$(mktemp -d)"
  local out
  if ! out="$(env GOBIN="$gobin" GOMODCACHE="$TOOLS_DIR/go/mod" GOCACHE="$TOOLS_DIR/go/cache" \
    GOFLAGS="${GOFLAGS:-} -modcacherw" go install "$package@$version" 2>&1)"; then
    log "go install $package@$version failed:"
    printf '%s\n' "$out" >&2
    rm -rf "$gobin"
    return 1
  fi
  mv "$gobin/$(basename "$package")" "$target"
  rm -rf "$gobin"
  echo "$target"
}

python_env() {
  local stamp="$VENV/.versions"
  local want="pyyaml==$PYYAML_VERSION jsonschema==$JSONSCHEMA_VERSION"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    log "creating the Python environment ($want, once)"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    # shellcheck disable=SC2086 # $want is the list of requirements
    "$VENV/bin/pip" install --quiet --disable-pip-version-check $want
    echo "$want" >"$stamp"
  fi
  echo "$VENV/bin/python"
}

# deploy/check/compose-config (compose-go, pinned by its go.mod/go.sum), rebuilt when it changes.
compose_config() {
  local source=deploy/check/compose-config
  local hash
  hash="$(cat "$source/main.go" "$source/go.mod" "$source/go.sum" | sha256sum | cut -c1-12)"
  local target="$BIN_DIR/compose-config-$hash"
  if [[ ! -x "$target" ]]; then
    log "building compose-config (compose-go, once)"
    (cd "$source" && env GOMODCACHE="$TOOLS_DIR/go/mod" GOCACHE="$TOOLS_DIR/go/cache" \
      GOFLAGS="${GOFLAGS:-} -modcacherw" go build -o "$target" .) >&2
  fi
  echo "$target"
}

compose_check="$(compose_config)"
promtool="$(go_install github.com/prometheus/prometheus/cmd/promtool "$PROMETHEUS_VERSION" promtool)"
python="$(python_env)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== compose: deploy/compose/docker-compose.yml (compose-go)"
# The placeholders of .env.example stand in for the operator's .env, in an otherwise empty
# environment: neither a real .env (compose-config reads none) nor this shell's variables may
# fill in what is checked.
mapfile -t placeholders < <(grep -E '^[A-Z_]+=' deploy/compose/.env.example)
env -i PATH="$PATH" HOME="$HOME" "${placeholders[@]}" \
  "$compose_check" deploy/compose/docker-compose.yml >"$work/compose.json"
echo "ok: $(grep -c '"image"' "$work/compose.json") images, schema and consistency valid"

echo "== prometheus: promtool check config / check rules"
"$promtool" check config deploy/prometheus/prometheus.yml
"$promtool" check rules deploy/prometheus/easychat-rules.yml

echo "== apisix, Dockerfile, cross-file consistency"
"$python" deploy/check/deploy_check.py --compose-json "$work/compose.json"

echo "deploy/check.sh: all checks passed"
