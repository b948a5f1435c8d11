#!/usr/bin/env bash
# Builds and runs Framecast with embedded defaults (SQLite and media under ./data, http://127.0.0.1:8080).
# Extra arguments go to `framecast serve`, e.g. --urls http://0.0.0.0:8080 --data /srv/framecast
set -euo pipefail
cd "$(dirname "$0")/.."
# Node.js/npm fetch the pages' front-end libraries at build time (src/Framecast/ClientApp).
# ffmpeg does the media work; without it the server still starts, so only warn when it cannot be installed here.
bash scripts/deps.sh nodejs
bash scripts/deps.sh ffmpeg || echo "Continuing without ffmpeg: media processing will not work until it is installed." >&2
dotnet build src/Framecast -c Release -v quiet -nologo
exec dotnet src/Framecast/bin/Release/net10.0/framecast.dll serve "$@"
