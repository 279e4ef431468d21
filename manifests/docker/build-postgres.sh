#!/usr/bin/env bash
# A PostgreSQL 15 image from Debian bookworm packages, for compose.yaml where no registry is
# reachable: POSTGRES_IMAGE=localhost/netwerkbot-postgres:15 podman-compose -f manifests/docker/compose.yaml up
#   manifests/docker/build-postgres.sh [image]   (default localhost/netwerkbot-postgres:15)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
IMAGE="${1:-localhost/netwerkbot-postgres:15}"
MIRROR="${DEBIAN_MIRROR:-$( (cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null || true) | grep -oE '(URIs:|deb) +https?://[^ ]+/debian/?( |$)' | head -n 1 | awk '{print $2}')}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
for tool in mmdebstrap podman; do
  command -v "$tool" >/dev/null || { echo "build-postgres.sh: $tool ontbreekt (apt-get install $tool)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "build-postgres.sh: Debian bookworm postgresql-15 van $MIRROR → $IMAGE" >&2
# Debian's package makes a cluster of its own in /var/lib/postgresql/15/main: not used, removed.
mmdebstrap --variant=minbase --include=postgresql-15 \
  --customize-hook="copy-in $here/postgres-entrypoint.sh /usr/local/bin" \
  --customize-hook='chmod 755 "$1/usr/local/bin/postgres-entrypoint.sh"; rm -rf "$1/var/lib/postgresql/15" "$1/etc/postgresql/15"' \
  --format=tar bookworm "$work/rootfs.tar" "$MIRROR"
podman import \
  --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' --change 'VOLUME /var/lib/postgresql/data' --change 'EXPOSE 5432' \
  --change 'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]' \
  "$work/rootfs.tar" "$IMAGE" >/dev/null
echo "build-postgres.sh: $IMAGE klaar" >&2
