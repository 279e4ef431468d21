import { startTestApp } from "../support/test-app.js";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { describeEachDatabase } from "../support/databases.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { seedDemo } from "../support/fixtures.js";
import { startFakeSocketMode, type FakeSocketMode } from "../support/slack-socket.js";

describeEachDatabase("Slack Socket Mode (no public URL)", (use) => {
  let fake: FakeSlackApi;
  let socket: FakeSocketMode;
  let app: RunningApp;
  beforeEach(async () => {
    socket = await startFakeSocketMode();
    fake = await startFakeSlackApi({
      users: { UJOOST: demoEmails.bakeryHr },
      handlers: { "apps.connections.open": () => ({ ok: true, url: socket.url }) },
    });
    app = await startTestApp(use(), {
      SLACK_MODE: "socket",
      SLACK_APP_TOKEN: "xapp-test",
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_API_URL: fake.url,
    });
  });
  afterEach(async () => {
    await app.close();
    await socket.close();
    await fake.close();
  });

  it("connects with the app token and answers a slash command in the envelope ack", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    await socket.connected;
    expect(fake.callsTo("apps.connections.open")[0]!.token).toBe("xapp-test");

    socket.push({
      envelope_id: "env-1",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: {
        team_id: "T0001",
        user_id: "UJOOST",
        channel_id: "C0GENERAL",
        command: "/netwerk",
        text: "rapporteer 4 ambitie 12",
        trigger_id: "trigger.socket",
        response_url: fake.responseUrl("socket"),
      },
    });

    await vi.waitFor(() => expect(socket.acks.map((a) => a.envelope_id)).toContain("env-1"));
    const ack = socket.acks.find((a) => a.envelope_id === "env-1")!;
    expect(ack.payload).toMatchObject({ response_type: "ephemeral" });
    expect(JSON.stringify(ack.payload)).toContain("Q4 2026");
    const joost = await actor("bakeryHr");
    expect(await db.prisma.placementReport.findFirstOrThrow({ where: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } } })).toMatchObject({ realised: 4, submittedVia: "SLACK" });
  });
});
