# shellcheck shell=bash
# Shared code of deploy/local/{up,down,service}. Sourced, never run.
#
# Design, in short:
#   * Every service runs as a plain foreground process started by us (no systemd here, no Docker),
#     bound to 127.0.0.1 only, in its own session (setsid) so it outlives the `up` that started it.
#   * Each started process is recorded in <state>/run/<name>.pid as "PID STARTTIME"; the start time
#     (from /proc/PID/stat) makes a recycled PID impossible to mistake for ours. `down` stops
#     only processes named by these files: never anything found by name.
#   * Installs and downloads are cached outside the clone (<cache>/…); data, logs and pid files
#     live in the state dir (<state>/…), also outside the clone.

# ---------------------------------------------------------------------------------------------
# Settings (all overridable from the environment)
# ---------------------------------------------------------------------------------------------

# Everything below listens on this address only: these are test services with no passwords
# worth the name, so they must never be reachable from another host.
readonly HOST=127.0.0.1


# Kafka 4.1.x: KRaft only, runs on Java 17, and its jars (kafka_2.13 + kafka-tools) resolve from
# Maven Central. log4j-slf4j-impl must match the log4j-core version that Kafka itself pulls in.
KAFKA_VERSION=${EASYCHAT_KAFKA_VERSION:-4.1.1}
KAFKA_LOG4J_VERSION=${EASYCHAT_KAFKA_LOG4J_VERSION:-2.24.3}
KAFKA_HEAP_OPTS=${EASYCHAT_KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}
FERRETDB_VERSION=${EASYCHAT_FERRETDB_VERSION:-v1.24.2}
# SeaweedFS, the S3-compatible object store, is built from this pseudo-version of its Go module
# (github.com/seaweedfs/seaweedfs; the weed binary reports itself as 4.53).
SEAWEEDFS_VERSION=${EASYCHAT_SEAWEEDFS_VERSION:-v0.0.0-20261109003541-7506e5f91cd6}
# FerretDB's storage: PostgreSQL (the `postgres` service, started first) or SQLite files. SQLite
# takes one writer at a time and scans a collection for any query not by _id, which hides what
# the message store's own design costs; it stays selectable for comparisons.
FERRETDB_HANDLER=${EASYCHAT_FERRETDB_HANDLER:-postgresql}
case "$FERRETDB_HANDLER" in
  postgresql | sqlite) ;;
  *) echo "[easychat-services] ERROR: EASYCHAT_FERRETDB_HANDLER must be postgresql or sqlite, not '$FERRETDB_HANDLER'" >&2; exit 1 ;;
esac

# The S3 service's only identity (all actions allowed). Requests must be SigV4-signed with it.
readonly S3_ACCESS_KEY=easychat
readonly S3_SECRET_KEY=easychat-secret-key
# The bucket the readiness check writes its one object to (`ping`): not for anything else.
readonly S3_READINESS_BUCKET=easychat-readiness

# Seconds to wait for one service to answer after (re)start, and for one to exit after TERM.
START_TIMEOUT=${EASYCHAT_SERVICES_START_TIMEOUT:-120}
STOP_TIMEOUT=${EASYCHAT_SERVICES_STOP_TIMEOUT:-30}

CACHE_DIR=${EASYCHAT_CACHE:-$HOME/.cache/easychat}/services
STATE_DIR=${EASYCHAT_STATE:-$HOME/.local/state/easychat}
RUN_DIR=$STATE_DIR/run
LOG_DIR=$STATE_DIR/logs
ENV_FILE=$STATE_DIR/env
PORTS_FILE=$STATE_DIR/ports

# Ports: the EASYCHAT_*_PORT variable if set, else what the last `up` with this state dir used
# (so `service kafka start` after `EASYCHAT_KAFKA_PORT=19092 up` comes back on 19092, and
# `down`/`status` check the right port), else the default.
SAVED_MYSQL_PORT='' SAVED_REDIS_PORT='' SAVED_ETCD_PORT='' SAVED_ETCD_PEER_PORT=''
SAVED_KAFKA_PORT='' SAVED_KAFKA_CONTROLLER_PORT='' SAVED_MONGO_PORT='' SAVED_POSTGRES_PORT=''
SAVED_S3_PORT='' SAVED_SEAWEEDFS_PORT=''
# shellcheck disable=SC1090
[[ -f $PORTS_FILE ]] && source "$PORTS_FILE"
MYSQL_PORT=${EASYCHAT_MYSQL_PORT:-${SAVED_MYSQL_PORT:-3306}}
REDIS_PORT=${EASYCHAT_REDIS_PORT:-${SAVED_REDIS_PORT:-6379}}
ETCD_PORT=${EASYCHAT_ETCD_PORT:-${SAVED_ETCD_PORT:-2379}}
ETCD_PEER_PORT=${EASYCHAT_ETCD_PEER_PORT:-${SAVED_ETCD_PEER_PORT:-2380}}
KAFKA_PORT=${EASYCHAT_KAFKA_PORT:-${SAVED_KAFKA_PORT:-9092}}
KAFKA_CONTROLLER_PORT=${EASYCHAT_KAFKA_CONTROLLER_PORT:-${SAVED_KAFKA_CONTROLLER_PORT:-9093}}
MONGO_PORT=${EASYCHAT_MONGO_PORT:-${SAVED_MONGO_PORT:-27017}}
POSTGRES_PORT=${EASYCHAT_POSTGRES_PORT:-${SAVED_POSTGRES_PORT:-5432}}
# SeaweedFS (the s3 service) binds eight ports: the S3 API, and the HTTP ports of its master,
# volume server and filer at SEAWEEDFS_PORT, +1 and +2; each of the four also has a gRPC port
# at +10000 (SeaweedFS's own convention, set explicitly here). Its defaults (master 9333, volume
# 8080, filer 8888) are moved next to the S3 port, away from ports other tools like to take.
S3_PORT=${EASYCHAT_S3_PORT:-${SAVED_S3_PORT:-8333}}
SEAWEEDFS_PORT=${EASYCHAT_SEAWEEDFS_PORT:-${SAVED_SEAWEEDFS_PORT:-8334}}
for _port in "$MYSQL_PORT" "$REDIS_PORT" "$ETCD_PORT" "$ETCD_PEER_PORT" "$KAFKA_PORT" \
  "$KAFKA_CONTROLLER_PORT" "$MONGO_PORT" "$POSTGRES_PORT" "$S3_PORT" "$SEAWEEDFS_PORT"; do
  if ! [[ $_port =~ ^[0-9]+$ ]] || ((_port < 1 || _port > 65535)); then
    echo "[easychat-services] ERROR: invalid port '$_port' in an EASYCHAT_*_PORT variable" >&2
    exit 1
  fi
done
unset _port
if ((S3_PORT + 10000 > 65535 || SEAWEEDFS_PORT + 2 + 10000 > 65535)); then
  echo "[easychat-services] ERROR: EASYCHAT_S3_PORT and EASYCHAT_SEAWEEDFS_PORT must leave room for their gRPC ports at +10000 (at most 55535 and 55533)" >&2
  exit 1
fi
SEAWEEDFS_MASTER_PORT=$SEAWEEDFS_PORT
SEAWEEDFS_VOLUME_PORT=$((SEAWEEDFS_PORT + 1))
SEAWEEDFS_FILER_PORT=$((SEAWEEDFS_PORT + 2))

LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Start order: Kafka first because its JVM is the slowest to come up, so the others start while
# it boots. Readiness is then awaited in the same order, so PostgreSQL answers before FerretDB,
# which stores into it, is checked (and `down` stops FerretDB first). s3 (SeaweedFS) depends on
# nothing.
readonly ALL_SERVICES=(kafka mariadb redis etcd postgres ferretdb s3)

# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

# Progress goes to stderr so that `up --print-env` can keep stdout for `eval`.
say() { printf '[easychat-services] %s\n' "$*" >&2; }
die() { printf '[easychat-services] ERROR: %s\n' "$*" >&2; exit 1; }

# --help text of a script: its header comment, without the shebang and the '# '.
usage_from_header() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1"; }

log_file() { echo "$LOG_DIR/$1.log"; }
pid_file() { echo "$RUN_DIR/$1.pid"; }

# Accept the names people naturally type for a service.
canonical_service() {
  case "$1" in
    mariadb | mysql) echo mariadb ;;
    redis) echo redis ;;
    etcd) echo etcd ;;
    kafka) echo kafka ;;
    postgres | postgresql) echo postgres ;;
    ferretdb | mongo | mongodb) echo ferretdb ;;
    s3 | seaweedfs) echo s3 ;;
    *) die "unknown service '$1' (known: ${ALL_SERVICES[*]}; aliases: mysql, postgresql, mongo, seaweedfs)" ;;
  esac
}

# Turn "--only a,b --only c" values into canonical names, in the fixed start order, in the
# global array SELECTED. (Not echoed: a `die` inside $(...) would only end the subshell.)
SELECTED=()
select_services() {
  local wanted=() name s parts
  SELECTED=()
  if (($# == 0)); then
    SELECTED=("${ALL_SERVICES[@]}")
    return 0
  fi
  for name in "$@"; do
    IFS=, read -ra parts <<<"$name"
    for s in "${parts[@]}"; do
      [[ -n $s ]] || continue
      canonical_service "$s" >/dev/null # dies here, in this shell, on an unknown name
      wanted+=("$(canonical_service "$s")")
    done
  done
  for s in "${ALL_SERVICES[@]}"; do
    if [[ " ${wanted[*]} " == *" $s "* ]]; then SELECTED+=("$s"); fi
  done
  ((${#SELECTED[@]})) || die "no service selected"
}

# Add to SELECTED what its services need in order to start: FerretDB on PostgreSQL needs the
# postgres service (so `up --only ferretdb` and `service ferretdb start` bring it up too).
# Only for starting: stopping FerretDB leaves PostgreSQL alone, and stopping PostgreSQL alone is
# a failure test like stopping Kafka.
add_dependencies() {
  local s wanted=" ${SELECTED[*]} "
  if [[ $wanted == *" ferretdb "* && $FERRETDB_HANDLER == postgresql ]]; then
    wanted+="postgres "
  fi
  SELECTED=()
  for s in "${ALL_SERVICES[@]}"; do
    if [[ $wanted == *" $s "* ]]; then SELECTED+=("$s"); fi
  done
}

service_port() {
  case "$1" in
    mariadb) echo "$MYSQL_PORT" ;;
    redis) echo "$REDIS_PORT" ;;
    etcd) echo "$ETCD_PORT" ;;
    kafka) echo "$KAFKA_PORT" ;;
    postgres) echo "$POSTGRES_PORT" ;;
    ferretdb) echo "$MONGO_PORT" ;;
    s3) echo "$S3_PORT" ;;
  esac
}

# Every port a service binds, so a clash is reported before starting rather than as a crash.
service_ports() {
  case "$1" in
    etcd) echo "$ETCD_PORT $ETCD_PEER_PORT" ;;
    kafka) echo "$KAFKA_PORT $KAFKA_CONTROLLER_PORT" ;;
    s3)
      echo "$S3_PORT $SEAWEEDFS_MASTER_PORT $SEAWEEDFS_VOLUME_PORT $SEAWEEDFS_FILER_PORT" \
        "$((S3_PORT + 10000)) $((SEAWEEDFS_MASTER_PORT + 10000))" \
        "$((SEAWEEDFS_VOLUME_PORT + 10000)) $((SEAWEEDFS_FILER_PORT + 10000))"
      ;;
    *) service_port "$1" ;;
  esac
}

service_url() {
  case "$1" in
    mariadb) echo "mysql://easychat:easychat@$HOST:$MYSQL_PORT/easychat" ;;
    redis) echo "redis://$HOST:$REDIS_PORT" ;;
    etcd) echo "http://$HOST:$ETCD_PORT" ;;
    kafka) echo "$HOST:$KAFKA_PORT" ;;
    postgres) postgres_url ;;
    ferretdb) echo "mongodb://$HOST:$MONGO_PORT" ;;
    s3) echo "http://$HOST:$S3_PORT" ;;
  esac
}

# Is something accepting TCP connections on HOST:PORT? bash's /dev/tcp needs no extra tool.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# Field 22 of /proc/PID/stat: the process start time in clock ticks since boot. The command
# name (field 2) may contain spaces, so cut everything up to the last ") " first.
proc_starttime() {
  local pid=$1 stat
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  # shellcheck disable=SC2086  # word splitting into fields is the point
  set -- $stat
  # State Z: either a zombie (exited, not yet reaped: dead for us), or a multi-threaded process
  # whose main thread has ended while others still run, as a JVM's does during shutdown
  # (alive). /proc/PID/status tells them apart by the thread count.
  if [[ $1 == Z ]] && (($(awk '/^Threads:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0) <= 1)); then
    return 1
  fi
  echo "${20}"
}

# Print the PID recorded for a service if that very process is still alive; fail otherwise.
running_pid() {
  local file pid start now
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  read -r pid start _ <"$file" || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  now=$(proc_starttime "$pid") || return 1
  [[ $now == "$start" ]] || return 1
  echo "$pid"
}

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if ((EUID == 0)); then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "need root to run: $* (no sudo found)"
  fi
}

# One `up`/`down` at a time per state dir, so two concurrent callers (e.g. parallel test jobs)
# never both start the same service.
take_lock() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  exec 9>"$RUN_DIR/.lock"
  if ! flock -w 600 9; then
    die "another deploy/local/up or down holds $RUN_DIR/.lock for 10 minutes; giving up"
  fi
}

# Start a long-running process in its own session and record "PID STARTTIME PORTS…" in its
# pid file.
#   launch NAME LOGFILE COMMAND ARGS...
# The tiny wrapper writes its own PID and then execs the service, so the PID is the service's
# PID whatever setsid does. 9>&- keeps the lock fd out of the service (or the lock would be held
# for as long as the service runs).
launch() {
  local name=$1 log=$2 file pid start i
  shift 2
  file=$(pid_file "$name")
  rm -f "$file" "$file.new"
  printf '\n===== %s starting %s =====\n' "$(date '+%F %T')" "$name" >>"$log"
  # shellcheck disable=SC2016  # $$ and "$@" belong to the inner bash
  setsid bash -c 'echo $$ >"$0.new"; exec "$@"' "$file" "$@" </dev/null >>"$log" 2>&1 9>&- &
  for ((i = 0; i < 100; i++)); do
    [[ -s $file.new ]] && break
    sleep 0.05
  done
  [[ -s $file.new ]] || die "$name did not start (no pid written); see $log"
  read -r pid <"$file.new"
  start=$(proc_starttime "$pid") || {
    rm -f "$file.new"
    die "$name exited right after start; last lines of $log:
$(tail -n 20 "$log")"
  }
  # The ports go in too, so that a later `up` with other port settings notices the clash.
  echo "$pid $start $(service_ports "$name")" >"$file"
  rm -f "$file.new"
}

# What to print of a service's log when it fails to start: `startup_summary_NAME` where a
# service has one (the tail of a log can be one error repeated), else the last 25 lines.
log_summary() {
  if declare -F "startup_summary_$1" >/dev/null; then
    printf 'From its log since the last start:\n%s' "$("startup_summary_$1")"
  else
    printf 'Last lines:\n%s' "$(tail -n 25 "$(log_file "$1")" 2>/dev/null)"
  fi
}

# Wait until `health_NAME` succeeds. Fails fast if the process dies, and names the log file.
wait_ready() {
  local name=$1 log deadline
  log=$(log_file "$name")
  deadline=$((SECONDS + START_TIMEOUT))
  while :; do
    if ! running_pid "$name" >/dev/null; then
      die "$name exited while starting; see $log. Last lines:
$(tail -n 25 "$log" 2>/dev/null)"
    fi
    if "health_$name"; then
      return 0
    fi
    if ((SECONDS >= deadline)); then
      die "$name did not answer on $HOST:$(service_port "$name") within ${START_TIMEOUT}s (EASYCHAT_SERVICES_START_TIMEOUT); see $log. $(log_summary "$name")"
    fi
    sleep 1
  done
}

# The signal that stops a service cleanly. TERM, except for PostgreSQL, where TERM is a "smart"
# shutdown that waits for every client to disconnect (FerretDB's pool never does) and INT is
# the "fast" one: roll back open transactions, close the sessions, checkpoint, exit.
stop_signal() { if [[ $1 == postgres ]]; then echo INT; else echo TERM; fi; }

# The stop signal, wait up to STOP_TIMEOUT, then KILL. Only the PID from our own pid file is
# signalled.
stop_service() {
  local name=$1 file pid i sig
  sig=$(stop_signal "$name")
  file=$(pid_file "$name")
  if ! pid=$(running_pid "$name"); then
    if [[ -f $file ]]; then
      say "$name: not running (removing stale $file)"
      rm -f "$file"
    else
      say "$name: not running"
    fi
    return 0
  fi
  say "$name: stopping pid $pid ($sig)"
  kill -"$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    running_pid "$name" >/dev/null || break
    sleep 0.1
  done
  if running_pid "$name" >/dev/null; then
    say "$name: still alive after ${STOP_TIMEOUT}s, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      running_pid "$name" >/dev/null || break
      sleep 0.1
    done
  fi
  running_pid "$name" >/dev/null && die "$name (pid $pid) survived KILL"
  rm -f "$file"
  say "$name: stopped"
}

# ---------------------------------------------------------------------------------------------
# Installation (only what is missing)
# ---------------------------------------------------------------------------------------------

# Debian packages each service needs, checked by the binary they provide.
mariadb_bin() { command -v mariadbd || echo /usr/sbin/mariadbd; }
apt_packages_for() {
  case "$1" in
    mariadb)
      [[ -x $(mariadb_bin) ]] && command -v mariadb-install-db >/dev/null && command -v mariadb >/dev/null ||
        echo "mariadb-server mariadb-client"
      ;;
    redis) command -v redis-server >/dev/null && command -v redis-cli >/dev/null || echo "redis-server redis-tools" ;;
    etcd) command -v etcd >/dev/null && command -v etcdctl >/dev/null || echo "etcd-server etcd-client" ;;
    kafka)
      java_ok || echo "openjdk-17-jre-headless"
      command -v mvn >/dev/null || echo "maven"
      ;;
    postgres) [[ -x $(postgres_bindir)/postgres && -x $(postgres_bindir)/psql ]] || echo "postgresql" ;;
    ferretdb | s3) command -v python3 >/dev/null || echo "python3" ;;
  esac
}

java_bin() { if [[ -n ${JAVA_HOME:-} ]]; then echo "$JAVA_HOME/bin/java"; else command -v java || echo java; fi; }

# Kafka 4.x needs Java 17 or newer.
java_ok() {
  local v
  v=$("$(java_bin)" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p') || return 1
  [[ -n $v && ${v%%.*} -ge 17 ]]
}

install_apt_packages() {
  local pkgs=("$@") created_policy=0
  ((${#pkgs[@]})) || return 0
  say "installing Debian packages: ${pkgs[*]}"
  # Debian's maintainer scripts would start mariadb/redis/etcd on their default ports with
  # system-wide data dirs. A policy-rc.d that answers 101 tells them not to; we run our own
  # instances instead. Only add one when the machine has none, and remove it afterwards.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\n# temporary, from EasyChat deploy/local/up\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod 755 /usr/sbin/policy-rc.d
    created_policy=1
  fi
  local rc=0
  {
    # Wait for the dpkg lock rather than failing if another apt run is in progress.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
        --no-install-recommends "${pkgs[@]}"
  } >>"$LOG_DIR/install-apt.log" 2>&1 || rc=$?
  ((created_policy)) && as_root rm -f /usr/sbin/policy-rc.d
  ((rc == 0)) || die "apt-get install ${pkgs[*]} failed (exit $rc); see $LOG_DIR/install-apt.log"
}

kafka_home() { echo "$CACHE_DIR/kafka/$KAFKA_VERSION"; }

# Fetch the broker's jars from Maven Central with a throw-away pom: kafka_2.13 is the broker
# (kafka.Kafka, kafka.tools.StorageTool), kafka-tools has TopicCommand for the readiness check,
# log4j-slf4j-impl routes Kafka's SLF4J logging to log4j2 (otherwise it would log nothing).
# The Maven repository is private to the cache so it is complete and removable as one dir.
install_kafka() {
  local home libs
  home=$(kafka_home)
  libs=$home/libs
  [[ -f $libs/.complete ]] && return 0
  command -v mvn >/dev/null || die "mvn not found (needed to fetch Kafka jars)"
  say "kafka: fetching Apache Kafka $KAFKA_VERSION jars from Maven Central into $libs"
  mkdir -p "$home"
  cat >"$home/pom.xml" <<EOF
<!-- Generated by EasyChat deploy/local/up: only used to download Kafka's jars. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.easychat</groupId>
  <artifactId>kafka-broker-libs</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>$KAFKA_LOG4J_VERSION</version></dependency>
  </dependencies>
</project>
EOF
  rm -rf "$libs.tmp"
  # Copy into a temp dir and rename at the end, so an interrupted download is never mistaken
  # for a complete one.
  if ! (cd "$home" && mvn -B -q -Dmaven.repo.local="$CACHE_DIR/kafka/m2" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs.tmp") \
    >>"$LOG_DIR/install-kafka.log" 2>&1; then
    die "kafka: Maven download failed; see $LOG_DIR/install-kafka.log"
  fi
  touch "$libs.tmp/.complete"
  rm -rf "$libs"
  mv "$libs.tmp" "$libs"
}

# EasyChat's patches of FerretDB's source, for the version being built (none for other versions):
# `patches/ferretdb/<version>/*.patch`, applied in name order (see deploy/local/README.md, Caveats).
ferretdb_patches() {
  local dir=$LIB_DIR/../patches/ferretdb/$FERRETDB_VERSION
  [[ -d $dir ]] || return 0
  find "$dir" -maxdepth 1 -name '*.patch' | sort
}

# The binary's directory names the version and a digest of the patches applied to it, so a
# binary built before a patch changed is not taken for the patched one.
ferretdb_bin() {
  local tag=$FERRETDB_VERSION patches
  mapfile -t patches < <(ferretdb_patches)
  if ((${#patches[@]})); then
    tag+="-patched-$(cat "${patches[@]}" | sha256sum | cut -c1-12)"
  fi
  echo "$CACHE_DIR/ferretdb/$tag/ferretdb"
}

# Build FerretDB from the Go module proxy.
# Why not a plain `go install …/cmd/ferretdb@VERSION`: that binary panics at start ("Invalid
# build/version/version.txt"), because FerretDB embeds a version.txt that only its own release
# tooling generates. So: download the module, copy it to a writable dir, write version.txt, apply
# EasyChat's patches (`ferretdb_patches`), and `go build` its cmd/ferretdb. Go's module and build
# caches stay under the cache dir.
build_ferretdb() {
  local bin src moddir
  bin=$(ferretdb_bin)
  command -v go >/dev/null || die "ferretdb: the 'go' command is needed to build FerretDB; install Go 1.22+"
  export GOMODCACHE=$CACHE_DIR/go/mod GOCACHE=$CACHE_DIR/go/build
  # -modcacherw: Go makes its module cache read-only by default; this keeps `rm -rf` working.
  export GOFLAGS="${GOFLAGS:+$GOFLAGS }-modcacherw"
  moddir=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
  [[ -d $moddir ]] || { echo "go mod download gave no source dir" >&2; return 1; }
  src=$CACHE_DIR/ferretdb/src-$FERRETDB_VERSION
  mkdir -p "$CACHE_DIR/ferretdb"
  rm -rf "$src"
  cp -r "$moddir" "$src"
  chmod -R u+w "$src"
  echo "$FERRETDB_VERSION" >"$src/build/version/version.txt"
  echo "easychat-local" >"$src/build/version/package.txt"
  local patch
  while read -r patch; do
    [[ -n $patch ]] || continue
    echo "applying $patch"
    # git apply works outside a repository too, and git is there wherever this checkout is.
    (cd "$src" && git apply -p1 "$patch") || { echo "patch $patch does not apply" >&2; return 1; }
  done < <(ferretdb_patches)
  mkdir -p "$(dirname "$bin")"
  (cd "$src" && go build -trimpath -o "$bin.tmp" ./cmd/ferretdb)
  mv "$bin.tmp" "$bin"
  # The sources copy and Go's build cache (~350 MB) are only needed to build; the module cache
  # stays, so a rebuild (other FERRETDB_VERSION) downloads less.
  rm -rf "$src" "$GOCACHE"
}

# FerretDB's build is the slowest install step (CPU-bound compile), so it runs in the
# background while apt and Maven download. These two functions start it and collect it.
FERRETDB_BUILD_PID=
start_ferretdb_build() {
  [[ -x $(ferretdb_bin) ]] && return 0
  say "ferretdb: building FerretDB $FERRETDB_VERSION with $(go version 2>/dev/null | awk '{print $3}') (takes a couple of minutes, once)"
  build_ferretdb >>"$LOG_DIR/install-ferretdb.log" 2>&1 9>&- &
  FERRETDB_BUILD_PID=$!
}
finish_ferretdb_build() {
  [[ -n $FERRETDB_BUILD_PID ]] || return 0
  wait "$FERRETDB_BUILD_PID" || die "ferretdb: build failed; see $LOG_DIR/install-ferretdb.log"
  FERRETDB_BUILD_PID=
  [[ -x $(ferretdb_bin) ]] || die "ferretdb: build produced no binary; see $LOG_DIR/install-ferretdb.log"
}

seaweedfs_bin() { echo "$CACHE_DIR/seaweedfs/$SEAWEEDFS_VERSION/weed"; }

# Build SeaweedFS's one binary, `weed`, from the Go module proxy.
# Why not a plain `go install github.com/seaweedfs/seaweedfs/weed@VERSION`: its go.mod has
# replace directives, which `go install …@version` refuses. Built from inside the downloaded
# module (the main module then, so its replaces apply) it works; nothing in the module needs
# writing, so unlike FerretDB's there is no copy. CGO off: a static binary, no C compiler needed.
# Its build cache is its own (not FerretDB's go/build): the two builds can run at the same time,
# and each deletes its build cache when done. 5 to 7 minutes on 2 cores.
build_seaweedfs() {
  local bin moddir
  bin=$(seaweedfs_bin)
  command -v go >/dev/null || die "s3: the 'go' command is needed to build SeaweedFS; install Go 1.26.6+"
  export GOMODCACHE=$CACHE_DIR/go/mod GOCACHE=$CACHE_DIR/go/build-seaweedfs CGO_ENABLED=0
  export GOFLAGS="${GOFLAGS:+$GOFLAGS }-modcacherw"
  moddir=$(go mod download -json "github.com/seaweedfs/seaweedfs@$SEAWEEDFS_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
  [[ -d $moddir ]] || { echo "go mod download gave no source dir" >&2; return 1; }
  mkdir -p "$(dirname "$bin")"
  (cd "$moddir" && go build -trimpath -ldflags='-s -w' -o "$bin.tmp" ./weed)
  mv "$bin.tmp" "$bin"
  rm -rf "$GOCACHE"
}

# Like FerretDB's, and started first: it is the longest build by far.
SEAWEEDFS_BUILD_PID=
start_seaweedfs_build() {
  [[ -x $(seaweedfs_bin) ]] && return 0
  say "s3: building SeaweedFS ($SEAWEEDFS_VERSION) with $(go version 2>/dev/null | awk '{print $3}') (takes 5 to 7 minutes on 2 cores, once)"
  build_seaweedfs >>"$LOG_DIR/install-seaweedfs.log" 2>&1 9>&- &
  SEAWEEDFS_BUILD_PID=$!
}
finish_seaweedfs_build() {
  [[ -n $SEAWEEDFS_BUILD_PID ]] || return 0
  wait "$SEAWEEDFS_BUILD_PID" || die "s3: SeaweedFS build failed; see $LOG_DIR/install-seaweedfs.log"
  SEAWEEDFS_BUILD_PID=
  [[ -x $(seaweedfs_bin) ]] || die "s3: SeaweedFS build produced no binary; see $LOG_DIR/install-seaweedfs.log"
}

install_missing() {
  local svc pkgs=() p
  for svc in "$@"; do
    for p in $(apt_packages_for "$svc"); do
      [[ " ${pkgs[*]} " == *" $p "* ]] || pkgs+=("$p")
    done
  done
  if [[ " $* " == *" s3 "* ]] && command -v go >/dev/null; then
    start_seaweedfs_build
  fi
  if [[ " $* " == *" ferretdb "* ]] && command -v go >/dev/null; then
    start_ferretdb_build
  fi
  install_apt_packages "${pkgs[@]}"
  if [[ " $* " == *" kafka "* ]]; then
    java_ok || die "kafka: Java 17+ is needed ($(java_bin) is not); set JAVA_HOME"
    install_kafka
  fi
  if [[ " $* " == *" ferretdb "* ]]; then
    [[ -n $FERRETDB_BUILD_PID ]] || start_ferretdb_build
    finish_ferretdb_build
  fi
  if [[ " $* " == *" s3 "* ]]; then
    [[ -n $SEAWEEDFS_BUILD_PID ]] || start_seaweedfs_build
    finish_seaweedfs_build
  fi
}

# ---------------------------------------------------------------------------------------------
# MariaDB
# ---------------------------------------------------------------------------------------------

mariadb_dir() { echo "$STATE_DIR/mariadb"; }
mariadb_socket() { echo "$(mariadb_dir)/mariadb.sock"; }

start_mariadb() {
  local dir user
  dir=$(mariadb_dir)
  user=$(id -un)
  mkdir -p "$dir/tmp"
  if [[ ! -d $dir/data/mysql ]]; then
    say "mariadb: initialising data dir $dir/data"
    rm -rf "$dir/data"
    # --user=<us>: mariadbd refuses to run as root unless told to, and the state dir under
    # $HOME is not readable by the 'mysql' system user anyway. Root (and <us>, when we are not
    # root) log in through the unix socket with no password.
    mariadb-install-db --no-defaults --user="$user" --datadir="$dir/data" \
      --auth-root-authentication-method=socket --skip-test-db \
      >>"$(log_file mariadb)" 2>&1 || die "mariadb: mariadb-install-db failed; see $(log_file mariadb)"
  fi
  # --no-defaults: ignore /etc/mysql/*.cnf so the machine's config cannot move our port,
  # datadir or socket. --skip-name-resolve: no DNS look-ups on connect (faster, no surprises).
  launch mariadb "$(log_file mariadb)" "$(mariadb_bin)" --no-defaults \
    --user="$user" \
    --datadir="$dir/data" \
    --tmpdir="$dir/tmp" \
    --socket="$(mariadb_socket)" \
    --pid-file="$dir/mariadbd.pid" \
    --bind-address="$HOST" \
    --port="$MYSQL_PORT" \
    --skip-name-resolve \
    --skip-log-bin \
    --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=128M \
    --max-connections=300
}

mariadb_root_sql() {
  mariadb --no-defaults --socket="$(mariadb_socket)" -u"$(id -un)" --batch --skip-column-names
}

# Database `easychat` and user easychat/easychat. Rerun on each (re)start: every statement is
# idempotent. The extra grant on `easychat\_%` lets tests create throw-away databases such as
# easychat_test_1234 for isolation.
bootstrap_mariadb() {
  mariadb_root_sql <<'SQL'
CREATE DATABASE IF NOT EXISTS easychat CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'easychat'@'%' IDENTIFIED BY 'easychat';
CREATE USER IF NOT EXISTS 'easychat'@'localhost' IDENTIFIED BY 'easychat';
GRANT ALL PRIVILEGES ON easychat.* TO 'easychat'@'%';
GRANT ALL PRIVILEGES ON easychat.* TO 'easychat'@'localhost';
GRANT ALL PRIVILEGES ON `easychat\_%`.* TO 'easychat'@'%';
GRANT ALL PRIVILEGES ON `easychat\_%`.* TO 'easychat'@'localhost';
FLUSH PRIVILEGES;
SQL
}

# Answering = the application user can log in over TCP and run a query.
health_mariadb() {
  mariadb --no-defaults --protocol=TCP -h "$HOST" -P "$MYSQL_PORT" -ueasychat -peasychat \
    --connect-timeout=2 -e 'SELECT 1' easychat >/dev/null 2>&1
}

# Before the bootstrap SQL has run, only the root socket login works.
wait_ready_mariadb() {
  local deadline=$((SECONDS + START_TIMEOUT)) log
  log=$(log_file mariadb)
  until mariadb-admin --no-defaults --socket="$(mariadb_socket)" -u"$(id -un)" \
    --connect-timeout=2 ping >/dev/null 2>&1; do
    running_pid mariadb >/dev/null || die "mariadb exited while starting; see $log. Last lines:
$(tail -n 25 "$log")"
    ((SECONDS < deadline)) || die "mariadb did not answer on its socket within ${START_TIMEOUT}s; see $log"
    sleep 0.5
  done
  bootstrap_mariadb >>"$log" 2>&1 || die "mariadb: creating database/user failed; see $log"
  wait_ready mariadb
}

# ---------------------------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------------------------

start_redis() {
  local dir=$STATE_DIR/redis
  mkdir -p "$dir"
  # No persistence: test data is disposable and RDB/AOF writes only slow things down.
  # logfile "": log to stdout, which launch() sends to the log file.
  cat >"$dir/redis.conf" <<EOF
# Generated by EasyChat deploy/local/up on each start; edits are lost.
bind $HOST
port $REDIS_PORT
protected-mode yes
daemonize no
supervised no
dir $dir
logfile ""
save ""
appendonly no
EOF
  launch redis "$(log_file redis)" redis-server "$dir/redis.conf"
}

health_redis() {
  [[ $(timeout 3 redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
}

# ---------------------------------------------------------------------------------------------
# etcd
# ---------------------------------------------------------------------------------------------

start_etcd() {
  local dir=$STATE_DIR/etcd
  mkdir -p "$dir"
  # A one-member cluster; both client and peer URLs on loopback.
  launch etcd "$(log_file etcd)" etcd \
    --name easychat \
    --data-dir "$dir/data" \
    --listen-client-urls "http://$HOST:$ETCD_PORT" \
    --advertise-client-urls "http://$HOST:$ETCD_PORT" \
    --listen-peer-urls "http://$HOST:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://$HOST:$ETCD_PEER_PORT" \
    --initial-cluster "easychat=http://$HOST:$ETCD_PEER_PORT" \
    --initial-cluster-state new \
    --initial-cluster-token easychat-local
}

health_etcd() {
  ETCDCTL_API=3 timeout 6 etcdctl --endpoints="http://$HOST:$ETCD_PORT" \
    --dial-timeout=2s --command-timeout=3s endpoint health >/dev/null 2>&1
}

# ---------------------------------------------------------------------------------------------
# Kafka (KRaft, one node that is both broker and controller)
# ---------------------------------------------------------------------------------------------

kafka_dir() { echo "$STATE_DIR/kafka"; }

kafka_java() {
  local main=$1
  shift
  "$(java_bin)" -cp "$(kafka_home)/libs/*" "$main" "$@"
}

# Client tools (StorageTool, TopicCommand) log only warnings, to stderr.
kafka_tools_opts() {
  echo "-Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile=$(kafka_dir)/tools-log4j2.properties"
}

start_kafka() {
  local dir data
  dir=$(kafka_dir)
  data=$dir/data
  mkdir -p "$dir"
  cat >"$dir/server.properties" <<EOF
# Generated by EasyChat deploy/local/up on each start; edits are lost.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$data
# Topics appear on first use, with 4 partitions (enough to test keyed ordering and rebalances).
auto.create.topics.enable=true
num.partitions=4
default.replication.factor=1
# One broker: every internal topic must make do with one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
# Tests should not wait 3 s for the first consumer group rebalance.
group.initial.rebalance.delay.ms=0
# Tests that SIGKILL a node run with a short consumer session (backends.kafka.session_timeout_ms),
# so its partitions move in seconds; the broker's default floor is 6 s.
group.min.session.timeout.ms=1000
EOF
  # Broker logging: log4j2 to stdout, which launch() appends to the log file, so that the
  # broker's log and anything the JVM itself prints (a crash, an OutOfMemoryError) end up in
  # one file. Kafka's own default config would write several files under ./logs instead.
  cat >"$dir/log4j2.properties" <<'EOF'
status = warn
appender.out.type = Console
appender.out.name = STDOUT
appender.out.target = SYSTEM_OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = STDOUT
# The state-change logger is chatty and of no use for tests.
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
EOF
  cat >"$dir/tools-log4j2.properties" <<'EOF'
status = warn
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = %p %m%n
rootLogger.level = WARN
rootLogger.appenderRef.err.ref = STDERR
EOF
  # KRaft storage must be formatted once with a cluster id (kept for later starts).
  if [[ ! -f $data/meta.properties ]]; then
    local cluster_id
    [[ -s $dir/cluster-id ]] || python3 -c 'import base64,uuid;print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))' >"$dir/cluster-id"
    cluster_id=$(<"$dir/cluster-id")
    say "kafka: formatting KRaft storage $data (cluster id $cluster_id)"
    # shellcheck disable=SC2046
    "$(java_bin)" $(kafka_tools_opts) -cp "$(kafka_home)/libs/*" kafka.tools.StorageTool format \
      -t "$cluster_id" -c "$dir/server.properties" --ignore-formatted \
      >>"$(log_file kafka)" 2>&1 || die "kafka: formatting storage failed; see $(log_file kafka)"
  fi
  # shellcheck disable=SC2086  # heap options are several words on purpose
  launch kafka "$(log_file kafka)" "$(java_bin)" \
    $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$(kafka_home)/libs/*" kafka.Kafka "$dir/server.properties"
}

# Answering = a metadata request (list topics) succeeds. The port check first avoids paying
# for a JVM start (~3 s) while the broker is not even listening.
health_kafka() {
  port_open "$KAFKA_PORT" || return 1
  # shellcheck disable=SC2046
  timeout 40 "$(java_bin)" $(kafka_tools_opts) -cp "$(kafka_home)/libs/*" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$HOST:$KAFKA_PORT" --list >/dev/null 2>&1
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL (FerretDB's storage)
# ---------------------------------------------------------------------------------------------

postgres_dir() { echo "$STATE_DIR/postgres"; }
postgres_url() { echo "postgres://ferretdb:ferretdb@$HOST:$POSTGRES_PORT/ferretdb"; }

# Debian's server programs live in /usr/lib/postgresql/<major>/bin (its /usr/bin/psql is a
# wrapper that looks for system clusters). A data dir keeps the major version it was made with
# (data/PG_VERSION); a new one gets the newest installed.
postgres_bindir() {
  local version_file dirs
  version_file=$(postgres_dir)/data/PG_VERSION
  if [[ -f $version_file ]]; then
    echo "/usr/lib/postgresql/$(<"$version_file")/bin"
    return
  fi
  dirs=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  if [[ -d $dirs ]]; then echo "$dirs"; else echo /usr/lib/postgresql/15/bin; fi
}

# PostgreSQL refuses to run as root. Started by root, it runs as the `postgres` system user that
# Debian's package creates, and its directory belongs to that user; otherwise as the caller,
# like MariaDB. PG_AS is the command prefix that does this (empty when not root).
# Root's state dir is usually not reachable by another user (/root is mode 700). Then, and only
# then, the server also gets CAP_DAC_READ_SEARCH, the capability to search directories and
# read files regardless of their permissions: enough to reach its data dir, and no right to
# write anywhere it could not already. The superuser login (the only SQL way to read server
# files) is through the socket in that same dir, so only root and the server itself get in.
PG_AS=()
postgres_as() {
  PG_AS=()
  ((EUID == 0)) || return 0
  id -u postgres >/dev/null 2>&1 || die "postgres: there is no 'postgres' system user (Debian's postgresql package creates it)"
  PG_AS=(setpriv --reuid=postgres --regid=postgres --init-groups)
  if ! "${PG_AS[@]}" -- test -x "$(postgres_dir)" 2>/dev/null; then
    PG_AS+=(--inh-caps=+dac_read_search --ambient-caps=+dac_read_search)
  fi
  PG_AS+=(--)
}

start_postgres() {
  local dir bindir log
  dir=$(postgres_dir)
  log=$(log_file postgres)
  bindir=$(postgres_bindir)
  if [[ ! -x $bindir/postgres ]]; then
    if [[ -f $dir/data/PG_VERSION ]]; then
      die "postgres: $dir/data was made by PostgreSQL $(<"$dir/data/PG_VERSION"), which is not installed ($bindir/postgres); install postgresql-$(<"$dir/data/PG_VERSION") or delete the data (deploy/local/down --purge)"
    fi
    die "postgres: $bindir/postgres not found (Debian package postgresql)"
  fi
  # The socket, .s.PGSQL.<port>, goes in $dir; a unix socket path has at most 107 bytes.
  ((${#dir} + 18 <= 107)) || die "postgres: the state dir path is too long for a unix socket ($dir); set a shorter EASYCHAT_STATE"
  # $dir holds the data dir and the socket and belongs to the server's user, closed to others.
  mkdir -p "$dir"
  ((EUID == 0)) && chown postgres:postgres "$dir"
  chmod 700 "$dir"
  postgres_as
  if [[ ! -f $dir/data/PG_VERSION ]]; then
    say "postgres: initialising data dir $dir/data"
    rm -rf "$dir/data"
    # Logins: the superuser `postgres` through the socket only (trust: the socket's directory is
    # the gate), everything over TCP with a password (role ferretdb, made by bootstrap_postgres).
    # Locale C: byte order for text, as MongoDB compares strings.
    "${PG_AS[@]}" "$bindir/initdb" --pgdata="$dir/data" --username=postgres \
      --encoding=UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 --no-instructions \
      >>"$log" 2>&1 || die "postgres: initdb failed; see $log"
  fi
  # Everything that matters is on the command line, so the data dir's postgresql.conf (initdb's
  # defaults, untouched) cannot move the address, port or socket. No tuning: fsync and
  # synchronous_commit stay on, so a write FerretDB acknowledges is on disk, and the stand-in's
  # figures are not bought with durability. Logs go to stderr, which launch() sends to the log.
  launch postgres "$log" "${PG_AS[@]}" "$bindir/postgres" \
    -D "$dir/data" \
    -c listen_addresses="$HOST" \
    -c port="$POSTGRES_PORT" \
    -c unix_socket_directories="$dir" \
    -c unix_socket_permissions=0700 \
    -c logging_collector=off \
    -c log_destination=stderr
}

# SQL as the superuser, through the socket. Reads the statements from stdin.
postgres_superuser_sql() {
  "$(postgres_bindir)/psql" -X -q -v ON_ERROR_STOP=1 -h "$(postgres_dir)" -p "$POSTGRES_PORT" \
    -U postgres -d postgres
}

# Role ferretdb/ferretdb and its database `ferretdb`, where FerretDB keeps one schema per MongoDB
# database; role easychat/easychat and its database `easychat_search`, EasyChat's message search
# index (backends.search.url), with pg_trgm created by the superuser. Rerun on each (re)start:
# every statement is skipped when there is nothing to do.
bootstrap_postgres() {
  postgres_superuser_sql <<'SQL'
SELECT 'CREATE ROLE ferretdb LOGIN PASSWORD ''ferretdb'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ferretdb')\gexec
SELECT 'CREATE DATABASE ferretdb OWNER ferretdb'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ferretdb')\gexec
SELECT 'CREATE ROLE easychat LOGIN PASSWORD ''easychat'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'easychat')\gexec
SELECT 'CREATE DATABASE easychat_search OWNER easychat'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'easychat_search')\gexec
\c easychat_search
CREATE EXTENSION IF NOT EXISTS pg_trgm;
SQL
  postgres_drop_gin_trigger
}

# Until December 2026 `up` installed, in the `ferretdb` database, an event trigger giving every
# index FerretDB creates a GIN index beside it, to serve the jsonb containment (`@>`) that
# unpatched FerretDB 1.24 pushes an equality down as. The patched build pushes equality down as
# `=`, which FerretDB's own btree indexes serve (deploy/local/README.md, Caveats), so a state
# directory made by an older `up` loses the trigger; GIN indexes already made stay, unused.
postgres_drop_gin_trigger() {
  postgres_superuser_sql <<'SQL'
\c ferretdb
DROP EVENT TRIGGER IF EXISTS easychat_gin_beside_created;
DROP FUNCTION IF EXISTS easychat_gin_beside_created();
DROP FUNCTION IF EXISTS easychat_gin_beside(oid);
SQL
}

# Answering = FerretDB's role logs in over TCP, with its password, and runs a query.
health_postgres() {
  local out
  out=$(PGPASSWORD=ferretdb PGCONNECT_TIMEOUT=2 timeout 5 "$(postgres_bindir)/psql" -X -w -tA \
    -h "$HOST" -p "$POSTGRES_PORT" -U ferretdb -d ferretdb -c 'SELECT 1' 2>/dev/null) && [[ $out == 1 ]]
}

# Before the bootstrap SQL has run, only the superuser's socket login works.
wait_ready_postgres() {
  local deadline=$((SECONDS + START_TIMEOUT)) log
  log=$(log_file postgres)
  until "$(postgres_bindir)/pg_isready" -q -h "$(postgres_dir)" -p "$POSTGRES_PORT" -U postgres -d postgres -t 2 >/dev/null 2>&1; do
    running_pid postgres >/dev/null || die "postgres exited while starting; see $log. Last lines:
$(tail -n 25 "$log")"
    ((SECONDS < deadline)) || die "postgres did not answer on its socket within ${START_TIMEOUT}s; see $log"
    sleep 0.5
  done
  bootstrap_postgres >>"$log" 2>&1 || die "postgres: creating role/database ferretdb failed; see $log"
  wait_ready postgres
}

# ---------------------------------------------------------------------------------------------
# FerretDB (MongoDB wire protocol, on PostgreSQL or on SQLite files)
# ---------------------------------------------------------------------------------------------

# The flags that choose FerretDB's storage, one per line (also compared with a running
# FerretDB's command line: see cmd_up).
ferretdb_backend_args() {
  if [[ $FERRETDB_HANDLER == postgresql ]]; then
    echo "--handler=postgresql"
    echo "--postgresql-url=$(postgres_url)"
  else
    echo "--handler=sqlite"
    echo "--sqlite-url=file:$STATE_DIR/ferretdb/data/"
  fi
}

start_ferretdb() {
  local dir=$STATE_DIR/ferretdb backend
  mkdir -p "$dir"
  [[ $FERRETDB_HANDLER == sqlite ]] && mkdir -p "$dir/data"
  mapfile -t backend < <(ferretdb_backend_args)
  # --debug-addr=-: no HTTP debug listener (it would take port 8088, which may clash).
  # --state-dir: where FerretDB keeps its state.json (it defaults to the current directory).
  launch ferretdb "$(log_file ferretdb)" "$(ferretdb_bin)" \
    "${backend[@]}" \
    --state-dir="$dir" \
    --listen-addr="$HOST:$MONGO_PORT" \
    --debug-addr=- \
    --telemetry=disable \
    --log-level=info
}

health_ferretdb() {
  python3 "$LIB_DIR/mongo_ping.py" "$HOST" "$MONGO_PORT" 2 >/dev/null 2>&1
}

# ---------------------------------------------------------------------------------------------
# s3: SeaweedFS (S3-compatible object store)
# ---------------------------------------------------------------------------------------------

seaweedfs_dir() { echo "$STATE_DIR/seaweedfs"; }

# One `weed server` process runs all four parts: master (volume placement), volume server (the
# data), filer (the namespace: buckets and object names, in LevelDB) and the S3 gateway on it.
# On TERM it needs about 16 s to exit: the volume server stops first, and the filer then tries
# for 15 s to flush its metadata-change log before giving up (objects and the filer's LevelDB
# are not affected). Within STOP_TIMEOUT, so it still ends cleanly.
start_s3() {
  local dir
  dir=$(seaweedfs_dir)
  # The filer's and the S3 gateway's unix sockets go in $dir (at most 107 bytes).
  ((${#dir} + 10 <= 107)) || die "s3: the state dir path is too long for a unix socket ($dir); set a shorter EASYCHAT_STATE"
  mkdir -p "$dir/data"
  # The only identity, allowed everything (Admin covers bucket creation and deletion). Anonymous
  # requests are refused and signatures are checked. Written on each start (edits are lost).
  (
    umask 077
    cat >"$dir/s3.json" <<EOF
{
  "identities": [
    {
      "name": "easychat",
      "credentials": [{"accessKey": "$S3_ACCESS_KEY", "secretKey": "$S3_SECRET_KEY"}],
      "actions": ["Admin", "Read", "Write", "List", "Tagging"]
    }
  ]
}
EOF
  )
  # Run from $dir: weed reads master.toml, filer.toml and security.toml from the current
  # directory first (then ~/.seaweedfs and /etc/seaweedfs), and there are none in $dir.
  # WEED_MASTER_VOLUME_GROWTH_COPY_1=1 (master.toml's [master.volume_growth] copy_1): a new
  # bucket (a SeaweedFS collection) gets one volume, not seven.
  # -master.volumeSizeLimitMB / -volume.max: volumes of at most 64 MB, up to 1000 of them
  # (volumes are not preallocated, so the disk holds about what was stored).
  # -master.electionTimeout=1s: a lone master need not wait 10-20 s to elect itself after a
  # restart (SeaweedFS's default is 10 s, for clusters of masters).
  # -volume.preStopSeconds=0: no 10 s pause before the volume server stops.
  # -s3.autoCreateBucket=false: a PUT into a missing bucket fails (NoSuchBucket), as on AWS.
  # -s3.port.iceberg=0 / -s3.port.lance=0: no Iceberg or Lance catalog listeners.
  # -logtostderr: log only to stderr (launch() sends it to the log), no log files in /tmp.
  launch s3 "$(log_file s3)" env -C "$dir" WEED_MASTER_VOLUME_GROWTH_COPY_1=1 \
    "$(seaweedfs_bin)" -logtostderr server \
    -ip="$HOST" -ip.bind="$HOST" \
    -dir="$dir/data" \
    -master.port="$SEAWEEDFS_MASTER_PORT" -master.port.grpc=$((SEAWEEDFS_MASTER_PORT + 10000)) \
    -master.electionTimeout=1s \
    -master.volumeSizeLimitMB=64 \
    -master.telemetry=false \
    -volume.port="$SEAWEEDFS_VOLUME_PORT" -volume.port.grpc=$((SEAWEEDFS_VOLUME_PORT + 10000)) \
    -volume.max=1000 \
    -volume.preStopSeconds=0 \
    -filer \
    -filer.port="$SEAWEEDFS_FILER_PORT" -filer.port.grpc=$((SEAWEEDFS_FILER_PORT + 10000)) \
    -filer.localSocket="$dir/filer.sock" \
    -s3 \
    -s3.port="$S3_PORT" -s3.port.grpc=$((S3_PORT + 10000)) \
    -s3.localSocket="$dir/s3.sock" \
    -s3.config="$dir/s3.json" \
    -s3.autoCreateBucket=false \
    -s3.port.iceberg=0 -s3.port.lance=0
}

# Answering = as easychat, SigV4-signed: ListBuckets, then a PUT and a GET of one small object
# in the bucket S3_READINESS_BUCKET (created the first time). SeaweedFS lists buckets well
# before it can store an object: an upload waits for the filer to join the master's lock ring
# (a few seconds) and, on a restart with data, for the master's warm-up after its election
# (15 s, fixed in SeaweedFS), during which it hands out no file ids. Only a write shows it.
health_s3() {
  python3 "$LIB_DIR/s3_ping.py" "http://$HOST:$S3_PORT" "$S3_ACCESS_KEY" "$S3_SECRET_KEY" 2 \
    --write "$S3_READINESS_BUCKET" >/dev/null 2>&1
}

# The lines of the s3 log that say how far SeaweedFS got: the parts that started, the volume
# server's registration with the master, and errors other than the readiness probe's own
# failed uploads (which repeat every second and would bury the rest).
startup_summary_s3() {
  awk '/^===== .* starting s3 =====$/ { n = 0 } { line[n++] = $0 } END { for (i = 0; i < n; i++) print line[i] }' \
    "$(log_file s3)" 2>/dev/null |
    grep -E "Start Seaweed|added volume server|Heartbeat to|checkWithMaster|raft|leader|Failed|[EF][0-9]{4} " |
    grep -v "easychat-readiness" | head -n 40
}

# SeaweedFS has once, in CI, come up with its master and S3 gateway answering but no volume
# server in the master's topology: every upload failed with "No writable volumes ... 0 node
# candidates" until the start timeout. A healthy start stores the probe object within about 20 s
# (its slowest part is the master's 15 s warm-up on a restart with data), so a start that has
# not after S3_RESTART_AFTER seconds (or exits meanwhile) is stopped and started once more,
# with what its log said printed first. The second start gets the whole START_TIMEOUT.
S3_RESTART_AFTER=${EASYCHAT_S3_RESTART_AFTER:-60}
wait_ready_s3() {
  local first_deadline
  first_deadline=$((SECONDS + S3_RESTART_AFTER))
  while ((SECONDS < first_deadline)); do
    running_pid s3 >/dev/null || break
    health_s3 && return 0
    sleep 1
  done
  say "s3: exited or stored no object within ${S3_RESTART_AFTER}s of its start; restarting it once. $(log_summary s3)"
  stop_service s3
  start_s3
  wait_ready s3
}

# ---------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------

write_ports_file() {
  mkdir -p "$STATE_DIR"
  cat >"$PORTS_FILE.tmp" <<EOF
# Ports the last deploy/local/up used with this state dir (read back by up/down/service).
SAVED_MYSQL_PORT=$MYSQL_PORT
SAVED_REDIS_PORT=$REDIS_PORT
SAVED_ETCD_PORT=$ETCD_PORT
SAVED_ETCD_PEER_PORT=$ETCD_PEER_PORT
SAVED_KAFKA_PORT=$KAFKA_PORT
SAVED_KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT
SAVED_MONGO_PORT=$MONGO_PORT
SAVED_POSTGRES_PORT=$POSTGRES_PORT
SAVED_S3_PORT=$S3_PORT
SAVED_SEAWEEDFS_PORT=$SEAWEEDFS_PORT
EOF
  mv "$PORTS_FILE.tmp" "$PORTS_FILE"
}

write_env_file() {
  mkdir -p "$STATE_DIR"
  cat >"$ENV_FILE.tmp" <<EOF
EASYCHAT_TEST_MYSQL_URL=$(service_url mariadb)
EASYCHAT_TEST_REDIS_URL=$(service_url redis)
EASYCHAT_TEST_MONGO_URL=$(service_url ferretdb)
EASYCHAT_TEST_KAFKA_BROKERS=$(service_url kafka)
EASYCHAT_TEST_ETCD_ENDPOINTS=$(service_url etcd)
EASYCHAT_TEST_S3_ENDPOINT=$(service_url s3)
EASYCHAT_TEST_SEARCH_URL=postgres://easychat:easychat@$HOST:$POSTGRES_PORT/easychat_search
EOF
  mv "$ENV_FILE.tmp" "$ENV_FILE"
}

# up [SERVICE...]: start what is not running, wait for everything to answer.
cmd_up() {
  local svc to_start=() pid
  take_lock
  for svc in "$@"; do
    if pid=$(running_pid "$svc"); then
      local recorded
      read -r _ _ recorded <"$(pid_file "$svc")"
      if [[ -n $recorded && $recorded != "$(service_ports "$svc")" ]]; then
        die "$svc is running (pid $pid) on port(s) $recorded, not $(service_ports "$svc") as now configured; stop it first: deploy/local/service $svc stop"
      fi
      # A FerretDB started on other storage (e.g. on SQLite, by an older `up`) would pass its
      # ping and serve from the wrong place.
      if [[ $svc == ferretdb ]]; then
        local have want
        have=$(tr '\0' '\n' <"/proc/$pid/cmdline" | grep -E '^--(handler|sqlite-url|postgresql-url)=' || true)
        want=$(ferretdb_backend_args)
        if [[ $have != "$want" ]]; then
          die "ferretdb is running (pid $pid) with ${have//$'\n'/ }, not ${want//$'\n'/ } as now configured (EASYCHAT_FERRETDB_HANDLER=$FERRETDB_HANDLER); restart it: deploy/local/service ferretdb restart"
        fi
        # One started from an older build (before a patch of `ferretdb_patches` changed) would
        # serve without it.
        local running
        running=$(tr '\0' '\n' <"/proc/$pid/cmdline" | head -n 1)
        if [[ $running != "$(ferretdb_bin)" ]]; then
          die "ferretdb is running (pid $pid) from $running, not from this checkout's build $(ferretdb_bin); restart it: deploy/local/service ferretdb restart"
        fi
      fi
      say "$svc: already running (pid $pid)"
    else
      if [[ -f $(pid_file "$svc") ]]; then
        say "$svc: removing stale pid file (the process it names is gone)"
        rm -f "$(pid_file "$svc")"
      fi
      to_start+=("$svc")
    fi
  done

  # From here on processes may start with the current ports: remember them for later calls.
  write_ports_file

  if ((${#to_start[@]})); then
    install_missing "${to_start[@]}"
    # Refuse to start on a port somebody else holds: the service would die, or worse, the
    # readiness check would pass against the other process.
    local port
    for svc in "${to_start[@]}"; do
      for port in $(service_ports "$svc"); do
        if port_open "$port"; then
          die "$svc: $HOST:$port is already in use by a process not started by deploy/local/up; stop it or set another port (see deploy/local/README.md)"
        fi
      done
    done
    for svc in "${to_start[@]}"; do
      say "$svc: starting (log: $(log_file "$svc"))"
      "start_$svc"
    done
  fi

  # Wait for all, including those already running (they may still be booting from an earlier,
  # interrupted `up`).
  # MariaDB and PostgreSQL that were just started get their application user first.
  for svc in "$@"; do
    if [[ " ${to_start[*]} " == *" $svc "* ]] && declare -F "wait_ready_$svc" >/dev/null; then
      "wait_ready_$svc"
    else
      wait_ready "$svc"
    fi
    say "$svc: ready"
  done
  write_env_file
}

cmd_down() {
  local svc i
  take_lock
  # Reverse start order.
  for ((i = $# ; i >= 1; i--)); do
    svc=${!i}
    stop_service "$svc"
  done
}

cmd_status() {
  local svc pid rc=0
  for svc in "$@"; do
    if pid=$(running_pid "$svc"); then
      if "health_$svc"; then
        printf '%-9s running   pid %-7s %s\n' "$svc" "$pid" "$(service_url "$svc")"
      else
        printf '%-9s starting  pid %-7s %s (not answering yet)\n' "$svc" "$pid" "$(service_url "$svc")"
        rc=1
      fi
    else
      printf '%-9s stopped\n' "$svc"
      rc=1
    fi
  done
  return "$rc"
}

print_summary() {
  local svc
  for svc in "$@"; do
    printf '%-9s %-54s log: %s\n' "$svc" "$(service_url "$svc")" "$(log_file "$svc")"
  done
  echo "env file: $ENV_FILE"
}

print_env() {
  sed 's/^/export /' "$ENV_FILE"
}
