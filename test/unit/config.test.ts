import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, startProblems } from "../../src/config.js";

describe("configuration", () => {
  it("defaults to the embedded database and demo mode without credentials", () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: "pglite", dataDir: "./data" });
    expect(config.demoMode).toBe(true);
    expect(config.env.PORT).toBe(3000);
    expect(config.env.HTTP_MAX_CONNECTIONS).toBe(1_000);
    expect(config.env.MAX_REQUESTS_IN_FLIGHT).toBe(32);
  });

  it("uses PostgreSQL when DATABASE_URL is set and leaves demo mode with Slack credentials", () => {
    const config = loadConfig({ DATABASE_URL: "postgresql://u@db:5432/nb", SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgresql://u@db:5432/nb" });
    expect(config.slackEnabled).toBe(true);
    expect(config.demoMode).toBe(false);
  });

  it("reads SLACK_ALLOWED_TEAMS as a list of team and organisation ids, and refuses anything else", () => {
    expect(loadConfig({ SLACK_ALLOWED_TEAMS: " T0TWENTE, E0OVERIJSSEL ,," }).env.SLACK_ALLOWED_TEAMS).toEqual(["T0TWENTE", "E0OVERIJSSEL"]);
    expect(loadConfig({ SLACK_ALLOWED_TEAMS: "" }).env.SLACK_ALLOWED_TEAMS).toBeUndefined();
    expect(() => loadConfig({ SLACK_ALLOWED_TEAMS: "twente" })).toThrow(/SLACK_ALLOWED_TEAMS.*Slack-team-id/);
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
    [{ HTTP_MAX_CONNECTIONS: "5" }, "HTTP_MAX_CONNECTIONS"],
    [{ METRICS_TOKEN: "short" }, "METRICS_TOKEN"],
    [{ MAX_REQUESTS_IN_FLIGHT: "0" }, "MAX_REQUESTS_IN_FLIGHT"],
    [{ TRUST_PROXY: "true" }, "TRUST_PROXY"],
    [{ TRUST_PROXY: "10.0.0.0/33" }, "TRUST_PROXY"],
    [{ TRUST_PROXY: "loopback, proxy.example" }, "TRUST_PROXY"],
    [{ HTTP_MAX_CONNECTIONS: "veel" }, "HTTP_MAX_CONNECTIONS"],
  ])("stops on %o with a message naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).problems.join("\n")).toContain(variable);
    }
  });
  // The message of the ConfigError loadConfig throws for `env` (fails when it does not throw).
  function problemsOf(env: Record<string, string>): string {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems.join("\n");
    }
    throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
  }

  const appId = "00000000-0000-0000-0000-000000000001";
  const tenant = "11111111-2222-3333-4444-555555555555";
  const thumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

  describe("Teams credentials", () => {
    it.each([
      [{ MICROSOFT_APP_PASSWORD: "geheim" }, "MICROSOFT_APP_PASSWORD"],
      [{ MICROSOFT_APP_TENANT_ID: tenant }, "MICROSOFT_APP_TENANT_ID"],
      [{ MICROSOFT_APP_TYPE: "UserAssignedMSI" }, "MICROSOFT_APP_TYPE"],
      [{ MICROSOFT_APP_CERTIFICATE_THUMBPRINT: thumbprint }, "MICROSOFT_APP_CERTIFICATE_THUMBPRINT"],
      [{ MICROSOFT_BOT_OPENID_METADATA: "https://login.botframework.com/v1/.well-known/openidconfiguration" }, "MICROSOFT_BOT_OPENID_METADATA"],
    ])("refuses %o without MICROSOFT_APP_ID instead of opening /api/messages anonymously", (env, variable) => {
      const message = problemsOf(env);
      expect(message).toMatch(/^MICROSOFT_APP_ID: ontbreekt/);
      expect(message).toContain(variable);
      expect(message).toContain("zonder controle");
    });

    it.each(["SingleTenant", "MultiTenant"])("still starts in demo mode with MICROSOFT_APP_TYPE=%s alone (what .env.example ships now, and shipped before)", (type) => {
      expect(loadConfig({ MICROSOFT_APP_TYPE: type }).demoMode).toBe(true);
    });

    it("defaults to SingleTenant, the only bot type Azure still registers, and then asks for the tenant id", () => {
      expect(loadConfig({}).env.MICROSOFT_APP_TYPE).toBe("SingleTenant");
      expect(problemsOf({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: "geheim" })).toBe(
        "MICROSOFT_APP_TENANT_ID: nodig bij MICROSOFT_APP_TYPE=SingleTenant (de tenant-id van de app-registratie)",
      );
    });

    it.each(["SingleTenant", "UserAssignedMSI"])("asks for MICROSOFT_APP_TENANT_ID with MICROSOFT_APP_TYPE=%s (botbuilder would fail later with an AssertionError)", (type) => {
      const env = { MICROSOFT_APP_ID: appId, MICROSOFT_APP_TYPE: type, ...(type === "SingleTenant" ? { MICROSOFT_APP_PASSWORD: "geheim" } : {}) };
      expect(problemsOf(env)).toBe(`MICROSOFT_APP_TENANT_ID: nodig bij MICROSOFT_APP_TYPE=${type} (de tenant-id van de app-registratie)`);
      expect(loadConfig({ ...env, MICROSOFT_APP_TENANT_ID: tenant }).teamsEnabled).toBe(true);
    });

    it.each([
      [{ MICROSOFT_APP_ID: appId, MICROSOFT_APP_TYPE: "MultiTenant" }, "MultiTenant"],
      [{ MICROSOFT_APP_ID: appId, MICROSOFT_APP_TYPE: "SingleTenant", MICROSOFT_APP_TENANT_ID: tenant }, "SingleTenant"],
    ])("asks for a password or certificate with %o", (env, type) => {
      expect(problemsOf(env)).toMatch(new RegExp(`^MICROSOFT_APP_PASSWORD: nodig bij MICROSOFT_APP_TYPE=${type} .*MICROSOFT_APP_CERTIFICATE_THUMBPRINT`));
    });

    it("refuses a password with UserAssignedMSI, and a password together with a certificate", () => {
      expect(problemsOf({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_TYPE: "UserAssignedMSI", MICROSOFT_APP_TENANT_ID: tenant, MICROSOFT_APP_PASSWORD: "geheim" })).toContain(
        "MICROSOFT_APP_PASSWORD: laat leeg bij MICROSOFT_APP_TYPE=UserAssignedMSI",
      );
      expect(problemsOf({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: "geheim", MICROSOFT_APP_CERTIFICATE_THUMBPRINT: thumbprint, MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: privateKey })).toContain(
        "kies één manier van aanmelden",
      );
    });

    it("accepts a certificate instead of a password, with the key's line breaks written as \\n", () => {
      const oneLine = privateKey.trim().replace(/\n/g, "\\n");
      const config = loadConfig({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_TENANT_ID: tenant, MICROSOFT_APP_CERTIFICATE_THUMBPRINT: thumbprint, MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: oneLine });
      expect(config.teamsEnabled).toBe(true);
      expect(config.env.MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY).toBe(privateKey.trim());
    });

    it.each([
      [{ MICROSOFT_APP_CERTIFICATE_THUMBPRINT: thumbprint }, "MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: nodig"],
      [{ MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: privateKey }, "MICROSOFT_APP_CERTIFICATE_THUMBPRINT: nodig"],
      [{ MICROSOFT_APP_CERTIFICATE_THUMBPRINT: "AB:CD", MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: privateKey }, "MICROSOFT_APP_CERTIFICATE_THUMBPRINT: moet de SHA-1-vingerafdruk"],
      [{ MICROSOFT_APP_CERTIFICATE_THUMBPRINT: thumbprint, MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: "geen sleutel" }, "MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: moet de private key"],
    ])("refuses half or malformed certificate settings: %o", (env, message) => {
      expect(problemsOf({ MICROSOFT_APP_ID: appId, ...env })).toContain(message);
    });
  });

  describe("Slack credentials", () => {
    it.each([
      [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET: nodig in HTTP-modus"],
      [{ SLACK_SIGNING_SECRET: "s" }, "SLACK_BOT_TOKEN: nodig voor één werkruimte"],
      [{ SLACK_APP_TOKEN: "xapp-1", SLACK_BOT_TOKEN: "xoxb-1" }, "of zet SLACK_MODE=socket"],
      [{ SLACK_SIGNING_SECRET: "s", SLACK_CLIENT_ID: "1.2" }, "SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: horen bij SLACK_CLIENT_ID"],
      [{ SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1", SLACK_CLIENT_SECRET: "c" }, "SLACK_CLIENT_ID, SLACK_STATE_SECRET: horen bij SLACK_CLIENT_SECRET"],
      [{ SLACK_MODE: "socket", SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_APP_TOKEN: nodig bij SLACK_MODE=socket"],
      [{ SLACK_MODE: "socket", SLACK_APP_TOKEN: "xapp-1" }, "SLACK_BOT_TOKEN: nodig bij SLACK_MODE=socket"],
    ])("refuses the partial set %o instead of starting without Slack", (env, message) => {
      expect(problemsOf(env)).toContain(message);
    });

    it.each([
      { SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1" },
      { SLACK_SIGNING_SECRET: "s", SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "c", SLACK_STATE_SECRET: "st", SLACK_ALLOWED_TEAMS: "T0TWENTE" },
      { SLACK_MODE: "socket", SLACK_APP_TOKEN: "xapp-1", SLACK_BOT_TOKEN: "xoxb-1" },
    ])("enables Slack with the complete set %o", (env) => {
      expect(loadConfig(env)).toMatchObject({ slackEnabled: true, demoMode: false });
    });

    it("refuses OAuth installs without SLACK_ALLOWED_TEAMS (issue 15.1): any workspace could install and claim members by e-mail", () => {
      const oauth = { SLACK_SIGNING_SECRET: "s", SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "c", SLACK_STATE_SECRET: "st" };
      const message = problemsOf(oauth);
      expect(message).toMatch(/^SLACK_ALLOWED_TEAMS: nodig bij installaties per werkruimte \(OAuth\)/m);
      expect(message).toContain("Required for OAuth installs");
      // One workspace (bot token) needs no list: its token serves that workspace only.
      expect(loadConfig({ SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1" }).slackEnabled).toBe(true);
    });
  });

  it("reads TRUST_PROXY as a number of hops or a list of addresses and subnets, as Express takes it", () => {
    expect(loadConfig({}).env.TRUST_PROXY).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: "1" }).env.TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8,fd00::/8, 192.0.2.10" }).env.TRUST_PROXY).toEqual(["loopback", "10.0.0.0/8", "fd00::/8", "192.0.2.10"]);
  });

  describe("demo mode (issue 15.2: explicit, never a silent fallback)", () => {
    const slack = { SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1" };

    it("starts by itself only on the embedded database (DEMO=auto), then checked against its contents at start", () => {
      expect(loadConfig({})).toMatchObject({ demoMode: true, demoAutomatic: true });
      expect(loadConfig({ DEMO: "on" })).toMatchObject({ demoMode: true, demoAutomatic: false });
      expect(loadConfig({ DEMO: "on", DATABASE_URL: "postgresql://u@db:5432/nb" })).toMatchObject({ demoMode: true, demoAutomatic: false });
    });

    it("listens on loopback only in demo mode, unless HOST says otherwise", () => {
      expect(loadConfig({}).host).toBe("127.0.0.1");
      expect(loadConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
      expect(loadConfig(slack).host).toBe("0.0.0.0");
      expect(loadConfig({ ...slack, HOST: "10.0.0.5" }).host).toBe("10.0.0.5");
    });

    it.each([
      [{ DEMO: "off" }, "DEMO=off en geen Slack of Teams ingesteld."],
      [{ DATABASE_URL: "postgresql://u@db:5432/nb" }, "met DATABASE_URL start de demo-modus niet vanzelf"],
    ])("without Slack or Teams and without demo mode (%o), refuses to start and explains in Dutch what to set", (env, reason) => {
      const config = loadConfig(env);
      expect(config.demoMode).toBe(false);
      const message = startProblems(config).join("\n");
      expect(message).toMatch(/^DEMO: /);
      expect(message).toContain(reason);
      for (const setting of ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD", "DEMO=on"]) expect(message).toContain(setting);
    });

    it("still loads such settings for commands that only need the database (db:seed, admin)", () => {
      expect(loadConfig({ DATABASE_URL: "postgresql://u@db:5432/nb" }).database).toEqual({ kind: "postgres", url: "postgresql://u@db:5432/nb" });
      expect(startProblems(loadConfig({}))).toEqual([]);
      expect(startProblems(loadConfig({ SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1", DEMO: "off" }))).toEqual([]);
    });

    it("refuses DEMO=on next to real platform settings: nothing anonymous is mounted beside them", () => {
      expect(problemsOf({ ...slack, DEMO: "on" })).toContain("DEMO: staat op on, maar Slack of Teams is ingesteld");
      expect(loadConfig({ ...slack, DEMO: "off" })).toMatchObject({ demoMode: false, slackEnabled: true });
      expect(() => loadConfig({ DEMO: "sometimes" })).toThrow(/DEMO/);
    });
  });
});
