import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const dockerfile = readFileSync(new URL("../../manifests/docker/Dockerfile", import.meta.url), "utf8").replace(/\\\n/g, " ");
const compose = parse(readFileSync(new URL("../../manifests/docker/compose.yaml", import.meta.url), "utf8"));

// Issue 16.8: what self-hosters expect of the image and the compose file (built and run by npm run container:smoke).
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

// Lint-level checks of what the image build reads, and of the scripts that build and try it with
// podman (npm run container:smoke builds and runs the image itself; too slow for npm test).
describe("manifests/docker: what the build reads, and its podman scripts", () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const ignored = readFileSync(join(root, "manifests/docker/Dockerfile.dockerignore"), "utf8").split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));

  it("copies only files that exist and that the .dockerignore does not leave out of the context", () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((match) => match[1]!.split(/\s+/));
    expect(sources).toEqual(expect.arrayContaining(["package.json", "package-lock.json", "src", "prisma", "prisma/migrations", "manifests/teams"]));
    for (const source of sources) {
      expect(existsSync(join(root, source)), source).toBe(true);
      expect(ignored.some((pattern) => source === pattern || source.startsWith(`${pattern}/`)), source).toBe(false);
    }
    // The compiled build reads these from src/ (tsconfig.build.json, build.mjs): they are in the context.
    for (const file of ["src/build.mjs", "src/tsconfig.build.json", "tsconfig.json"]) expect(existsSync(join(root, file)), file).toBe(true);
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", "dist", ".env", ".git"]));
  });

  it("has a Node ≥ 20.19 base as the default and names the built image, and every database image can be replaced", () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-/m);
    expect(compose.services.db.image).toBe("${POSTGRES_IMAGE:-postgres:15}");
    expect(compose.services.bot.image).toBe("${NETWERKBOT_IMAGE:-netwerkbot}");
  });

  it("keeps a build-only CA out of the final stage", () => {
    const [build, final] = dockerfile.split(/^FROM \$\{NODE_IMAGE\}$/m);
    expect(build).toMatch(/^ARG NODE_EXTRA_CA_CERTS$/m);
    expect(final).not.toMatch(/NODE_EXTRA_CA_CERTS|build-ca/);
  });

  it("has podman scripts that bash can parse", () => {
    const scripts = readdirSync(join(root, "manifests/docker")).filter((file) => file.endsWith(".sh"));
    expect(scripts).toEqual(expect.arrayContaining(["build-base.sh", "build-postgres.sh", "build.sh", "smoke-test.sh", "compose-smoke.sh", "podman-env.sh", "postgres-entrypoint.sh"]));
    for (const script of scripts) {
      const parsed = spawnSync("bash", ["-n", join(root, "manifests/docker", script)], { encoding: "utf8" });
      expect(parsed.status, `${script}: ${parsed.stderr}`).toBe(0);
    }
  });

  it("npm run container:smoke says it is skipped, and why, where podman is missing", () => {
    const script = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts["container:smoke"] as string;
    expect(script).toBe("bash manifests/docker/smoke-test.sh");
    const noPodman = mkdtempSync(join(tmpdir(), "netwerkbot-no-podman-"));
    try {
      for (const tool of ["bash", "dirname"]) symlinkSync(spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim(), join(noPodman, tool));
      const run = spawnSync(join(noPodman, "bash"), [join(root, "manifests/docker/smoke-test.sh")], { env: { PATH: noPodman }, encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^OVERGESLAGEN: podman ontbreekt/);
    } finally {
      rmSync(noPodman, { recursive: true, force: true });
    }
  });
});
