#!/usr/bin/env bash
# Creates prisma/migrations/<timestamp>_<name>/migration.sql from the change to schema.prisma
# since the last commit. Prisma's WebAssembly schema engine cannot replay migrations into a
# shadow database through our adapters, so we diff the committed schema against the new one.
set -euo pipefail
name=${1:?usage: npm run db:migration -- <name>}
cd "$(dirname "$0")/.."
base=$(mktemp --suffix=.prisma)
trap 'rm -f "$base"' EXIT
git show HEAD:prisma/schema.prisma > "$base"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
npx prisma migrate diff --from-schema-datamodel "$base" --to-schema-datamodel prisma/schema.prisma --script > "$dir/migration.sql"
echo "created $dir/migration.sql"
