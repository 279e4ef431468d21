#!/usr/bin/env bash
# A Node.js 20 base image from Debian packages alone, for machines that reach no image registry:
# mmdebstrap writes a minimal Debian trixie (nodejs 20.19, npm, CA certificates) and podman
# imports it. Then: manifests/docker/build.sh (or --build-arg NODE_IMAGE=<this image>).
#   manifests/docker/build-base.sh [image]   (default localhost/netwerkbot-node:20-trixie)
# Needs root (or mmdebstrap's unshare mode), mmdebstrap and podman: apt-get install mmdebstrap podman
set -euo pipefail

IMAGE="${1:-localhost/netwerkbot-node:20-trixie}"
SUITE="${DEBIAN_SUITE:-trixie}"
# The Debian mirror this machine's apt uses, unless DEBIAN_MIRROR says otherwise.
MIRROR="${DEBIAN_MIRROR:-$( (cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null || true) | grep -oE '(URIs:|deb) +https?://[^ ]+/debian/?( |$)' | head -n 1 | awk '{print $2}')}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"

for tool in mmdebstrap podman; do
  command -v "$tool" >/dev/null || { echo "build-base.sh: $tool ontbreekt (apt-get install $tool)" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "build-base.sh: Debian $SUITE van $MIRROR → $IMAGE" >&2
mmdebstrap --variant=minbase --include=nodejs,npm,ca-certificates \
  --customize-hook='chroot "$1" node --version' \
  --format=tar "$SUITE" "$work/rootfs.tar" "$MIRROR"
podman import --change 'CMD ["node"]' --change 'ENV LANG=C.UTF-8' "$work/rootfs.tar" "$IMAGE" >/dev/null
echo "build-base.sh: $IMAGE klaar ($(podman image inspect --format '{{.Size}}' "$IMAGE") bytes)" >&2
