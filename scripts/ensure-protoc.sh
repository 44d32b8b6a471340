#!/usr/bin/env bash
# Makes sure `protoc` is on PATH: the etcd client crate compiles etcd's protos with it at build
# time (EasyChat's own protos do not need it). Installs Debian's protobuf-compiler when missing.
set -euo pipefail
command -v protoc >/dev/null && exit 0
echo "ensure-protoc: installing protobuf-compiler (Debian package)" >&2
sudo=""
[[ "$(id -u)" == 0 ]] || sudo="sudo"
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq protobuf-compiler >&2
command -v protoc >/dev/null
