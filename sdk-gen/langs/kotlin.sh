#!/usr/bin/env bash
# Generates the Kotlin/Java SDK's code from proto/ (called by sdk-gen/generate).
#   kotlin.sh --generated-path   print where the generated code lives, relative to the package
#   kotlin.sh OUTDIR             write exactly the generated code into OUTDIR:
#                                  OUTDIR/java    protobuf messages + grpc-java stubs
#                                  OUTDIR/kotlin  grpc-kotlin coroutine stubs
#                                No Kotlin DSL builders (protoc --kotlin_out): they would triple the
#                                Kotlin compile time, and the Java builders read fine from Kotlin.
#
# Generators come from Maven Central at the versions pinned in sdk-gen/packages/kotlin/pom.xml (the
# same properties pick the runtime, so generated code and runtime always match) and are cached in
# ${EASYCHAT_CACHE:-~/.cache/easychat}/sdk-tools/kotlin. buf (scripts/tools.sh) drives them: its
# managed mode gives the Java code proper packages (dev.easychat.<domain>.v1, one file per class)
# without touching the .proto files.
#
# The protos import google/api/annotations.proto (their HTTP mappings): buf finds it through the
# third_party/googleapis module of buf.yaml, which scripts/ensure-googleapis.sh fills. Its Java
# classes (com.google.api.AnnotationsProto) are not generated here: they come with
# com.google.api.grpc:proto-google-common-protos, which grpc-protobuf depends on.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
package_dir="$root/sdk-gen/packages/kotlin"

if [[ "${1:-}" == "--generated-path" ]]; then
  echo "src/generated"
  exit 0
fi
out="${1:?usage: kotlin.sh OUTDIR | --generated-path}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

log() { echo "kotlin.sh: $*" >&2; }

# Maven fetches the generators and a JDK runs grpc-kotlin's; both come with the machine image,
# else from Debian.
if ! command -v mvn >/dev/null; then
  log "installing maven"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q maven; } >/dev/null
fi

# Reads a <name>version</name> property from the package's pom.xml.
pom_property() {
  local value
  value="$(sed -n "s|.*<$1>\(.*\)</$1>.*|\1|p" "$package_dir/pom.xml" | head -1)"
  [[ -n "$value" ]] || { log "property $1 missing from pom.xml"; exit 1; }
  echo "$value"
}
protobuf_version="$(pom_property protobuf.version)"
grpc_version="$(pom_property grpc.version)"
grpc_kotlin_version="$(pom_property grpc-kotlin.version)"

cache="${EASYCHAT_CACHE:-$HOME/.cache/easychat}/sdk-tools/kotlin"
m2="$cache/m2"
bin="$cache/bin"
mkdir -p "$bin"

case "$(uname -m)" in
  x86_64 | amd64) classifier="linux-x86_64" ;;
  aarch64 | arm64) classifier="linux-aarch_64" ;;
  *) log "unsupported machine $(uname -m)"; exit 1 ;;
esac

# Fetches one Maven artifact (group:artifact:version[:type[:classifier]]) into the cache's local
# repository, quietly unless it fails, and prints its path there.
fetch() {
  local coords="$1" group artifact version type classifier path output
  IFS=: read -r group artifact version type classifier <<<"$coords"
  type="${type:-jar}"
  path="$m2/${group//.//}/$artifact/$version/$artifact-$version${classifier:+-$classifier}.$type"
  if [[ ! -f "$path" ]]; then
    log "fetching $coords"
    if ! output="$(mvn -B -q -Dmaven.repo.local="$m2" \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
      -Dtransitive=false -Dartifact="$coords" 2>&1)"; then
      printf '%s\n' "$output" >&2
      log "could not fetch $coords"
      exit 1
    fi
  fi
  echo "$path"
}

# Installs an executable under a versioned name, so a bumped pin never reuses a stale binary.
install_exe() {
  local source="$1" target="$2"
  if [[ ! -x "$target" ]]; then
    cp "$source" "$target.tmp"
    chmod +x "$target.tmp"
    mv "$target.tmp" "$target"
  fi
}

protoc="$bin/protoc-$protobuf_version"
install_exe "$(fetch "com.google.protobuf:protoc:$protobuf_version:exe:$classifier")" "$protoc"

grpc_java="$bin/protoc-gen-grpc-java-$grpc_version"
install_exe "$(fetch "io.grpc:protoc-gen-grpc-java:$grpc_version:exe:$classifier")" "$grpc_java"

# grpc-kotlin's generator is a plain jar: wrap it in a launcher that protoc can execute.
grpc_kotlin_jar="$(fetch "io.grpc:protoc-gen-grpc-kotlin:$grpc_kotlin_version:jar:jdk8")"
grpc_kotlin="$bin/protoc-gen-grpc-kotlin-$grpc_kotlin_version"
if [[ ! -x "$grpc_kotlin" ]]; then
  printf '#!/bin/sh\nexec java -jar "%s" "$@"\n' "$grpc_kotlin_jar" >"$grpc_kotlin.tmp"
  chmod +x "$grpc_kotlin.tmp"
  mv "$grpc_kotlin.tmp" "$grpc_kotlin"
fi

buf_bin="$("$root/scripts/tools.sh" | tail -1)"

# Managed mode: java_package_prefix "dev" turns easychat.user.v1 into dev.easychat.user.v1, and
# java_multiple_files (on by default in managed mode) gives one file per message. `disable` keeps
# it off google/api, whose own java_package (com.google.api) is where the generated code must find
# the classes of proto-google-common-protos.
template="$(cat <<EOF
version: v2
managed:
  enabled: true
  disable:
    - path: google/api
  override:
    - file_option: java_package_prefix
      value: dev
plugins:
  - protoc_builtin: java
    protoc_path: $protoc
    out: $out/java
  - local: $grpc_java
    out: $out/java
  - local: $grpc_kotlin
    out: $out/kotlin
EOF
)"

bash "$root/scripts/ensure-googleapis.sh"

cd "$root"
"$buf_bin/buf" generate --template "$template" --path proto/easychat
