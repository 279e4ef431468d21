#!/usr/bin/env bash
# compose.yaml with PostgreSQL under podman-compose, from smoke-test.sh --compose: the bot (an
# image already built) waits for a healthy PostgreSQL, applies its migrations there and answers
# /readyz; its data volume and PostgreSQL's are the compose file's.
#   manifests/docker/compose-smoke.sh <bot image>
# podman-compose 1.0.3 (Debian bookworm) predates the compose spec's `env_file: {path, required}`
# and ignores `depends_on.condition`: it runs a copy without the env_file entry (the demo mode
# instead of a .env: no Slack or Teams is reachable here), and waits for db's healthcheck itself.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=podman-env.sh
. "$here/podman-env.sh"
command -v podman-compose >/dev/null || { echo "FOUT podman-compose ontbreekt (apt-get install podman-compose)"; exit 1; }

export NETWERKBOT_IMAGE="$1"
export POSTGRES_IMAGE="${POSTGRES_IMAGE:-localhost/netwerkbot-postgres:15}"
export POSTGRES_PASSWORD="smoke-$$-$RANDOM"
if [[ "$POSTGRES_IMAGE" == localhost/* ]] && ! podman image exists "$POSTGRES_IMAGE"; then
  "$here/build-postgres.sh" "$POSTGRES_IMAGE"
fi
project="netwerkbot-smoke-$$"
port="${SMOKE_COMPOSE_PORT:-$((40000 + $$ % 20000))}"
copy="$here/.compose-smoke-$$.yaml"   # beside the original: its relative paths stay right
node --input-type=module -e '
  import { readFileSync, writeFileSync } from "node:fs";
  import { parse, stringify } from "yaml";
  const [from, to, port] = process.argv.slice(1);
  const compose = parse(readFileSync(from, "utf8"));
  // In place of .env: the demo mode, as no Slack or Teams is reachable from here.
  delete compose.services.bot.env_file;
  Object.assign(compose.services.bot.environment, { DEMO: "on", DEMO_DATA: "on", SCHEDULER: "off" });
  compose.services.bot.ports = [`127.0.0.1:${port}:3000`];
  // Quoted: podman-compose reads YAML 1.1, where a bare on/off is a boolean.
  writeFileSync(to, stringify(compose, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" }));
' "$here/compose.yaml" "$copy" "$port"
compose() { podman-compose --project-name "$project" --file "$copy" "$@"; }
cleanup() {
  compose down -v >/dev/null 2>&1 || true
  podman network rm -f "${project}_default" >/dev/null 2>&1 || true
  rm -f "$copy"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
cd "$root"

failed=0
compose up -d db >/dev/null
db_healthy=0
for _ in $(seq 1 120); do
  if podman healthcheck run "${project}_db_1" >/dev/null 2>&1; then db_healthy=1; break; fi
  sleep 1
done
if [ "$db_healthy" = 1 ]; then echo "ok   compose: PostgreSQL gezond (healthcheck pg_isready)"; else echo "FOUT compose: PostgreSQL niet gezond"; failed=1; fi
compose up -d --no-deps bot >/dev/null
ready=0
for _ in $(seq 1 300); do
  node -e "fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))" "http://127.0.0.1:$port/readyz" && { ready=1; break; }
  sleep 1
done
if [ "$ready" = 1 ]; then echo "ok   compose: bot op PostgreSQL, /readyz 200"; else echo "FOUT compose: bot niet klaar"; failed=1; podman logs "${project}_bot_1" 2>&1 | tail -n 20; fi
migrated="$(podman exec "${project}_db_1" psql -U netwerkbot -d netwerkbot -tAc 'SELECT count(*) FROM _prisma_migrations' 2>/dev/null || echo 0)"
if [ "${migrated:-0}" -gt 0 ]; then echo "ok   compose: $migrated migraties toegepast in PostgreSQL"; else echo "FOUT compose: geen migraties in PostgreSQL"; failed=1; fi
if podman healthcheck run "${project}_bot_1" >/dev/null 2>&1; then echo "ok   compose: HEALTHCHECK van de bot gezond"; else echo "FOUT compose: HEALTHCHECK van de bot"; failed=1; fi
exit "$failed"
