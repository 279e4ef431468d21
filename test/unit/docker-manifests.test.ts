import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const dockerfile = readFileSync(new URL("../../manifests/docker/Dockerfile", import.meta.url), "utf8").replace(/\\\n/g, " ");
const compose = parse(readFileSync(new URL("../../manifests/docker/compose.yaml", import.meta.url), "utf8"));

// Issue 16.8: what self-hosters expect of the image and the compose file (not built here: see README).
describe("manifests/docker", () => {
  it("builds in two stages and runs the compiled JavaScript as a non-root user with /data as a volume", () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS build$/m);
    expect(dockerfile).toMatch(/^RUN .*npm run build/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^VOLUME \/data$/m);
    expect(dockerfile).toMatch(/DATA_DIR=\/data/);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\/readyz/m);
    expect(dockerfile).not.toMatch(/tsx/);
  });

  it("starts the bot only once PostgreSQL is healthy, with its data on volumes", () => {
    expect(compose.services.db.healthcheck.test.join(" ")).toContain("pg_isready");
    expect(compose.services.bot.depends_on).toEqual({ db: { condition: "service_healthy" } });
    expect(compose.services.bot.environment.DATABASE_URL).toMatch(/^postgresql:\/\/netwerkbot:\$\{POSTGRES_PASSWORD\}@db:5432\/netwerkbot$/);
    expect(compose.services.bot.build).toEqual({ context: "../..", dockerfile: "manifests/docker/Dockerfile" });
    expect(compose.services.bot.volumes).toEqual(["botdata:/data"]);
    expect(Object.keys(compose.volumes)).toEqual(["pgdata", "botdata"]);
  });
});
