#!/bin/sh
# Points the SET lines of framecast.conf at a fleet's addresses and writes the result, for the nginx containers of
# deploy/compose.yaml and deploy/k8s (the same file NginxFrontTests runs, never a diverging copy).
# Usage: render.sh SOURCE DESTINATION, with FRAMECAST_UPSTREAM (api,web nodes, host:port), FRAMECAST_MEDIA_UPSTREAM
# (stream nodes) and FRAMECAST_SERVER_NAME in the environment.
set -eu
: "${FRAMECAST_UPSTREAM:?host:port of the api,web nodes}" "${FRAMECAST_MEDIA_UPSTREAM:?host:port of the stream nodes}"
sed -e "/SET: the api,web nodes/s/server 127\.0\.0\.1:8080;/server $FRAMECAST_UPSTREAM;/" \
    -e "/SET: the stream nodes/s/server 127\.0\.0\.1:8080;/server $FRAMECAST_MEDIA_UPSTREAM;/" \
    -e "s/server_name framecast\.example;/server_name ${FRAMECAST_SERVER_NAME:-framecast.example};/" \
    "$1" > "$2"
# A changed framecast.conf must fail here, not serve a loopback upstream that is not there.
grep -q "server $FRAMECAST_UPSTREAM;" "$2" && grep -q "server $FRAMECAST_MEDIA_UPSTREAM;" "$2" \
  || { echo "render.sh: framecast.conf's SET lines changed; update deploy/nginx/render.sh" >&2; exit 1; }
