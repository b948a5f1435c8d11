#!/usr/bin/env bash
# Runs every test on a fresh Debian machine with the .NET SDK: installs ffmpeg, PostgreSQL, Redis, Node.js, Chromium and nginx when missing (the
# tests start their own throwaway PostgreSQL cluster and remove it afterwards), builds, and runs `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh ffmpeg postgresql nodejs chromium nginx redis-server
dotnet build Framecast.sln -c Release -nologo -v quiet
dotnet test Framecast.sln -c Release --no-build -nologo "$@"
