import { startTestApp } from "../support/test-app.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { chatContext } from "../../src/chat/context.js";
import { handleText } from "../../src/chat/conversation.js";
import type { ChatEffect } from "../../src/chat/message.js";
import { respondToEvent } from "../../src/core/events/rsvp.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { csrfTokenFor } from "../../src/dashboard/csrf.js";
import { describeEachDatabase } from "../support/databases.js";
import { expectSameTable, readCsv } from "../support/export-files.js";
import { depsFor, fixedNow, seedDemo, type DemoPersonKey } from "../support/fixtures.js";

const adminToken = "admin-token-for-tests-0123456789";
const protectedPaths = ["/dashboard", "/dashboard/chart.png", "/dashboard/reports.csv", "/dashboard/events/1/attendees.csv", "/dashboard/public", "/dashboard/public.png", "/dashboard/employers/abc123", "/dashboard/nothing-here"];

function buttonUrl(effects: ChatEffect[]): string {
  for (const e of effects) {
    if (e.type !== "reply") continue;
    for (const b of e.message.blocks) if (b.type === "actions") for (const button of b.buttons) if (button.url) return button.url;
  }
  throw new Error(`no link button in ${JSON.stringify(effects)}`);
}

function imageUrl(effects: ChatEffect[]): string | undefined {
  for (const e of effects) if (e.type === "reply") for (const b of e.message.blocks) if (b.type === "image") return b.url;
  return undefined;
}

export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...bytes.subarray(0, 8)]).toEqual(signature);
  expect(Buffer.from(bytes.subarray(12, 16)).toString("ascii")).toBe("IHDR");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describeEachDatabase("dashboard access over HTTP", (use) => {
  let app: RunningApp;
  let now = fixedNow;

  beforeAll(async () => {
    app = await startTestApp(use(), { DEMO: "on", ADMIN_TOKEN: adminToken }, { now: () => now });
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string, cookie?: string) => fetch(`${app.url}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
  const postForm = (path: string, form: Record<string, string>, cookie?: string) =>
    fetch(`${app.url}${path}`, { method: "POST", redirect: "manual", body: new URLSearchParams(form), headers: cookie ? { cookie } : {} });

  async function chat(key: DemoPersonKey, text: string) {
    const { actor } = await seedDemo(use(), now);
    return handleText(chatContext(app.chat, await actor(key), "SLACK"), text);
  }

  /** The whole flow a person follows: "dashboard" in chat, open the link, press the button. */
  async function signIn(key: DemoPersonKey): Promise<string> {
    const link = new URL(buttonUrl(await chat(key, "dashboard")));
    expect((await get(`${link.pathname}${link.search}`)).status).toBe(200);
    const response = await postForm("/dashboard/login", { token: link.searchParams.get("token")! });
    expect(response.status).toBe(303);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("netwerkbot_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    return cookie!.split(";")[0]!;
  }

  async function expectRefused(cookie: string | undefined) {
    const bodies = new Set<string>();
    for (const path of protectedPaths) {
      const response = await get(path, cookie);
      expect(response.status, path).toBe(401);
      const body = await response.text();
      expect(body).not.toMatch(/99vanDemo|Korenschoof|Hengelo|Praktijktafel/);
      bodies.add(body);
    }
    // Every refused path answers the same page, so probing reveals nothing about what exists.
    expect(bodies.size).toBe(1);
  }

  it("refuses everything without a session", async () => {
    await seedDemo(use(), now);
    await expectRefused(undefined);
  });

  it("refuses a forged cookie and an unredeemed link token used as a cookie", async () => {
    now = fixedNow;
    await expectRefused("netwerkbot_session=dGhpcy1pcy1ub3QtYS1yZWFsLXNlc3Npb24tdG9rZW4");
    const link = new URL(buttonUrl(await chat("coordinator", "dashboard")));
    await expectRefused(`netwerkbot_session=${link.searchParams.get("token")}`);
  });

  it("refuses an expired link, a used link and an expired session", async () => {
    now = fixedNow;
    const link = new URL(buttonUrl(await chat("coordinator", "dashboard")));
    now = new Date(fixedNow.getTime() + 16 * 60_000);
    const late = await postForm("/dashboard/login", { token: link.searchParams.get("token")! });
    expect(late.status).toBe(401);
    expect(late.headers.getSetCookie()).toEqual([]);
    expect(await late.text()).not.toContain("99vanDemo");

    now = fixedNow;
    const fresh = new URL(buttonUrl(await chat("coordinator", "dashboard")));
    expect((await postForm("/dashboard/login", { token: fresh.searchParams.get("token")! })).status).toBe(303);
    expect((await postForm("/dashboard/login", { token: fresh.searchParams.get("token")! })).status).toBe(401);

    const cookie = await signIn("coordinator");
    expect((await get("/dashboard", cookie)).status).toBe(200);
    now = new Date(fixedNow.getTime() + 9 * 3_600_000);
    await expectRefused(cookie);
    now = fixedNow;
  });

  it("shows a member only their own employer, and another employer's page like a missing one", async () => {
    now = fixedNow;
    const cookie = await signIn("bakeryHr");
    const overview = await (await get("/dashboard", cookie)).text();
    expect(overview).toContain("Bakkerij De Korenschoof");
    expect(overview).not.toMatch(/Hengelo|Zorggroep|Twente Tech|Praktijktafel/);

    const mo = await use().prisma.person.findFirstOrThrow({ where: { name: "Mo Yilmaz" }, select: { employerId: true } });
    const other = await get(`/dashboard/employers/${mo.employerId}`, cookie);
    const missing = await get("/dashboard/employers/doesnotexist0000", cookie);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    const otherBody = await other.text();
    expect(otherBody).toBe(await missing.text());
    expect(otherBody).not.toContain("Hengelo");

    const csv = await (await get("/dashboard/reports.csv", cookie)).text();
    expect(csv).toContain("Bakkerij De Korenschoof");
    expect(csv).not.toMatch(/Hengelo|Zorggroep|Metaalwerken/);
    for (const path of ["/dashboard/events/1/attendees.csv", "/dashboard/public", "/dashboard/public.png"]) {
      const response = await get(path, cookie);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toMatch(/Praktijktafel|99vanDemo \(/);
    }
    const own = await get(`/dashboard/employers/${(await use().prisma.person.findFirstOrThrow({ where: { name: "Joost Bakker" } })).employerId}`, cookie);
    expect(own.status).toBe(200);
  });

  it("signs self-hosters in with the admin token only when it matches", async () => {
    now = fixedNow;
    await seedDemo(use(), now);
    const wrong = await postForm("/dashboard/login", { adminToken: `${adminToken}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    const right = await postForm("/dashboard/login", { adminToken });
    expect(right.status).toBe(303);
    const cookie = right.headers.getSetCookie()[0]!.split(";")[0]!;
    const page = await (await get("/dashboard", cookie)).text();
    expect(page).toContain("99vanDemo");
    expect(page).toContain("Hengelo Logistiek BV");

    // Several networks: ?network=<slug> picks one, and the choice is remembered.
    await use().prisma.network.create({ data: { slug: "tweede", name: "Tweede Netwerk", employers: { create: { name: "Andere BV", branche: "ICT", sizeBand: "SMALL", location: "Almelo", region: "Twente" } } } });
    const picked = await get("/dashboard?network=tweede", cookie);
    const pickedPage = await picked.text();
    expect(pickedPage).toContain("Tweede Netwerk");
    expect(pickedPage).not.toContain("Hengelo");
    const remembered = picked.headers.getSetCookie().find((c) => c.startsWith("netwerkbot_network="))!.split(";")[0]!;
    expect(await (await get("/dashboard", `${cookie}; ${remembered}`)).text()).toContain("Andere BV");
  });

  it("serves the chart as a valid PNG whose bytes change when the data does", async () => {
    now = fixedNow;
    const cookie = await signIn("coordinator");
    const before = new Uint8Array(await (await get("/dashboard/chart.png", cookie)).arrayBuffer());
    expect(pngSize(before)).toEqual({ width: 720, height: 360 });

    const { actor } = await seedDemo(use(), now);
    expect((await submitReport(depsFor(use(), now), await actor("bakeryHr"), { realised: 7, ambition: 12 }, "SLACK")).ok).toBe(true);
    const after = new Uint8Array(await (await get("/dashboard/chart.png", cookie)).arrayBuffer());
    expect(pngSize(after)).toEqual({ width: 720, height: 360 });
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(false);

    const publicPng = new Uint8Array(await (await get("/dashboard/public.png", cookie)).arrayBuffer());
    expect(pngSize(publicPng)).toEqual({ width: 720, height: 360 });
  });

  it("adds a signed chart image to the status message that stops working when tampered with or expired", async () => {
    now = fixedNow;
    const url = imageUrl(await chat("coordinator", "status"));
    expect(url).toBeDefined();
    const path = url!.slice(url!.indexOf("/charts/"));
    const ok = await get(path);
    expect(ok.status).toBe(200);
    pngSize(new Uint8Array(await ok.arrayBuffer()));

    expect((await get(path.replace(/signature=[^&]+/, "signature=AAAA"))).status).toBe(404);
    const otherNetwork = path.replace(/network=[^&]+/, "network=someothernetwork");
    expect((await get(otherNetwork)).status).toBe(404);
    now = new Date(fixedNow.getTime() + 25 * 3_600_000);
    expect((await get(path)).status).toBe(404);
    now = fixedNow;
  });

  it("exports CSV with formula-looking cells defused", async () => {
    now = fixedNow;
    const { actor } = await seedDemo(use(), now);
    await submitReport(depsFor(use(), now), await actor("bakeryHr"), { realised: 1, ambition: 12, remark: '=HYPERLINK("http://evil.example","klik")' }, "SLACK");
    const cookie = await signIn("coordinator");
    const response = await get("/dashboard/reports.csv", cookie);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const bytes = Buffer.from(await response.arrayBuffer());
    // One byte-order mark (core writes it; the route must not add a second).
    expect([...bytes.subarray(0, 6)]).toEqual([0xef, 0xbb, 0xbf, ..."Net"].map((b) => (typeof b === "string" ? b.charCodeAt(0) : b)));
    const rows = readCsv(bytes);
    const bakery = rows.find((r) => r[1] === "Q4 2026" && r[2] === "Bakkerij De Korenschoof")!;
    expect(bakery.at(-1)).toBe(`'=HYPERLINK("http://evil.example","klik")`);
    expect(rows.flat().filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    // The Excel link gives the same table; there the remark is a text cell, never a formula.
    const xlsx = await get("/dashboard/reports.xlsx", cookie);
    expect(xlsx.headers.get("content-type")).toContain("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    await expectSameTable(bytes, Buffer.from(await xlsx.arrayBuffer()), "nl");
  });

  it("exports an event's attendee list for coordinators, with names that look like formulas defused", async () => {
    now = fixedNow;
    const { actor } = await seedDemo(use(), now);
    const mo = await actor("logisticsHr");
    await use().prisma.person.update({ where: { id: mo.personId }, data: { name: "=1+1" } });
    expect((await respondToEvent(depsFor(use(), now), await actor("bakeryHr"), { number: 1, response: "ja" })).ok).toBe(true);
    expect((await respondToEvent(depsFor(use(), now), { ...mo, name: "=1+1" }, { number: 1, response: "misschien" })).ok).toBe(true);
    const cookie = await signIn("coordinator");
    const csv = Buffer.from(await (await get("/dashboard/events/1/attendees.csv", cookie)).arrayBuffer());
    expect(readCsv(csv).map((r) => r.slice(0, 3))).toEqual([
      ["Naam", "Werkgever", "Antwoord"],
      ["Joost Bakker", "Bakkerij De Korenschoof", "Ja"],
      ["'=1+1", "Hengelo Logistiek BV", "Misschien"],
    ]);
    const xlsx = Buffer.from(await (await get("/dashboard/events/1/attendees.xlsx", cookie)).arrayBuffer());
    const { xlsx: sheet } = await expectSameTable(csv, xlsx, "nl");
    expect(sheet.rows[2]![0]).toBe("=1+1");
    const page = await (await get("/dashboard", cookie)).text();
    expect(page).toContain('href="/dashboard/events/1/attendees.xlsx"');
    expect(page).toContain('href="/dashboard/reports.xlsx"');
    expect((await get("/dashboard/events/99/attendees.csv", cookie)).status).toBe(404);
  });

  it("ends the session on sign-out", async () => {
    now = fixedNow;
    const cookie = await signIn("coordinator");
    expect((await postForm("/dashboard/logout", {}, cookie)).status).toBe(303);
    expect((await get("/dashboard", cookie)).status).toBe(401);
  });

  it("refuses sign-in and sign-out posted from another site", async () => {
    now = fixedNow;
    const crossSite: Array<Record<string, string>> = [{ "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { origin: "https://attacker.example" }];
    for (const headers of crossSite) {
      const login = await fetch(`${app.url}/dashboard/login`, { method: "POST", redirect: "manual", headers, body: new URLSearchParams({ adminToken }) });
      expect(login.status, JSON.stringify(headers)).toBe(403);
      expect(login.headers.getSetCookie()).toEqual([]);
    }
    const cookie = await signIn("coordinator");
    const logout = await fetch(`${app.url}/dashboard/logout`, { method: "POST", redirect: "manual", headers: { cookie, origin: "https://attacker.example" } });
    expect(logout.status).toBe(403);
    expect((await get("/dashboard", cookie)).status).toBe(200);
    // The bot's own pages post with their own origin, as a browser does.
    const sameOrigin = await fetch(`${app.url}/dashboard/logout`, { method: "POST", redirect: "manual", headers: { cookie, origin: new URL(app.url).origin, "sec-fetch-site": "same-origin" } });
    expect(sameOrigin.status).toBe(303);
  });

  it("refuses a signed-in person's post without their session's form token", async () => {
    now = fixedNow;
    const cookie = await signIn("coordinator");
    const other = await signIn("coordinator");
    const page = await (await get("/dashboard", cookie)).text();
    const before = await use().prisma.auditLog.count();
    const refused: Array<Record<string, string>> = [{}, { _csrf: "forged" }, { _csrf: csrfTokenFor(other.split("=")[1]!) }];
    for (const form of refused) {
      const response = await postForm("/dashboard/anything", form, cookie);
      expect(response.status, JSON.stringify(form)).toBe(403);
      expect(await response.text()).toContain("Dit formulier is verlopen");
    }
    // With the session's own token the request passes the check (and finds no such page).
    const token = csrfTokenFor(cookie.split("=")[1]!);
    expect((await postForm("/dashboard/anything", { _csrf: token }, cookie)).status).toBe(404);
    expect((await fetch(`${app.url}/dashboard/anything?_csrf=${token}`, { method: "POST", redirect: "manual", headers: { cookie } })).status).toBe(404);
    expect(await use().prisma.auditLog.count()).toBe(before);
    expect(page).not.toContain(token); // no form on the overview yet gives the token away needlessly
  });

  it("serves health, readiness and Prometheus metrics", async () => {
    expect(await (await get("/healthz")).json()).toEqual({ status: "ok" });
    expect((await get("/readyz")).status).toBe(200);
    const metrics = await (await get("/metrics")).text();
    expect(metrics).toContain("netwerkbot_commands_handled_total");
    expect(metrics).toContain("# TYPE netwerkbot_command_duration_seconds histogram");
    expect(metrics).toContain("netwerkbot_messages_sent_total");
  });
});
