import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("configuration", () => {
  it("defaults to the embedded database and demo mode without credentials", () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: "pglite", dataDir: "./data" });
    expect(config.demoMode).toBe(true);
    expect(config.env.PORT).toBe(3000);
  });

  it("uses PostgreSQL when DATABASE_URL is set and leaves demo mode with Slack credentials", () => {
    const config = loadConfig({ DATABASE_URL: "postgresql://u@db:5432/nb", SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgresql://u@db:5432/nb" });
    expect(config.slackEnabled).toBe(true);
    expect(config.demoMode).toBe(false);
  });

  it("accepts every variable of .env.example left empty", async () => {
    const { readFileSync } = await import("node:fs");
    const env = Object.fromEntries(
      readFileSync(".env.example", "utf8")
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), ""]),
    );
    expect(Object.keys(env).length).toBeGreaterThan(15);
    expect(loadConfig(env).demoMode).toBe(true);
  });

  it("accepts .env.example as it is", async () => {
    const { readFileSync } = await import("node:fs");
    const env = Object.fromEntries(
      readFileSync(".env.example", "utf8")
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(() => loadConfig(env)).not.toThrow();
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ DEFAULT_TIME_ZONE: "Mars/Olympus" }, "DEFAULT_TIME_ZONE"],
    [{ DEFAULT_LOCALE: "de" }, "DEFAULT_LOCALE"],
    [{ ADMIN_TOKEN: "short" }, "ADMIN_TOKEN"],
  ])("stops on %o with a message naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).problems.join("\n")).toContain(variable);
    }
  });
});
