#!/usr/bin/env bash
# Installs the Debian packages Framecast needs that this machine lacks: as root with apt-get, otherwise it prints
# the one command to run. Usage: scripts/deps.sh PACKAGE...   (known: ffmpeg postgresql nodejs chromium; others by Debian name)
set -euo pipefail

missing=()
for pkg in "$@"; do
  case "$pkg" in
    ffmpeg) command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg) ;;
    postgresql) compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql) ;;
    nodejs) command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing+=(nodejs npm) ;;
    # The browser tests drive Debian's Chromium (never a downloaded browser build); without a font its text is boxes.
    chromium) [ -x /usr/bin/chromium ] && dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(chromium fonts-liberation) ;;
    *) dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg") ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing packages. Run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
