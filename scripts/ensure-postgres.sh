#!/usr/bin/env bash
# Make sure PostgreSQL answers on 127.0.0.1:5432; start (or install) it if not.
# Fails loudly: the suite must never silently skip its PostgreSQL pass.
set -euo pipefail
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
ready && exit 0
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "PostgreSQL is not installed; installing it with apt-get." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
echo "PostgreSQL is down; starting cluster $version/main." >&2
pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
for _ in $(seq 1 30); do ready && exit 0; sleep 1; done
echo "ERROR: PostgreSQL does not answer on 127.0.0.1:5432 and could not be started." >&2
exit 1
