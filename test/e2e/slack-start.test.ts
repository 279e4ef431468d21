import { createServer } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import { createTestDatabase } from "../support/databases.js";
import { startFakeSlackApi } from "../support/fake-slack-api.js";
import { SIGNING_SECRET } from "../support/slack-requests.js";
import { startTestApp } from "../support/test-app.js";

// A host's first start with Slack: a token pasted wrong, or no way out to Slack, must stop the
// start with what to fix (exit 78 in main.ts), not end the process later with a stack trace.
let handle: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  handle = await createTestDatabase("pglite");
}, 60_000);
afterAll(() => handle?.drop());

const slackEnv = (apiUrl: string) => ({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-verkeerd", SLACK_API_URL: apiUrl });

it("refuses to start when Slack turns the bot token down", async () => {
  const fake = await startFakeSlackApi({ handlers: { "auth.test": () => ({ ok: false, error: "invalid_auth" }) } });
  try {
    const start = startTestApp(handle.db, slackEnv(fake.url));
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow("SLACK_BOT_TOKEN: Slack weigert het token (invalid_auth).");
    expect(fake.callsTo("auth.test").map((c) => c.token)).toEqual(["xoxb-verkeerd"]);
  } finally {
    await fake.close();
  }
});

it("refuses to start when Slack cannot be reached to check the token", async () => {
  // A port that was free a moment ago: nothing answers there.
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  await expect(startTestApp(handle.db, slackEnv(`http://127.0.0.1:${port}/api/`))).rejects.toThrow(
    /SLACK_BOT_TOKEN: Slack is niet bereikbaar om het token te controleren \(.+\); controleer de verbinding en SLACK_API_URL\./,
  );
});
