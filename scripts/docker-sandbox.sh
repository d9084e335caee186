#!/usr/bin/env bash
# A private Docker engine for the project's tests and CI.
#
# Usage: bash scripts/docker-sandbox.sh {install|buildx|start|images|stop|status|env|up}
#
#   install  apt-get install docker.io + debootstrap + docker-registry (skipped when all are there)
#   buildx   fetch Debian's docker-buildx plugin (pinned .deb, checked by SHA256, cached) into
#            the state dir only: not installed system-wide
#   start    start dockerd on a private socket under the state dir (no-op when running)
#   images   build the stand-in base images (python:3.1x-slim, node:2x-slim, ubuntu:24.04,
#            ...), cached
#   stop     stop that dockerd and wait for it to exit
#   status   say whether the engine answers
#   env      print `export DOCKER_HOST=...` lines:  eval "$(bash scripts/docker-sandbox.sh env)";
#            DOCKWRIGHT_BUILDX_CONFIG names a DOCKER_CONFIG dir whose cli-plugins holds buildx
#   up       install + buildx + start + images (a failed buildx download only warns: the
#            buildx tests then skip, or fail under CI=true)
#
# State (engine data, images, logs, debootstrap tarball) lives in $DOCKWRIGHT_SANDBOX_DIR,
# default <repo>/.docker-sandbox (git-ignored), and is kept between runs so a warm `up` takes
# seconds. No image registry is reachable here, so the base images Dockerfiles name are built
# locally from Debian packages: see shared/DOCKER-ENGINE.md.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${DOCKWRIGHT_SANDBOX_DIR:-$REPO/.docker-sandbox}"
mkdir -p "$STATE"
STATE="$(cd "$STATE" && pwd)"
DOCKER=/usr/bin/docker
# Debian's docker.io puts the daemon in /usr/sbin; the client is /usr/bin/docker (the `docker`
# first on PATH may be a newer client without buildx: never use that one here).
DOCKERD=/usr/sbin/dockerd
[ -x "$DOCKERD" ] || [ ! -x /usr/bin/dockerd ] || DOCKERD=/usr/bin/dockerd
MIRROR="${DOCKWRIGHT_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=bookworm

# Unix socket paths are limited to 108 bytes, and dockerd/containerd put sockets below the
# exec-root, so the exec-root lives in a short directory named after the state dir.
STATE_ID="$(printf '%s' "$STATE" | sha1sum | cut -c1-10)"
RUN_DIR="/tmp/dw-$STATE_ID"
EXEC_ROOT="$RUN_DIR/exec"
if [ "${#STATE}" -le 80 ]; then SOCK="$STATE/docker.sock"; else SOCK="$RUN_DIR/docker.sock"; fi
PIDFILE="$STATE/docker.pid"
# Each sandbox gets its own bridge and subnet: several engines on one machine (developers'
# and CI's) sharing docker0 would hand out the same container addresses.
BRIDGE="dw${STATE_ID:0:8}"
LOG="$STATE/dockerd.log"
export DOCKER_HOST="unix://$SOCK"

log() { printf '[docker-sandbox] %s\n' "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

engine_ready() { [ -S "$SOCK" ] && "$DOCKER" info >/dev/null 2>&1; }

# alive PID [NAME]: PID is a live (not zombie) process, called NAME if given.
alive() {
  local stat
  [ -n "$1" ] && [ -r "/proc/$1/comm" ] || return 1
  [ -z "${2:-}" ] || [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ] || return 1
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [ "${stat%% *}" != Z ]
}

# The pid in $PIDFILE when it belongs to a live dockerd, else nothing.
daemon_pid() {
  local pid
  [ -f "$PIDFILE" ] || return 0
  pid="$(tr -dc '0-9' <"$PIDFILE")"
  if alive "$pid" dockerd; then echo "$pid"; fi
}

# Networking. Several engines may run on one machine (developers' and CI's sandboxes), so each
# gets its own bridge and 172.30.X.0/24 instead of sharing docker0, and runs with
# --iptables=false: an engine that manages iptables flushes the DOCKER chains and, when its
# default bridge changes, deletes the rules of the old one, which another engine may be using.
# This script adds the few rules its containers need (forwarding and masquerading for their
# outbound traffic: apt and npm in RUN steps) and removes them on stop. Published ports go
# through docker-proxy, so `-p 127.0.0.1:PORT:8000` needs no NAT rule.
BRIDGE_ARGS=()

# ensure_rule TABLE CHAIN RULE...: insert RULE at the top of CHAIN unless it is there.
ensure_rule() {
  local table="$1" chain="$2"
  shift 2
  iptables -w -t "$table" -C "$chain" "$@" 2>/dev/null || iptables -w -t "$table" -I "$chain" "$@"
}

# drop_rule TABLE CHAIN RULE...: delete every copy of RULE.
drop_rule() {
  local table="$1" chain="$2"
  shift 2
  while iptables -w -t "$table" -C "$chain" "$@" 2>/dev/null; do
    iptables -w -t "$table" -D "$chain" "$@" || break
  done
}

bridge_subnet() { ip -4 -o addr show dev "$BRIDGE" 2>/dev/null | awk '{print $4; exit}'; }

setup_network() {
  if ! command -v ip >/dev/null 2>&1 || ! command -v iptables >/dev/null 2>&1; then
    log "no 'ip' or 'iptables' command: the engine uses docker0 and its own iptables rules"
    return 0
  fi
  ip link show "$BRIDGE" >/dev/null 2>&1 || ip link add name "$BRIDGE" type bridge
  if [ -z "$(bridge_subnet)" ]; then
    local n x net used
    used="$(ip -4 route show | awk '{print $1}'; ip -4 addr show | awk '/inet /{print $2}')"
    for n in $(seq 0 255); do
      x=$(((16#${STATE_ID:0:2} + n) % 256))
      net="172.30.$x"
      if ! printf '%s\n' "$used" | grep -q "^${net//./\\.}\\."; then break; fi
    done
    ip addr add "$net.1/24" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
  local subnet
  subnet="$(bridge_subnet)"
  sysctl -qw net.ipv4.ip_forward=1 2>/dev/null || echo 1 >/proc/sys/net/ipv4/ip_forward
  ensure_rule nat POSTROUTING -s "$subnet" ! -o "$BRIDGE" -j MASQUERADE
  ensure_rule filter FORWARD -o "$BRIDGE" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
  ensure_rule filter FORWARD -i "$BRIDGE" -j ACCEPT
  BRIDGE_ARGS=(--bridge "$BRIDGE" --iptables=false)
}

teardown_network() {
  command -v ip >/dev/null 2>&1 && ip link show "$BRIDGE" >/dev/null 2>&1 || return 0
  local subnet
  subnet="$(bridge_subnet)"
  if command -v iptables >/dev/null 2>&1; then
    [ -z "$subnet" ] || drop_rule nat POSTROUTING -s "$subnet" ! -o "$BRIDGE" -j MASQUERADE
    drop_rule filter FORWARD -o "$BRIDGE" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
    drop_rule filter FORWARD -i "$BRIDGE" -j ACCEPT
  fi
  ip link delete "$BRIDGE" 2>/dev/null || true
}

cmd_install() {
  # docker-registry: a local registry for the push tests (@dockwright/build, create-container-app).
  if [ -x "$DOCKERD" ] && [ -x "$DOCKER" ] && command -v debootstrap >/dev/null 2>&1 &&
    command -v docker-registry >/dev/null 2>&1; then
    return 0
  fi
  [ "$(id -u)" = 0 ] || die "install needs root (apt-get)"
  log "installing docker.io, debootstrap and docker-registry from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker.io debootstrap iptables iproute2 ca-certificates docker-registry \
    >"$STATE/apt-install.log" 2>&1 || {
    tail -n 40 "$STATE/apt-install.log" >&2
    die "apt-get install failed"
  }
  [ -x /usr/sbin/dockerd ] && DOCKERD=/usr/sbin/dockerd
  [ -x "$DOCKERD" ] || die "$DOCKERD missing after install"
}

# docker-buildx, from Debian trixie (bookworm has none; the binary needs glibc >= 2.34, which
# bookworm has). Pinned: the tests run against a known buildx. To move on, take Version and
# SHA256 of docker-buildx from $MIRROR/dists/trixie/main/binary-amd64/Packages.xz.
BUILDX_VERSION="${DOCKWRIGHT_BUILDX_VERSION:-0.13.1+ds1-3}"
BUILDX_SHA256="${DOCKWRIGHT_BUILDX_SHA256:-fcf8c48204d1603c8f209451d7827eb91bf30759578baf7704e9e1a87e5f1d7f}"
# A DOCKER_CONFIG directory holding only cli-plugins/docker-buildx: `DOCKER_CONFIG=$it docker
# buildx ...`. The system's docker client stays without buildx (the built-in BuildKit path).
BUILDX_CONFIG="$STATE/buildx-config"
BUILDX_PLUGIN="$BUILDX_CONFIG/cli-plugins/docker-buildx"

buildx_ready() { [ -x "$BUILDX_PLUGIN" ] && "$BUILDX_PLUGIN" version 2>/dev/null | grep -qF " ${BUILDX_VERSION%%-*}"; }

# Returns 1 (after a warning) when buildx cannot be had: `up` goes on without it.
cmd_buildx() {
  if buildx_ready; then
    log "docker-buildx $BUILDX_VERSION is installed ($BUILDX_PLUGIN)"
    return 0
  fi
  local arch deb url tmp
  arch="$(dpkg --print-architecture 2>/dev/null || echo unknown)"
  if [ "$arch" != amd64 ] && [ -z "${DOCKWRIGHT_BUILDX_SHA256:-}" ]; then
    log "WARNING: no pinned docker-buildx for $arch (set DOCKWRIGHT_BUILDX_VERSION and DOCKWRIGHT_BUILDX_SHA256)"
    return 1
  fi
  mkdir -p "$STATE/cache"
  deb="$STATE/cache/docker-buildx_${BUILDX_VERSION}_$arch.deb"
  url="$MIRROR/pool/main/d/docker-buildx/docker-buildx_${BUILDX_VERSION}_$arch.deb"
  if [ ! -s "$deb" ] || ! printf '%s  %s\n' "$BUILDX_SHA256" "$deb" | sha256sum -c --status 2>/dev/null; then
    log "downloading $url"
    if ! { if command -v curl >/dev/null; then curl -fsSL --retry 2 --max-time 300 -o "$deb.tmp" "$url"; else
      wget -q --tries=3 --timeout=60 -O "$deb.tmp" "$url"; fi; }; then
      rm -f "$deb.tmp"
      log "WARNING: could not download docker-buildx from $url: the buildx tests will skip (and fail under CI=true)"
      return 1
    fi
    if ! printf '%s  %s\n' "$BUILDX_SHA256" "$deb.tmp" | sha256sum -c --status 2>/dev/null; then
      log "WARNING: $url does not have the pinned SHA256 $BUILDX_SHA256 (got $(sha256sum "$deb.tmp" | cut -c1-64)); not installed"
      rm -f "$deb.tmp"
      return 1
    fi
    mv "$deb.tmp" "$deb"
  fi
  tmp="$(mktemp -d "$STATE/buildx.XXXXXX")"
  if ! dpkg-deb -x "$deb" "$tmp" || ! "$tmp/usr/libexec/docker/cli-plugins/docker-buildx" version >/dev/null 2>&1; then
    rm -rf "$tmp"
    log "WARNING: the docker-buildx of $deb does not run here (it needs glibc >= 2.34); not installed"
    return 1
  fi
  mkdir -p "$BUILDX_CONFIG/cli-plugins"
  chmod 755 "$BUILDX_CONFIG" "$BUILDX_CONFIG/cli-plugins"
  mv -f "$tmp/usr/libexec/docker/cli-plugins/docker-buildx" "$BUILDX_PLUGIN"
  rm -rf "$tmp"
  log "installed $("$BUILDX_PLUGIN" version) at $BUILDX_PLUGIN"
}

cmd_start() {
  [ -x "$DOCKERD" ] || die "$DOCKERD not found: run '$0 install' first"
  if engine_ready; then
    log "engine already running ($DOCKER_HOST)"
    return 0
  fi
  local pid
  pid="$(daemon_pid)"
  if [ -n "$pid" ]; then
    log "dockerd (pid $pid) is running but not answering yet; waiting"
  else
    # Stale leftovers from a killed daemon: a pid file naming a dead or foreign process, a
    # socket nobody listens on, containerd's pid file in the old exec-root.
    if [ -e "$PIDFILE" ]; then
      log "removing stale pid file $PIDFILE"
      rm -f "$PIDFILE"
    fi
    rm -f "$SOCK"
    local cpid cpidfile="$EXEC_ROOT/containerd/containerd.pid"
    if [ -f "$cpidfile" ]; then
      cpid="$(tr -dc '0-9' <"$cpidfile")"
      alive "$cpid" containerd || rm -f "$cpidfile"
    fi
    mkdir -p "$STATE/data" "$EXEC_ROOT" "$(dirname "$SOCK")"
    setup_network
    log "starting dockerd on $DOCKER_HOST (data: $STATE/data, bridge: ${BRIDGE_ARGS[1]:-docker0}, log: $LOG)"
    # setsid + nohup: the daemon outlives this script; `stop` ends it by its pid file.
    setsid nohup "$DOCKERD" \
      --data-root "$STATE/data" \
      --exec-root "$EXEC_ROOT" \
      -H "unix://$SOCK" \
      --pidfile "$PIDFILE" \
      "${BRIDGE_ARGS[@]}" \
      >>"$LOG" 2>&1 </dev/null 9>&- &
    pid=$!
  fi
  local deadline=$((SECONDS + ${DOCKWRIGHT_SANDBOX_START_TIMEOUT:-60}))
  until engine_ready; do
    if ! alive "$pid"; then
      log "dockerd exited; last lines of $LOG:"
      tail -n 40 "$LOG" >&2 || true
      die "engine did not start"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "dockerd did not answer in time; last lines of $LOG:"
      tail -n 40 "$LOG" >&2 || true
      die "engine not ready"
    fi
    sleep 0.5
  done
  log "engine ready: $("$DOCKER" version --format 'server {{.Server.Version}}' 2>/dev/null)"
}

cmd_stop() {
  local pid
  pid="$(daemon_pid)"
  if [ -z "$pid" ]; then
    rm -f "$PIDFILE"
    teardown_network
    log "engine not running"
    return 0
  fi
  log "stopping dockerd (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 60); do
    [ -d "/proc/$pid" ] || break
    sleep 0.5
  done
  if [ -d "/proc/$pid" ]; then
    log "dockerd still alive after 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$PIDFILE"
  teardown_network
  log "engine stopped"
}

cmd_status() {
  if engine_ready; then
    echo "running: $DOCKER_HOST"
  else
    echo "not running"
    return 1
  fi
}

cmd_env() {
  printf 'export DOCKER_HOST=%q\n' "unix://$SOCK"
  printf 'export DOCKWRIGHT_DOCKER=%q\n' "$DOCKER"
  if [ -x "$BUILDX_PLUGIN" ]; then printf 'export DOCKWRIGHT_BUILDX_CONFIG=%q\n' "$BUILDX_CONFIG"; fi
}

# ---------------------------------------------------------------------------------------
# images

# Label carrying a hash of everything an image is made from; a tag whose image carries the
# same hash is kept, any other is rebuilt.
RECIPE_LABEL=dev.dockwright.sandbox.recipe

image_recipe() { "$DOCKER" image inspect --format "{{index .Config.Labels \"$RECIPE_LABEL\"}}" "$1" 2>/dev/null || true; }

# up_to_date RECIPE TAG...: all tags exist and carry RECIPE.
up_to_date() {
  local recipe="$1" tag
  shift
  for tag in "$@"; do
    [ "$(image_recipe "$tag")" = "$recipe" ] || return 1
  done
}

build_image() { # build_image DIR TAG... (first tag is built, the rest are aliases)
  local dir="$1" main="$2" tag start old
  shift 2
  old="$("$DOCKER" image inspect --format '{{.Id}}' "$main" 2>/dev/null || true)"
  start=$SECONDS
  log "building $main (log: $STATE/build-${main//[:\/]/_}.log)"
  if ! DOCKER_BUILDKIT=1 "$DOCKER" build --progress=plain -t "$main" "$dir" \
    >"$STATE/build-${main//[:\/]/_}.log" 2>&1; then
    tail -n 60 "$STATE/build-${main//[:\/]/_}.log" >&2
    die "build of $main failed"
  fi
  for tag in "$@"; do "$DOCKER" tag "$main" "$tag"; done
  # The image these tags named before, now dangling (fails harmlessly while a container uses it).
  # DOCKWRIGHT_SANDBOX_KEEP_OLD=1 keeps it: an engine others are building on at the same time.
  if [ -n "$old" ] && [ "${DOCKWRIGHT_SANDBOX_KEEP_OLD:-0}" != 1 ] &&
    [ "$old" != "$("$DOCKER" image inspect --format '{{.Id}}' "$main")" ]; then
    "$DOCKER" image rm "$old" >/dev/null 2>&1 || true
  fi
  log "built $main in $((SECONDS - start)) s"
}

untag() { "$DOCKER" image rm "$@" >/dev/null 2>&1 || true; }

base_image() {
  local tar="$STATE/cache/$SUITE-minbase.tar"
  local recipe="base-v1 $SUITE $MIRROR"
  recipe="$(printf '%s' "$recipe" | sha256sum | cut -c1-16)"
  if up_to_date "$recipe" dockwright/debian-base debian:bookworm-slim debian:12-slim; then
    log "dockwright/debian-base is up to date"
    return 0
  fi
  if [ ! -s "$tar" ]; then
    command -v debootstrap >/dev/null || die "debootstrap missing: run '$0 install'"
    local rootfs="$STATE/cache/rootfs.tmp" start=$SECONDS
    rm -rf "$rootfs"
    mkdir -p "$rootfs"
    log "debootstrap --variant=minbase $SUITE from $MIRROR (about 30 s)"
    if ! debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >"$STATE/debootstrap.log" 2>&1; then
      tail -n 40 "$STATE/debootstrap.log" >&2
      rm -rf "$rootfs"
      die "debootstrap failed"
    fi
    # Like the official debian images: deb822 sources with updates + security, no apt
    # lists or downloaded packages left behind (a Dockerfile runs apt-get update itself).
    rm -f "$rootfs/etc/apt/sources.list"
    cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${MIRROR%/debian}/debian-security
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin \
      "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/log/*.log "$rootfs"/tmp/*
    tar --numeric-owner -C "$rootfs" -cf "$tar.tmp" .
    mv "$tar.tmp" "$tar"
    rm -rf "$rootfs"
    log "rootfs tarball cached at $tar ($((SECONDS - start)) s)"
  else
    log "using cached rootfs $tar"
  fi
  untag dockwright/debian-base debian:bookworm-slim debian:12-slim
  # docker import takes no labels, so a one-line build on top of the import adds the recipe.
  "$DOCKER" import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'CMD ["bash"]' \
    "$tar" dockwright/debian-base:import >/dev/null
  local dir
  dir="$(mktemp -d)"
  printf 'FROM dockwright/debian-base:import\nLABEL %s=%s\n' "$RECIPE_LABEL" "$recipe" >"$dir/Dockerfile"
  build_image "$dir" dockwright/debian-base debian:bookworm-slim debian:12-slim
  untag dockwright/debian-base:import
  rm -rf "$dir"
}

write_python_context() {
  local dir="$1"
  cat >"$dir/make_wheels.py" <<'PY'
"""Pack Debian's dist-packages installs of some distributions into wheels.

Usage: make_wheels.py [--dist DIR] OUTDIR NAME...  (NAME = distribution name, e.g. Flask)
DIR is the dist-packages directory to read (default the system's). Each wheel holds the
distribution's top-level packages/modules and a *.dist-info with METADATA (the egg-info's
PKG-INFO, or the dist-info's own METADATA), WHEEL, entry_points.txt and RECORD.
"""
import base64
import glob
import hashlib
import os
import re
import sys
import zipfile

args = sys.argv[1:]
DIST = "/usr/lib/python3/dist-packages"
if args[:1] == ["--dist"]:
    DIST, args = args[1], args[2:]
out, wanted = args[0], args[1:]


def key(name):
    return re.sub(r"[-_.]+", "-", name).lower()


# Debian's older packages install an *.egg-info (PKG-INFO), newer ones (built from
# pyproject.toml) a *.dist-info (METADATA, with upstream's Requires-Dist kept); an egg-info
# wins over a dist-info of the same name.
eggs = {}
for egg in glob.glob(os.path.join(DIST, "*.dist-info")) + glob.glob(os.path.join(DIST, "*.egg-info")):
    base = re.sub(r"\.(egg|dist)-info$", "", os.path.basename(egg))
    base = re.sub(r"-py\d+\.\d+$", "", base)
    name, _, version = base.rpartition("-")
    eggs[key(name)] = (egg, name, version)


def read(egg, member):
    if member == "PKG-INFO" and egg.endswith(".dist-info"):
        member = "METADATA"
    path = os.path.join(egg, member) if os.path.isdir(egg) else (egg if member == "PKG-INFO" else None)
    if path and os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            return f.read()
    return None


def requires_dist(text):
    """Translate an egg-info requires.txt into Requires-Dist lines."""
    lines, marker = [], ""
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            extra, _, cond = section.partition(":")
            parts = []
            if extra:
                parts.append('extra == "%s"' % extra)
            if cond:
                parts.append("(%s)" % cond if extra else cond)
            marker = " and ".join(parts)
            continue
        lines.append("Requires-Dist: " + line + ("; " + marker if marker else ""))
    return lines


# Debian drops install_requires from its egg-info's requires.txt; these are the upstream install_requires of the
# versions bookworm ships, so `pip install flask` pulls in what Flask needs, as from PyPI.
KNOWN_REQUIRES = {
    "flask": ["Werkzeug>=2.2.2", "Jinja2>=3.0", "itsdangerous>=2.0", "click>=8.0"],
    "werkzeug": ["MarkupSafe>=2.1.1"],
    "jinja2": ["MarkupSafe>=2.0"],
    "gunicorn": ["setuptools>=3.0"],
}
KNOWN_REQUIRES = {k: ["Requires-Dist: " + r for r in v] for k, v in KNOWN_REQUIRES.items()}

for want in wanted:
    if key(want) not in eggs:
        sys.exit("no egg-info for %s in %s" % (want, DIST))
    egg, name, version = eggs[key(want)]
    pkg_info = read(egg, "PKG-INFO")
    if pkg_info is None:
        sys.exit("no PKG-INFO for " + name)
    # Name as PKG-INFO spells it (the egg-info file name may differ in case).
    m = re.search(r"^Name: (.+)$", pkg_info, re.M)
    name = m.group(1).strip() if m else name
    top = (read(egg, "top_level.txt") or "").split() or [name.lower().replace("-", "_")]
    files = []  # (arcname, fullpath)
    for t in top:
        d = os.path.join(DIST, t)
        if os.path.isdir(d):
            for root, dirs, names in os.walk(d):
                dirs[:] = sorted(x for x in dirs if x != "__pycache__")
                for n in sorted(names):
                    if n.endswith((".pyc", ".pyo")):
                        continue
                    full = os.path.join(root, n)
                    files.append((os.path.relpath(full, DIST), full))
        for full in sorted(glob.glob(os.path.join(DIST, t + ".py")) + glob.glob(os.path.join(DIST, t + ".*.so"))):
            files.append((os.path.relpath(full, DIST), full))
    if not files:
        sys.exit("no files for %s (top level: %s)" % (name, top))
    pure = not any(a.endswith(".so") for a, _ in files)
    tag = "py3-none-any" if pure else "cp%d%d-cp%d%d-linux_x86_64" % (sys.version_info[:2] * 2)
    metadata = pkg_info.rstrip("\n") + "\n"
    if "Requires-Dist:" not in metadata:
        reqs = requires_dist(read(egg, "requires.txt"))
        # Debian keeps only the extras in requires.txt: add the plain install_requires back.
        if not any(";" not in r for r in reqs):
            reqs = KNOWN_REQUIRES.get(key(name), []) + reqs
        if reqs:
            head, sep, body = metadata.partition("\n\n")
            metadata = head + "\n" + "\n".join(reqs) + sep + body
    escaped = re.sub(r"[^\w\d.]+", "_", name)
    info = "%s-%s.dist-info" % (escaped, version)
    extra = {
        info + "/METADATA": metadata,
        info + "/WHEEL": "Wheel-Version: 1.0\nGenerator: dockwright-docker-sandbox\n"
        "Root-Is-Purelib: %s\nTag: %s\n" % ("true" if pure else "false", tag),
    }
    eps = read(egg, "entry_points.txt")
    if eps:
        extra[info + "/entry_points.txt"] = eps
    extra[info + "/top_level.txt"] = "\n".join(top) + "\n"
    record = []
    whl = os.path.join(out, "%s-%s-%s.whl" % (escaped, version, tag))
    with zipfile.ZipFile(whl, "w", zipfile.ZIP_DEFLATED) as z:
        def add(arc, data):
            z.writestr(arc, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append("%s,sha256=%s,%d" % (arc, digest, len(data)))

        for arc, full in files:
            with open(full, "rb") as f:
                add(arc, f.read())
        for arc, text in extra.items():
            add(arc, text.encode("utf-8"))
        record.append(info + "/RECORD,,")
        z.writestr(info + "/RECORD", "\n".join(record) + "\n")
    print("packed", os.path.basename(whl), "(%d files)" % len(files))
PY
  # Debian's Poetry 1.3.2 comes without poetry-plugin-export (its `poetry export`), and PyPI
  # is out of reach: a clearly named stand-in gives `poetry export` for the one use the
  # generated Dockerfiles make of it, built on Poetry's own lock reader.
  cat >"$dir/dockwright_poetry_export_standin.py" <<'PY'
"""dockwright's STAND-IN for poetry-plugin-export (Debian's Poetry 1.3.2 ships without it,
and PyPI cannot be reached on this network). Not the real plugin: it supports only

  poetry export --only main --format requirements.txt --output FILE   (optionally --without-hashes)

the way create-container-app's Dockerfiles run it, built on Poetry's own lock reader: the
packages poetry.lock pins for the project's main group, with their markers and the sha256
hashes poetry.lock records.
"""
from cleo.helpers import option
from poetry.console.commands.group_command import GroupCommand
from poetry.plugins.application_plugin import ApplicationPlugin


class ExportCommand(GroupCommand):
    name = "export"
    description = "Exports the lock file as requirements.txt (dockwright stand-in for poetry-plugin-export)."
    options = [
        option("format", "f", "Format to export to (requirements.txt only).", flag=False, default="requirements.txt"),
        option("output", "o", "The file to write to.", flag=False),
        option("without-hashes", None, "Leave the hashes out."),
        *GroupCommand._group_dependency_options(),
    ]

    def handle(self) -> int:
        if self.option("format") != "requirements.txt":
            self.line_error("<error>The export stand-in writes requirements.txt only.</error>")
            return 2
        locker = self.poetry.locker
        if not locker.is_locked():
            self.line_error("<error>poetry.lock not found.</error>")
            return 1
        if not locker.is_fresh():
            self.line_error("<warning>Warning: poetry.lock is not consistent with pyproject.toml.</warning>")
        root = self.project_with_activated_groups_only()
        locked = {package.name: package for package in locker.locked_repository().packages}
        # Walk from the project's requirements through the locked packages' own, keeping the
        # markers along the way (a package needed only on Windows keeps that marker).
        chosen = {}
        todo = [(dependency, dependency.marker) for dependency in root.all_requires]
        while todo:
            dependency, marker = todo.pop()
            if dependency.is_optional():
                continue
            package = locked.get(dependency.name)
            if package is None:
                self.line_error(f"<error>poetry.lock has no {dependency.name}: run poetry lock.</error>")
                return 1
            if package.name in chosen:
                known, known_marker = chosen[package.name]
                union = known_marker.union(marker)
                if str(union) == str(known_marker):
                    continue
                chosen[package.name] = (known, union)
            else:
                chosen[package.name] = (package, marker)
            todo.extend((req, marker.intersect(req.marker)) for req in package.requires)
        lines = []
        for name in sorted(chosen):
            package, marker = chosen[name]
            line = f"{package.pretty_name}=={package.version}"
            if not marker.is_any():
                line += f" ; {marker}"
            if not self.option("without-hashes"):
                for f in package.files:
                    line += f" \\\n    --hash={f['hash']}"
            lines.append(line)
        text = "".join(f"{line}\n" for line in lines)
        output = self.option("output")
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.io.write(text)
        return 0


class ExportPlugin(ApplicationPlugin):
    @property
    def commands(self):
        return [ExportCommand]
PY
  cat >"$dir/Dockerfile" <<'EOF'
FROM dockwright/debian-base AS wheels
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-flask gunicorn python3-wheel \
      python3-pip-whl python3-setuptools-whl \
 && rm -rf /var/lib/apt/lists/*
# Newer pure-Python releases from trixie, unpacked aside (not installed): gunicorn 23.0.0, the
# version the templates pin, whose metadata requires packaging (not setuptools, as bookworm's
# 20.1.0 does), as on PyPI; packaging; blinker (Flask 3 needs it; the bench adds it as a new
# dependency). apt checks them against trixie's signed Release. Bookworm's gunicorn 20.1.0
# stays in the wheelhouse beside 23.0.0 for requirements that pin it.
RUN sed -e 's/^Suites: .*/Suites: trixie/' -e '/^$/,$d' /etc/apt/sources.list.d/debian.sources \
      >/etc/apt/sources.list.d/trixie.sources \
 && apt-get update \
 && mkdir /tmp/trixie && cd /tmp/trixie \
 && apt-get download python3-gunicorn/trixie python3-packaging/trixie python3-blinker/trixie \
 && for deb in *.deb; do dpkg-deb -x "$deb" /trixie; done \
 && rm -rf /tmp/trixie /var/lib/apt/lists/* /etc/apt/sources.list.d/trixie.sources
COPY make_wheels.py /make_wheels.py
RUN mkdir /wheels \
 && python3 /make_wheels.py /wheels Flask Werkzeug Jinja2 itsdangerous click MarkupSafe gunicorn wheel \
 && python3 /make_wheels.py --dist /trixie/usr/lib/python3/dist-packages /wheels gunicorn packaging blinker \
 && cp /usr/share/python-wheels/pip-*.whl /usr/share/python-wheels/setuptools-*.whl /wheels/ \
 && ls -l /wheels

FROM dockwright/debian-base
# python3-poetry: Debian's Poetry 1.3.2, so `pip install "poetry==1.3.2"` in a Dockerfile is
# already satisfied offline (the real image has no Poetry; pip would fetch it from PyPI).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-pip python3-venv python3-poetry \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s /usr/bin/python3 /usr/local/bin/python \
 && { [ -e /usr/bin/pip ] || ln -s /usr/bin/pip3 /usr/local/bin/pip; }
COPY dockwright_poetry_export_standin.py /usr/lib/python3/dist-packages/
# Debian's Poetry keeps upstream's Requires-Dist (exact pins of its dependencies, the export
# plugin among them) though Debian ships other versions: pip would call the install incomplete
# and look for them on PyPI. Without that list, pip takes Debian's Poetry as installed.
RUN sed -i '/^Requires-Dist:/d' /usr/lib/python3/dist-packages/poetry-*.dist-info/METADATA
RUN info=/usr/lib/python3/dist-packages/dockwright_poetry_export_standin-0.0.0.dist-info \
 && mkdir "$info" \
 && printf 'Metadata-Version: 2.1\nName: dockwright-poetry-export-standin\nVersion: 0.0.0\n' >"$info/METADATA" \
 && printf '[poetry.application.plugin]\nexport = dockwright_poetry_export_standin:ExportPlugin\n' >"$info/entry_points.txt" \
 && printf 'dockwright_poetry_export_standin.py,,\n' >"$info/RECORD"
COPY --from=wheels /wheels /wheels
# Debian marks its Python as externally managed; the official image does not.
# PyPI is not reachable here: pip installs from the wheelhouse (Debian's packages, repacked).
ENV LANG=C.UTF-8 \
    PIP_BREAK_SYSTEM_PACKAGES=1 \
    PIP_NO_INDEX=1 \
    PIP_FIND_LINKS=/wheels
CMD ["python3"]
EOF
}

write_node_context() {
  local dir="$1" node_bin node_prefix
  node_bin="$(readlink -f "$(command -v node)")"
  node_prefix="$(dirname "$(dirname "$node_bin")")"
  [ -d "$node_prefix/lib/node_modules/npm" ] || die "no npm beside $node_bin"
  mkdir -p "$dir/node_modules"
  cp "$node_bin" "$dir/node"
  cp -a "$node_prefix/lib/node_modules/npm" "$dir/node_modules/"
  if [ -d "$node_prefix/lib/node_modules/corepack" ]; then
    cp -a "$node_prefix/lib/node_modules/corepack" "$dir/node_modules/"
  else
    mkdir -p "$dir/node_modules/corepack"
  fi
  cp /etc/ssl/certs/ca-certificates.crt "$dir/ca-certificates.crt"
  # The official images' entrypoint: run node when the first argument is a flag or no command.
  cat >"$dir/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
EOF
  chmod +x "$dir/docker-entrypoint.sh"
  cat >"$dir/Dockerfile" <<EOF
FROM dockwright/debian-base
RUN groupadd --gid 1000 node \\
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \\
 && apt-get update \\
 && apt-get install -y --no-install-recommends libstdc++6 \\
 && rm -rf /var/lib/apt/lists/*
COPY node /usr/local/bin/node
COPY node_modules /usr/local/lib/node_modules
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
# The machine's CA bundle, for npm/corepack through this network; kept apart from
# /etc/ssl/certs so an apt-get install ca-certificates in a Dockerfile does not drop it.
COPY ca-certificates.crt /usr/local/share/dockwright/ca-certificates.crt
# Corepack, adapted to this network: the npm registry here serves package metadata without
# the signatures corepack checks ("No compatible signature found in package metadata"), and
# repo.yarnpkg.com is unreachable, so Yarn 2+ comes from the npm registry (@yarnpkg/cli-dist).
ENV NODE_VERSION=$("$node_bin" --version | tr -d v) \\
    NODE_EXTRA_CA_CERTS=/usr/local/share/dockwright/ca-certificates.crt \\
    COREPACK_INTEGRITY_KEYS=0 \\
    COREPACK_NPM_REGISTRY=https://registry.npmjs.org
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && if [ -f /usr/local/lib/node_modules/corepack/dist/corepack.js ]; then \\
      ln -s ../lib/node_modules/corepack/dist/corepack.js /usr/local/bin/corepack; fi \\
 && npm install -g --no-fund --no-audit yarn@1 \\
 && npm cache clean --force \\
 && rm -rf /root/.npm /tmp/* \\
 && node --version && npm --version && yarn --version
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
EOF
}

# verify IMAGE SCRIPT: run SCRIPT in a throwaway container of IMAGE.
verify() {
  local image="$1" script="$2" out
  if ! out="$("$DOCKER" run --rm --entrypoint /bin/sh "$image" -ec "$script" 2>&1)"; then
    printf '%s\n' "$out" >&2
    return 1
  fi
  printf '%s\n' "$out" | sed 's/^/    /' >&2
}

PY_VERIFY='
python --version
python -m venv /tmp/v
/tmp/v/bin/pip install -q flask==2.2.2 gunicorn==20.1.0 werkzeug==2.2.2 jinja2==3.1.2 \
  itsdangerous==2.1.2 click==8.1.3 markupsafe==2.1.2
/tmp/v/bin/gunicorn --version
/tmp/v/bin/python -c "import flask, markupsafe; print(\"flask\", flask.__version__)"
python -m venv /tmp/w
/tmp/w/bin/pip install -q flask gunicorn
/tmp/w/bin/python -c "import flask, werkzeug, jinja2, markupsafe, itsdangerous, click, packaging"
/tmp/w/bin/gunicorn --version
echo "pip install flask gunicorn (unpinned, dependencies resolved from /wheels): ok"
poetry --version
pip install -q "poetry==1.3.2"
poetry export --help | grep -q "dockwright stand-in"
echo "poetry export (stand-in plugin): ok"
'
NODE_VERIFY='
v=$(node --version); echo "node $v"
v=$(npm --version); echo "npm $v"
v=$(yarn --version); echo "yarn $v"
v=$(cd /tmp && corepack pnpm --version); echo "corepack pnpm $v"
corepack enable pnpm
v=$(cd /tmp && pnpm --version); echo "pnpm (after corepack enable pnpm) $v"
id node
'

# The recipe label of a stand-in: a hash of what its context writer produced, so a change to
# the writer (or to what it copies in) rebuilds the image.
python_recipe() { cat "$1/Dockerfile" "$1/make_wheels.py" "$1/dockwright_poetry_export_standin.py" | sha256sum | cut -c1-16; }
node_recipe() {
  printf '%s-%s\n' "$(cat "$1/Dockerfile" "$1/docker-entrypoint.sh" | sha256sum | cut -c1-16)" \
    "$(cat "$1/node" "$1/ca-certificates.crt" "$1"/node_modules/*/package.json | sha256sum | cut -c1-8)"
}

# stand_in NAME WHAT VERIFY_SCRIPT TAG...: writes the context with write_NAME_context, skips the
# build when every TAG already carries NAME_recipe's hash, else builds, labels and verifies:
# VERIFY_SCRIPT run in the first TAG, or, when it is empty, verify_NAME on the first TAG.
stand_in() {
  local name="$1" what="$2" script="$3" dir recipe
  shift 3
  dir="$(mktemp -d)"
  "write_${name}_context" "$dir"
  recipe="$("${name}_recipe" "$dir")"
  if up_to_date "$recipe" "$@"; then
    log "$name stand-in ($*) is up to date"
    rm -rf "$dir"
    return 0
  fi
  printf 'LABEL %s=%s\n' "$RECIPE_LABEL" "$recipe" >>"$dir/Dockerfile"
  build_image "$dir" "$@"
  rm -rf "$dir"
  log "verifying $name stand-in ($what)"
  if [ -n "$script" ]; then verify "$1" "$script"; else "verify_$name" "$1"; fi || {
    untag "$@"
    die "$name stand-in failed verification"
  }
}

# uv cannot be fetched here (PyPI and ghcr.io are out of reach; Debian has none). The
# generated Dockerfiles mount /uv from ghcr.io/astral-sh/uv:<tag> for their install step: this
# image stands in for that one, with a clearly named stand-in `uv` that runs only what those
# Dockerfiles run (see its docstring), on the python stand-in's wheelhouse.
UV_STANDIN_TAGS=(ghcr.io/astral-sh/uv:0.8)

write_uv_context() {
  local dir="$1"
  cat >"$dir/uv" <<'PY'
#!/usr/bin/env python3
"""dockwright's uv STAND-IN. This is not uv (astral-sh/uv cannot be fetched on this network).

It supports only the commands create-container-app's Dockerfiles run, with uv's meaning:

  uv --version
  uv sync --project DIR --locked --no-dev --no-install-project
      env: UV_PROJECT_ENVIRONMENT (the venv), UV_COMPILE_BYTECODE, UV_LINK_MODE,
           UV_PYTHON_DOWNLOADS (accepted, ignored)

`sync` checks that DIR/uv.lock matches DIR/pyproject.toml (the dependency names, as
`--locked` does), takes the packages uv.lock pins for the project's dependencies (no dev
groups, markers evaluated for this interpreter), creates the venv without pip and installs
exactly those versions with pip from the offline wheelhouse, each file checked against the
sha256 hash uv.lock records. Anything else is refused with exit code 2.
"""
import os
import re
import subprocess
import sys
import tempfile
import tomllib

VERSION = "0.8.0 (dockwright stand-in)"


def fail(message, code=2):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(code)


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def main(argv):
    if argv in (["--version"], ["-V"], ["version"]):
        print(f"uv {VERSION}")
        return 0
    if not argv or argv[0] != "sync":
        fail(f"the uv stand-in supports only `uv sync` and `uv --version`, not: uv {' '.join(argv)}")
    project, flags = ".", set()
    args = argv[1:]
    while args:
        arg = args.pop(0)
        if arg == "--project" and args:
            project = args.pop(0)
        elif arg.startswith("--project="):
            project = arg.split("=", 1)[1]
        elif arg in ("--locked", "--no-dev", "--no-install-project", "--frozen"):
            flags.add(arg)
        else:
            fail(f"the uv stand-in does not support `{arg}`")
    if "--no-dev" not in flags or "--no-install-project" not in flags:
        fail("the uv stand-in supports only `uv sync --no-dev --no-install-project`")
    with open(os.path.join(project, "pyproject.toml"), "rb") as f:
        pyproject = tomllib.load(f)
    try:
        with open(os.path.join(project, "uv.lock"), "rb") as f:
            lock = tomllib.load(f)
    except FileNotFoundError:
        fail("Unable to find lockfile at `uv.lock`, but `--locked` was provided.", 1)

    from pip._vendor.packaging.markers import Marker
    from pip._vendor.packaging.requirements import Requirement

    name = normalize(pyproject["project"]["name"])
    packages = {normalize(p["name"]): p for p in lock.get("package", [])}
    root = packages.get(name)
    wanted = sorted(normalize(Requirement(r).name) for r in pyproject["project"].get("dependencies", []))
    locked = sorted(normalize(d["name"]) for d in (root or {}).get("dependencies", []))
    if root is None or wanted != locked:
        fail("The lockfile at `uv.lock` needs to be updated, but `--locked` was provided.", 1)

    def applies(dep):
        marker = dep.get("marker")
        return marker is None or Marker(marker).evaluate({"extra": ""})

    chosen, todo = {}, [d for d in root.get("dependencies", []) if applies(d)]
    while todo:
        dep = todo.pop()
        key = normalize(dep["name"])
        if key in chosen:
            continue
        package = packages.get(key)
        if package is None:
            fail(f"uv.lock has no entry for {dep['name']}", 1)
        chosen[key] = package
        todo.extend(d for d in package.get("dependencies", []) if applies(d))

    lines = []
    for key, package in sorted(chosen.items()):
        files = package.get("wheels", []) + ([package["sdist"]] if "sdist" in package else [])
        hashes = " ".join(f"--hash={f['hash']}" for f in files if "hash" in f)
        lines.append(f"{package['name']}=={package['version']} {hashes}".strip())
    venv = os.environ.get("UV_PROJECT_ENVIRONMENT") or os.path.join(project, ".venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as req:
        req.write("\n".join(lines) + "\n")
    compile_flag = [] if os.environ.get("UV_COMPILE_BYTECODE") in ("1", "true") else ["--no-compile"]
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", os.path.join(venv, "bin", "python"), "install",
         "--disable-pip-version-check", "--no-deps", "--require-hashes", *compile_flag, "-r", req.name],
        check=True,
    )
    os.unlink(req.name)
    print(f"Installed {len(lines)} packages (uv stand-in)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
PY
  chmod 755 "$dir/uv"
  printf 'FROM scratch\nCOPY uv /uv\n' >"$dir/Dockerfile"
}

uv_recipe() { cat "$1/Dockerfile" "$1/uv" | sha256sum | cut -c1-16; }

# The uv image has no shell (like the real one): verified by a build that mounts it, as the
# generated Dockerfiles do.
verify_uv() {
  local dir out
  dir="$(mktemp -d)"
  printf 'FROM python:3.12-slim\nRUN --mount=from=%s,source=/uv,target=/bin/uv uv --version\n' "$1" >"$dir/Dockerfile"
  if ! out="$(DOCKER_BUILDKIT=1 "$DOCKER" build --no-cache --progress=plain "$dir" 2>&1)"; then
    printf '%s\n' "$out" >&2
    rm -rf "$dir"
    return 1
  fi
  rm -rf "$dir"
  printf '%s\n' "$out" | grep -o 'uv [0-9.]* (dockwright stand-in)' | head -1 | sed 's/^/    /' >&2
}

# alias_image IMAGE TAG...: point each TAG at IMAGE (no build; an older image a TAG named stays,
# untagged, for whatever still uses it: nothing is removed).
alias_image() {
  local image="$1" id tag
  shift
  id="$("$DOCKER" image inspect --format '{{.Id}}' "$image")"
  for tag in "$@"; do
    if [ "$("$DOCKER" image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)" != "$id" ]; then
      "$DOCKER" tag "$image" "$tag"
      log "tagged $image as $tag"
    fi
  done
}

cmd_images() {
  engine_ready || die "engine not running: run '$0 start' first"
  mkdir -p "$STATE/cache"
  local start=$SECONDS
  base_image
  # Ubuntu stand-in: Ubuntu's archive is not reachable, so `FROM ubuntu:24.04` gets the Debian
  # base, whose apt reaches Debian's mirror (apt-get install nginx works as on Ubuntu).
  alias_image dockwright/debian-base ubuntu:24.04 ubuntu:22.04
  stand_in python "offline venv install of flask + gunicorn" "$PY_VERIFY" \
    python:3.12-slim python:3.13-slim python:3.11-slim
  stand_in node "node, npm, yarn, corepack pnpm" "$NODE_VERIFY" \
    node:22-slim node:20-slim node:22-bookworm-slim node:20-bookworm-slim node:24-slim
  stand_in uv "uv --version through a mount, as the Dockerfiles use it" "" "${UV_STANDIN_TAGS[@]}"
  log "images ready in $((SECONDS - start)) s"
}

cmd_up() {
  local start=$SECONDS
  cmd_install
  cmd_buildx || true
  cmd_start
  cmd_images
  log "up in $((SECONDS - start)) s; use: eval \"\$(bash scripts/docker-sandbox.sh env)\""
}

# One command at a time per state dir (two `up`s at once would start two daemons on one
# data-root); dockerd itself does not inherit the lock (9>&- above).
lock() {
  exec 9>"$STATE/.lock"
  flock -w 1800 9 || die "another docker-sandbox command holds $STATE/.lock"
}

case "${1:-}" in
install) lock && cmd_install ;;
buildx) lock && cmd_buildx ;;
start) lock && cmd_start ;;
images) lock && cmd_images ;;
stop) lock && cmd_stop ;;
status) cmd_status ;;
env) cmd_env ;;
up) lock && cmd_up ;;
*)
  echo "usage: $0 {install|buildx|start|images|stop|status|env|up}" >&2
  exit 2
  ;;
esac
