#!/bin/bash
# eoffice-healthcheck [PATH] [PORT] — exit 0 when http://127.0.0.1:PORT/PATH answers 200.
# Used by the image's HEALTHCHECK and by deploy/docker-compose.yml; the runtime image has
# no curl, so this speaks HTTP/1.1 over bash's /dev/tcp.
set -u
path="${1:-/health/ready}"
port="${2:-${ASPNETCORE_HTTP_PORTS:-8080}}"
port="${port%%[;,]*}"
{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || exit 1
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
[[ "$status" =~ ^HTTP/[0-9.]+\ 200 ]]
