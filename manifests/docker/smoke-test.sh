#!/usr/bin/env bash
# Builds the image and runs it as a self-hoster would, then checks what the issue asks of it:
# /readyz answers from the host, the HEALTHCHECK reports healthy, the bot is not root, its PGlite
# data is on the /data volume and a restart starts on that existing data. With --compose also
# compose.yaml with PostgreSQL (podman-compose). Slow (minutes): not part of `npm test`.
#   npm run container:smoke [-- --compose]
# Without podman it says so and exits 0 (skipped), so it can run anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! command -v podman >/dev/null; then
  echo "OVERGESLAGEN: podman ontbreekt (apt-get install podman buildah mmdebstrap uidmap runc); er is niets gebouwd of getest."
  exit 0
fi
# shellcheck source=podman-env.sh
. "$here/podman-env.sh"

IMAGE="${IMAGE:-localhost/netwerkbot:smoke}"
name="netwerkbot-smoke-$$"
volume="netwerkbot-smoke-data-$$"
port="${SMOKE_PORT:-$((20000 + $$ % 20000))}"
passed=0 failed=0
check() { # check <description> <command…>
  local what="$1"; shift
  if "$@"; then echo "ok   $what"; passed=$((passed + 1)); else echo "FOUT $what"; failed=$((failed + 1)); fi
}
cleanup() {
  podman rm -f "$name" >/dev/null 2>&1 || true
  podman volume rm -f "$volume" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 1' INT TERM

wait_ready() { # wait_ready <url> <seconds>
  local deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    node -e "fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))" "$1" && return 0
    sleep 1
  done
  return 1
}

# SKIP_BUILD=1: try an image built before (IMAGE), e.g. while changing this script.
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  built=$SECONDS
  "$here/build.sh" "$IMAGE"
  echo "image gebouwd in $((SECONDS - built)) s"
fi
echo "image $IMAGE: $(podman image inspect --format '{{.Size}}' "$IMAGE") bytes"

podman volume create "$volume" >/dev/null
run_bot() {
  podman run -d --name "$name" -p "127.0.0.1:$port:3000" -v "$volume:/data" \
    -e DEMO=on -e DEMO_DATA=on -e SCHEDULER=off "$IMAGE" >/dev/null
}
started=$SECONDS
run_bot
ready=0; wait_ready "http://127.0.0.1:$port/readyz" 300 && ready=1
check "/readyz antwoordt 200 vanaf de host (nieuwe datamap, na $((SECONDS - started)) s)" test "$ready" = 1
check "HEALTHCHECK in de container: gezond" podman healthcheck run "$name"
check "de bot draait niet als root (uid $(podman exec "$name" id -u))" test "$(podman exec "$name" id -u)" != 0
check "het proces is node dist/main.js" sh -c "podman exec '$name' cat /proc/1/cmdline | tr '\0' ' ' | grep -q '^node dist/main.js'"
# (typescript and tsx are in node_modules as Prisma's peer and npm run admin's runner; the CMD uses neither.)
check "geen TypeScript-bronnen in het image (geen src/)" sh -c "! podman exec '$name' test -e src"
check "de PGlite-database staat op het volume /data" podman exec "$name" test -f /data/PG_VERSION
podman stop -t 30 "$name" >/dev/null
podman rm "$name" >/dev/null
started=$SECONDS
run_bot
ready=0; wait_ready "http://127.0.0.1:$port/readyz" 300 && ready=1
check "herstart op de bestaande datamap: /readyz 200 (na $((SECONDS - started)) s)" test "$ready" = 1
podman logs "$name" 2>&1 | tail -n 3

if [ "${1:-}" = "--compose" ]; then
  "$here/compose-smoke.sh" "$IMAGE" || failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
