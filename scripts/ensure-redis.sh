#!/usr/bin/env bash
# Make sure Redis answers on 127.0.0.1:6379 (the Celery broker the worker test uses); start it if not.
# Fails loudly: the real-worker test must never be skipped.
set -euo pipefail
ready() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
ready && exit 0
if ! command -v redis-server >/dev/null 2>&1; then
  echo "Redis is not installed; installing it with apt-get." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq redis-server >/dev/null
fi
echo "Redis is down; starting it." >&2
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
for _ in $(seq 1 30); do ready && exit 0; sleep 1; done
echo "ERROR: Redis does not answer on 127.0.0.1:6379 and could not be started." >&2
exit 1
