import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoEmails } from "../../src/demo/demo-data.js";
import { translator } from "../../src/i18n/index.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { slackUser } from "../support/slack-app.js";
import { FORM, postSlack, SIGNING_SECRET, slashBody } from "../support/slack-requests.js";

const root = resolve(".");

/**
 * Issue 16.6: production runs the compiled JavaScript. `npm run build` (here its --if-stale form,
 * what `npm start` runs first) writes dist/; plain `node dist/main.js`, with no TypeScript loader,
 * must start and answer a signed Slack command.
 */
describe("the compiled build (dist/)", () => {
  let fake: FakeSlackApi;
  let dir: string;
  let bot: ChildProcess | undefined;
  let url: string;
  let output = "";

  beforeAll(async () => {
    // tsc over src/ takes 20 s on a quiet machine and two minutes on a loaded one.
    const built = spawnSync(process.execPath, [join(root, "src/build.mjs"), "--if-stale"], { cwd: root, stdio: "pipe" });
    expect(built.status, built.stderr.toString()).toBe(0);
    fake = await startFakeSlackApi({ users: { [slackUser.bakeryHr]: demoEmails.bakeryHr } });
    dir = mkdtempSync(join(tmpdir(), "netwerkbot-dist-"));
    bot = spawn(process.execPath, ["--import", join(root, "test/support/loaded-modules.mjs"), join(root, "dist/main.js")], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", LOADED_MODULES_FILE: join(dir, "loaded-modules.json"), PORT: "0", HOST: "127.0.0.1", SCHEDULER: "off", DEMO_DATA: "on", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-test", SLACK_API_URL: fake.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    url = await new Promise<string>((done, fail) => {
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split("\n").find((l) => l.includes("Netwerkbot draait op"));
        if (line) done(String((JSON.parse(line) as { url: string }).url));
      };
      bot!.stdout!.on("data", collect);
      bot!.stderr!.on("data", collect);
      bot!.once("exit", (code) => fail(new Error(`dist/main.js exited with ${code}: ${output}`)));
    });
  }, 300_000);

  afterAll(async () => {
    if (bot && bot.exitCode === null) await new Promise((done) => (bot!.once("exit", done), bot!.kill("SIGTERM")));
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("is JavaScript only: dist/main.js, the Prisma client and the static files, no TypeScript", () => {
    for (const file of ["main.js", "generated/prisma/client.js", "platforms/web/static/playground.js", "dashboard/static/web.css"]) {
      expect(existsSync(join(root, "dist", file)), file).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.start).toBe("node dist/main.js");
  });

  // The demo data binds no Slack workspace, so the compiled core answers what an unbound one hears.
  it("starts and answers a signed /netwerk command in the ack, and reports ready", async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const res = await postSlack(url, slashBody({ user: slackUser.bakeryHr, text: "help", responseUrl: fake.responseUrl("dist") }), FORM);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: "ephemeral" });
    expect(JSON.stringify(res.json)).toContain(translator("nl")("joining.unbound").slice(0, 40));
    expect(fake.callsTo("users.info")).toHaveLength(0);
    const forged = await postSlack(url, slashBody({ user: slackUser.bakeryHr, text: "help", responseUrl: fake.responseUrl("dist") }), FORM, { secret: "not-the-secret" });
    expect(forged.status).toBe(401);
  });

  // Issue 16.8: the image itself is built and run by `npm run container:smoke` (podman, minutes);
  // here, everywhere, its commands run against the same build: its CMD is what runs above, its
  // HEALTHCHECK must pass.
  it("runs the Dockerfile's CMD, and its HEALTHCHECK command reports the running bot healthy", () => {
    const dockerfile = readFileSync(join(root, "manifests/docker/Dockerfile"), "utf8").replace(/\\\n/g, " ");
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(cmd).toEqual(["node", "dist/main.js"]);
    const healthcheck = JSON.parse(/^HEALTHCHECK .*? CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(healthcheck.join(" ")).toContain("/readyz");
    const [, ...args] = healthcheck;
    const healthy = spawnSync(process.execPath, args, { env: { PATH: process.env.PATH ?? "", PORT: new URL(url).port }, timeout: 30_000 });
    expect(healthy.status, healthy.stderr.toString()).toBe(0);
    const unhealthy = spawnSync(process.execPath, args, { env: { PATH: process.env.PATH ?? "", PORT: "1" }, timeout: 30_000 });
    expect(unhealthy.status).toBe(1);
  });

  // Issue 16: Slack only (Teams off), nothing drawn yet: the heavy modules stay unloaded. Runs
  // last, as it stops the bot to read what it loaded. Socket Mode is not checked: Bolt's App
  // itself requires @slack/socket-mode, whatever the receiver (see the README).
  it("with Teams off loads neither botbuilder nor teams-ai, and no resvg before a chart is drawn", async () => {
    await new Promise((done) => (bot!.once("exit", done), bot!.kill("SIGTERM")));
    const loaded = (JSON.parse(readFileSync(join(dir, "loaded-modules.json"), "utf8")) as string[]).map((file) => file.replace(/^.*node_modules\//, ""));
    expect(loaded.some((file) => file.startsWith("@slack/bolt/"))).toBe(true);
    const packageOf = (file: string) => file.split("/").slice(0, file.startsWith("@") ? 2 : 1).join("/");
    const heavy = [...new Set(loaded.map(packageOf))].filter((name) => /^(botbuilder|botframework-|@microsoft\/teams-ai|@resvg\/)/.test(name));
    expect(heavy).toEqual([]);
  });
});
