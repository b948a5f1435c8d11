#!/usr/bin/env bash
# Builds Framecast's container image from deploy/Containerfile (publish-then-copy) with podman, or docker when podman is
# absent. Usage: deploy/build-image.sh [--tag IMAGE] [--base IMAGE] [--runtime-from-host] [--no-build]
#   --base IMAGE          a Debian 12 based image (default mcr.microsoft.com/dotnet/aspnet:10.0, which holds .NET)
#   --runtime-from-host   copy this machine's ASP.NET Core runtime (/usr/share/dotnet) into the image, for a bare base
#                         such as the localhost/debian:bookworm that deploy/ci/prepare-podman.sh makes
#   --no-build            publish the existing Release build instead of building again
set -euo pipefail
cd "$(dirname "$0")/.."
tag=localhost/framecast:latest
base=
runtime=
build=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag=$2; shift 2 ;;
    --base) base=$2; shift 2 ;;
    --runtime-from-host) runtime=1; shift ;;
    --no-build) build=(--no-build); shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
engine=$(command -v podman || command -v docker || true)
[ -n "$engine" ] || { echo "Neither podman nor docker is installed." >&2; exit 1; }

context=$(mktemp -d "${TMPDIR:-/tmp}/framecast-image.XXXXXX")
trap 'rm -rf "$context"' EXIT
dotnet publish src/Framecast -c Release "${build[@]}" -nologo -v quiet -o "$context/app"
mkdir -p "$context/dotnet"
if [ -n "$runtime" ]; then
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  # The host and the two shared frameworks the app runs on; not the SDK.
  mkdir -p "$context/dotnet/shared"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$context/dotnet/"
  cp -a "$dotnet_root/shared/Microsoft.NETCore.App" "$dotnet_root/shared/Microsoft.AspNetCore.App" "$context/dotnet/shared/"
fi

args=(build -f deploy/Containerfile -t "$tag")
[ -z "$base" ] || args+=(--build-arg "BASE_IMAGE=$base")
# podman writes OCI images by default, and OCI has no HEALTHCHECK.
[[ "$(basename "$engine")" != podman ]] || args+=(--format docker)
previous=$("$engine" image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
"$engine" "${args[@]}" "$context"
# The previous build of this tag is now untagged: drop its own layers (the cached ones it shares stay), so repeated
# builds (CI) do not fill the disk. Kept while a container still uses it.
if [ -n "$previous" ] && [ "$previous" != "$("$engine" image inspect --format '{{.Id}}' "$tag")" ]; then
  "$engine" rmi "$previous" >/dev/null 2>&1 || true
fi
