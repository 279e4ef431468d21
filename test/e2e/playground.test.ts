import { startTestApp } from "../support/test-app.js";
import express from "express";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { metricsRegistry } from "../../src/observability/metrics.js";
import { mountWebSurfaces } from "../../src/platforms/web/mount.js";
import { describeEachDatabase } from "../support/databases.js";
import { chatFor, depsFor, fixedNow, seedDemo } from "../support/fixtures.js";

type Item = { type: "append" | "update"; html: string } | { type: "formErrors"; errors: Record<string, string> };

describeEachDatabase("playground over HTTP", (use) => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp(use(), { DEMO: "on" });
  });
  afterAll(async () => {
    await app?.close();
  });

  async function post(path: string, body: unknown): Promise<{ status: number; items: Item[] }> {
    const response = await fetch(`${app.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const json = (await response.json()) as { items?: Item[] };
    return { status: response.status, items: json.items ?? [] };
  }
  const personId = async (name: string) => (await use().prisma.person.findFirstOrThrow({ where: { name }, select: { id: true } })).id;
  const appended = (items: Item[]) => items.flatMap((i) => ("html" in i ? [i.html] : [])).join("\n");

  it("lists the demo people on the page, coordinator first", async () => {
    await seedDemo(use());
    const page = await (await fetch(app.url)).text();
    expect(page).toMatch(/<select id="person"><option value="[^"]+" data-locale="">Sanne Coördinator/);
    expect(page).toContain("Joost Bakker — Bakkerij De Korenschoof");
    expect(page).toContain("Alex Morgan — Twente Tech Solutions (English)");
    const english = await (await fetch(`${app.url}/?lang=en`)).text();
    expect(english).toContain("Who are you?");
    expect(english).toContain('<html lang="en">');
  });

  it("reports a quarter through the same form as in chat, with field errors kept in the form", async () => {
    await seedDemo(use());
    const joost = await personId("Joost Bakker");
    const opened = await post("/playground/text", { personId: joost, text: "rapporteer" });
    expect(appended(opened.items)).toMatch(/<form class="chat-form msg bot" data-form-id="report"/);
    expect(appended(opened.items)).toContain('name="realised"');

    const invalid = await post("/playground/form", { personId: joost, formId: "report", values: { realised: "drie", ambition: "12", remark: "" } });
    expect(invalid.items).toEqual([{ type: "formErrors", errors: { realised: "Vul een heel getal in." } }]);
    expect(await use().prisma.placementReport.count({ where: { period: { year: 2026, quarter: 4 } } })).toBe(0);

    const saved = await post("/playground/form", { personId: joost, formId: "report", values: { realised: "4", ambition: "12", remark: "" } });
    expect(appended(saved.items)).toContain("Bedankt! Je rapportage voor Q4 2026 is opgeslagen: 4 plaatsingen, ambitie 12.");
    expect(await use().prisma.placementReport.findFirst({ where: { period: { year: 2026, quarter: 4 } } })).toMatchObject({ realised: 4, submittedVia: "WEB" });
  });

  it("answers the English speaker in English and presses buttons like a chat client", async () => {
    await seedDemo(use());
    const alex = await personId("Alex Morgan");
    const reports = await post("/playground/text", { personId: alex, text: "reports" });
    expect(appended(reports.items)).toContain("Q4 2026 has not been reported yet.");
    expect(appended(reports.items)).toContain('data-action="report.open"');
    const pressed = await post("/playground/action", { personId: alex, action: "report.open", value: "" });
    expect(appended(pressed.items)).toContain("Report Q4 2026");
  });

  it("escapes everything it renders", async () => {
    const { actor } = await seedDemo(use());
    const joost = await actor("bakeryHr");
    await use().prisma.employer.update({ where: { id: joost.employerId! }, data: { name: `<img src=x onerror="alert(1)">` } });
    const html = appended((await post("/playground/text", { personId: joost.personId, text: "rapportages" })).items);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).not.toContain("<img src=x");
    const unknown = appended((await post("/playground/text", { personId: joost.personId, text: "<b>hoi</b>" })).items);
    expect(unknown).toContain("&lt;b&gt;hoi&lt;/b&gt;");
  });

  it("shows the person's inbox of bot messages sent to the web", async () => {
    const { actor } = await seedDemo(use());
    const joost = await actor("bakeryHr");
    await use().prisma.outboxMessage.create({
      data: {
        idempotencyKey: "test:prompt:joost",
        platform: "WEB",
        kind: "campaign.prompt",
        personId: joost.personId,
        address: { personId: joost.personId },
        payload: { networkName: "99vanDemo", label: "Q4 2026", employerName: "Bakkerij <b>", closesAt: "2027-01-01T00:00:00.000Z", timeZone: "Europe/Amsterdam" },
        status: "SENT",
        sentAt: fixedNow,
      },
    });
    const response = await fetch(`${app.url}/playground/inbox?personId=${joost.personId}`);
    const { html } = (await response.json()) as { html: string };
    expect(html).toContain('data-action="report.open"');
    expect(html).toContain("Bakkerij &lt;b&gt;");
    const other = (await (await fetch(`${app.url}/playground/inbox?personId=${await personId("Mo Yilmaz")}`)).json()) as { html: string };
    expect(other.html).toContain("Nog geen berichten.");
  });

  it("refuses malformed requests and unknown people without running anything", async () => {
    await seedDemo(use());
    expect((await post("/playground/text", { personId: 42, text: "status" })).status).toBe(400);
    expect((await post("/playground/text", { personId: "nobody00000", text: "status" })).status).toBe(404);
    expect((await post("/playground/form", { personId: await personId("Joost Bakker"), formId: "report", values: { realised: { $gt: 1 } } })).status).toBe(400);
  });

  it("counts handled commands and their latency for /metrics", async () => {
    await seedDemo(use());
    const count = async () => {
      const metric = await metricsRegistry.getSingleMetric("netwerkbot_commands_handled_total")!.get();
      return metric.values.filter((v) => v.labels.platform === "WEB").reduce((n, v) => n + v.value, 0);
    };
    const before = await count();
    await post("/playground/text", { personId: await personId("Sanne Coördinator"), text: "status" });
    expect(await count()).toBe(before + 1);
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toMatch(/netwerkbot_command_duration_seconds_count\{platform="WEB"\} [1-9]/);
  });
});

it("is not mounted when Slack is configured: nobody can pick who they are", async () => {
  const config = loadConfig({ SLACK_SIGNING_SECRET: "secret", SLACK_BOT_TOKEN: "xoxb-test", LOG_LEVEL: "silent" });
  expect(config.demoMode).toBe(false);
  const http = express();
  const fakeDeps = depsFor({ prisma: {} } as never);
  mountWebSurfaces(http, { config, deps: fakeDeps, chat: chatFor(fakeDeps), logger: createLogger("silent", false) });
  const server = http.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/playground/text`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(404);
    expect((await fetch(`${base}/playground/static/playground.js`)).status).toBe(404);
    expect((await fetch(`${base}/dashboard/login`)).status).toBe(200);
  } finally {
    server.close();
  }
});
