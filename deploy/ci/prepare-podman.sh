#!/usr/bin/env bash
# Makes this machine able to build and run Framecast's image with podman when no registry is reachable (DEPENDENCIES.md,
# "Containers here"): installs podman, runc and debootstrap, sets the engine settings this VM needs, and creates the local
# Debian 12 base image `localhost/debian:bookworm` with debootstrap when it does not exist yet. Idempotent; needs root
# for the first run. Usage: deploy/ci/prepare-podman.sh [BASE_IMAGE]
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:-localhost/debian:bookworm}

bash scripts/deps.sh podman runc debootstrap

# This VM cannot raise rlimits (podman's default nofile/nproc fail) and mounts cgroups in hybrid mode (crun refuses).
conf=/etc/containers/containers.conf
wanted='[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"'
if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$wanted" ]; then
  if [ -f "$conf" ] && ! grep -q '^runtime = "runc"' "$conf"; then
    echo "Note: replacing $conf (a copy stays in $conf.framecast-backup)" >&2
    cp "$conf" "$conf.framecast-backup"
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "Run as root once, or write $conf yourself:" >&2
    echo "$wanted" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$conf")"
  printf '%s\n' "$wanted" > "$conf"
fi

if podman image exists "$base"; then
  exit 0
fi
case "$base" in
  localhost/debian:bookworm) ;;
  *) echo "Base image $base is missing and only localhost/debian:bookworm can be made here; pull or import it first." >&2; exit 1 ;;
esac
# The same mirror apt uses on this machine (deb822 sources or a classic sources.list line).
mirror=$(sed -nE 's/^URIs: *([^ ]+).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n1 || true)
[ -n "$mirror" ] || mirror=$(sed -nE 's/^deb +(\[[^]]*\] +)?([^ ]+) +bookworm .*/\2/p' /etc/apt/sources.list 2>/dev/null | head -n1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
root=$(mktemp -d /var/tmp/framecast-debootstrap.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "Creating $base with debootstrap from $mirror" >&2
debootstrap --variant=minbase bookworm "$root" "$mirror" >/dev/null
# debootstrap leaves its mirror as the image's only source; apt inside builds uses it too.
tar -C "$root" -c . | podman import -q - "$base" >/dev/null
podman image exists "$base"
