#!/usr/bin/env bash
# Builds the Netwerkbot image with podman from the repository root's sources.
#   manifests/docker/build.sh [tag]     (default localhost/netwerkbot:latest)
# NODE_IMAGE: the base (default: the one build-base.sh makes, which it makes first if missing).
# BUILD_CA_FILE (default $NODE_EXTRA_CA_CERTS): a CA bundle for npm ci behind a TLS-intercepting
# proxy, mounted for the build only; it does not end up in the image.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=podman-env.sh
. "$here/podman-env.sh"

TAG="${1:-localhost/netwerkbot:latest}"
NODE_IMAGE="${NODE_IMAGE:-localhost/netwerkbot-node:20-trixie}"
if [[ "$NODE_IMAGE" == localhost/* ]] && ! podman image exists "$NODE_IMAGE"; then
  "$here/build-base.sh" "$NODE_IMAGE"
fi

ca_args=()
CA="${BUILD_CA_FILE:-${NODE_EXTRA_CA_CERTS:-}}"
if [ -n "$CA" ] && [ -f "$CA" ]; then
  ca_args=(--volume "$CA:/run/netwerkbot-build-ca.crt:ro" --build-arg NODE_EXTRA_CA_CERTS=/run/netwerkbot-build-ca.crt)
fi

pull=(--pull=missing)
[[ "$NODE_IMAGE" == localhost/* ]] && pull=(--pull=never)
# docker format: the OCI image format has no HEALTHCHECK (podman would drop it with a warning).
podman build --format docker "${pull[@]}" "${ca_args[@]}" \
  --file "$here/Dockerfile" --ignorefile "$here/Dockerfile.dockerignore" \
  --build-arg NODE_IMAGE="$NODE_IMAGE" --tag "$TAG" "$root"
