#!/usr/bin/env bash
# Generates the OpenAPI 3 description of EasyChat's HTTP/JSON API from proto/ (called by
# sdk-gen/generate, like the SDK generators).
#   openapi.sh --generated-path   print where the generated file lives in sdk-gen/packages/openapi
#                                 (".": the package is nothing but the generated openapi.yaml)
#   openapi.sh OUTDIR             write exactly the generated file, OUTDIR/openapi.yaml
#
# The paths come from the protos' google.api.http mappings, so only the unary RPCs appear (the
# Chat and Subscribe streams have no HTTP mapping). The server embeds this file at build time and
# serves it as /openapi.json, so it must describe the JSON the server speaks: the proto3 JSON
# mapping, i.e. lowerCamelCase field names (naming=json) and enums by name (enum_type=string).
# default_response=true gives every operation a `default` response with google.rpc.Status, the
# error body of the transcoded calls. One merged file covers the three services; its title is
# "EasyChat API" and its version comes from sdk-gen/VERSION, which is why the buf template is
# written here rather than kept in a file.
#
# The generator is gnostic's protoc-gen-openapi (Go module github.com/google/gnostic), pinned
# below and installed with `go install` into ${EASYCHAT_CACHE:-~/.cache/easychat}/sdk-tools; buf
# (scripts/tools.sh) drives it. google/api/annotations.proto comes from the third_party/googleapis
# module of buf.yaml, which scripts/ensure-googleapis.sh fills.
set -euo pipefail

if [[ "${1:-}" == "--generated-path" ]]; then
  echo "."
  exit 0
fi
out="${1:?usage: openapi.sh OUTDIR | --generated-path}"
mkdir -p "$out" && out="$(cd "$out" && pwd)"  # absolute: the script changes directory

PROTOC_GEN_OPENAPI_VERSION="v0.7.1"  # Go module github.com/google/gnostic

root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="${EASYCHAT_CACHE:-$HOME/.cache/easychat}/sdk-tools"

# go install into a directory named after the version, so an existing binary is the right one.
# Module and build caches are shared with go.sh (-modcacherw keeps them removable).
bin="$tools/protoc-gen-openapi/$PROTOC_GEN_OPENAPI_VERSION"
if [[ ! -x "$bin/protoc-gen-openapi" ]]; then
  echo "openapi.sh: installing protoc-gen-openapi $PROTOC_GEN_OPENAPI_VERSION" >&2
  GOBIN="$bin" GOMODCACHE="$tools/go/mod" GOCACHE="$tools/go/cache" GOFLAGS="-modcacherw" \
    GOTOOLCHAIN=local go install \
    "github.com/google/gnostic/cmd/protoc-gen-openapi@$PROTOC_GEN_OPENAPI_VERSION" >&2
fi
buf_bin="$(bash "$root/scripts/tools.sh" | tail -1)"
bash "$root/scripts/ensure-googleapis.sh"

version="$(tr -d '[:space:]' <"$root/sdk-gen/VERSION")"
# strategy: all runs the plugin once over every file, so that it writes one merged openapi.yaml
# (buf's default runs it per directory, which would give one file per service, all of the same
# name). Plugin options are split at commas: none of the values may contain one. Managed mode
# only gives the files a go_package: the plugin is built on Go's protogen, which refuses a file
# without one, although the value never reaches the output.
template="$(cat <<EOF
version: v2
managed:
  enabled: true
  override:
    - file_option: go_package_prefix
      value: easychat.dev/sdk/go/gen
plugins:
  - local: $bin/protoc-gen-openapi
    out: $out
    strategy: all
    opt:
      - title=EasyChat API
      - version=$version
      - "description=The unary RPCs of EasyChat's gRPC services as HTTP/JSON (their google.api.http mappings). Calls other than Register and Login need an Authorization: Bearer <token> header."
      - naming=json
      - enum_type=string
      - default_response=true
      - output_mode=merged
EOF
)"

cd "$root"
"$buf_bin/buf" generate --template "$template" --path proto/easychat
