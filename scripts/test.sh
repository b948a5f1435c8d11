#!/usr/bin/env bash
# Runs every test on a fresh Debian machine with the .NET SDK: installs ffmpeg, PostgreSQL, Redis, Node.js, Chromium, nginx and podman when missing (the
# tests start their own throwaway PostgreSQL cluster and remove it afterwards), builds, and runs `dotnet test`.
# Without arguments it then builds and runs the container image with podman (tests in Category=Container, alone so they do
# not share the CPU with the others; deploy/ci/prepare-podman.sh installs podman and makes the local base image).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh ffmpeg postgresql nodejs chromium nginx redis-server podman runc debootstrap
dotnet build Framecast.sln -c Release -nologo -v quiet
if [ $# -gt 0 ]; then
  exec dotnet test Framecast.sln -c Release --no-build -nologo "$@"
fi
status=0
dotnet test Framecast.sln -c Release --no-build -nologo --filter "Category!=Container" || status=$?
bash deploy/ci/prepare-podman.sh || status=$?
dotnet test tests/Framecast.Tests -c Release --no-build -nologo --filter "Category=Container" || status=$?
exit $status
