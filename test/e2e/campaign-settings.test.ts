import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import type { RunningApp } from "../../src/app.js";
import { createSignInLink } from "../../src/core/dashboard/sign-in.js";
import { csrfTokenFor } from "../../src/dashboard/csrf.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts } from "../support/fixtures.js";
import { readableText, slashAndAnswer } from "../support/slack-answers.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import { startTestApp } from "../support/test-app.js";

const nl = translator("nl");
const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
const settingsOf = (db: Database, networkId: string) =>
  db.prisma.network.findUniqueOrThrow({ where: { id: networkId }, select: { reminderOffsetsDays: true, periodOpensDay: true, periodClosesAfterDays: true } });

describeEachDatabase("reporting settings: instellingen rapportage over real Bolt", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness(use());
  });
  afterEach(async () => {
    await h.close();
  });

  it("shows the current settings without arguments, saves a change, refuses bad input and members", async () => {
    const db = use();
    const { networkId } = await seedDemo(db);
    // The clock is 25 Nov 2026 (Q4): the defaults open on Thu 1 Oct, remind on 8 and 15 Oct, close with the quarter.
    const shown = readableText((await slashAndAnswer(h, slackUser.coordinator, "instellingen", "s1")).message!);
    expect(shown).toContain(nl("settings.opens", { days: 0 }));
    expect(shown).toContain(nl("settings.reminders", { count: 2, days: "7, 14" }));
    expect(shown).toContain(nl("settings.closes", { days: 0 }));
    expect(shown).toContain(nl("settings.quarter", { quarter: "Q4 2026", opens: "1 oktober 2026", count: 2, reminders: "8 oktober 2026, 15 oktober 2026", last: "31 december 2026" }));

    const saved = readableText((await slashAndAnswer(h, slackUser.coordinator, "instellingen rapportage herinneringen 7,14 opent 1 sluit 30", "s2")).message!);
    expect(saved).toContain(nl("settings.saved"));
    // Fri 2 Oct opens; reminders Fri 9 and Fri 16 Oct; closes 30 days after 1 Jan: the last day is 30 Jan.
    expect(saved).toContain(nl("settings.quarter", { quarter: "Q4 2026", opens: "2 oktober 2026", count: 2, reminders: "9 oktober 2026, 16 oktober 2026", last: "30 januari 2027" }));
    expect(await settingsOf(db, networkId)).toEqual({ reminderOffsetsDays: [7, 14], periodOpensDay: 1, periodClosesAfterDays: 30 });

    // Their first message links the Slack users; that is not what this part checks.
    await slashAndAnswer(h, slackUser.bakeryHr, "help", "h1");
    await slashAndAnswer(h, slackUser.englishSpeaker, "help", "h2");
    const before = await snapshotCounts(db);
    const unsorted = readableText((await slashAndAnswer(h, slackUser.coordinator, "instellingen herinneringen 14,7", "s3")).message!);
    expect(unsorted).toContain(nl("field.campaigns.remindersOrder"));
    const unknown = readableText((await slashAndAnswer(h, slackUser.coordinator, "instellingen morgen", "s4")).message!);
    expect(unknown).toContain(nl("settings.unknownWord", { word: "morgen" }));
    const member = readableText((await slashAndAnswer(h, slackUser.bakeryHr, "instellingen rapportage herinneringen 3", "s5")).message!);
    expect(member).toContain(nl("chat.coordinatorOnly", { command: "instellingen" }));
    expect(member).not.toContain("7, 14");
    const english = readableText((await slashAndAnswer(h, slackUser.englishSpeaker, "settings", "s6")).message!);
    expect(english).toContain(translator("en")("chat.coordinatorOnly", { command: "instellingen" }));
    expect(await snapshotCounts(db)).toEqual(before);
    expect(await settingsOf(db, networkId)).toEqual({ reminderOffsetsDays: [7, 14], periodOpensDay: 1, periodClosesAfterDays: 30 });
  });
});

describeEachDatabase("reporting settings: the dashboard form over HTTP", (use) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp(use());
  });
  afterAll(async () => {
    await app?.close();
  });
  let seeded: Awaited<ReturnType<typeof seedDemo>>;
  beforeEach(async () => {
    seeded = await seedDemo(use());
  });

  async function signIn(key: "coordinator" | "bakeryHr") {
    const { token } = await createSignInLink(depsFor(use()), await seeded.actor(key));
    const response = await fetch(`${app.url}/dashboard/login`, { method: "POST", redirect: "manual", body: new URLSearchParams({ token }) });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("netwerkbot_session="))!.split(";")[0]!;
    return { cookie, token: csrfTokenFor(cookie.split("=")[1]!) };
  }
  const get = async (s: { cookie: string }, path: string) => {
    const response = await fetch(`${app.url}${path}`, { redirect: "manual", headers: { cookie: s.cookie } });
    return { status: response.status, text: decode(await response.text()), location: response.headers.get("location") };
  };
  const post = async (s: { cookie: string; token: string }, path: string, form: Record<string, string>, csrf = s.token) => {
    const body = new URLSearchParams({ ...form, _csrf: csrf });
    const response = await fetch(`${app.url}${path}`, { method: "POST", redirect: "manual", body, headers: { cookie: s.cookie } });
    return { status: response.status, text: decode(await response.text()), location: response.headers.get("location") };
  };
  const PATH = "/dashboard/manage/settings";

  it("a coordinator sees the settings, a bad value is shown next to its field, a good one is saved; the form needs its token", async () => {
    const db = use();
    const s = await signIn("coordinator");
    const page = await get(s, PATH);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/id="field-reminders" name="reminders"[^>]*value="7, 14"/);
    expect(page.text).toContain(nl("settings.closes", { days: 0 }));
    expect((await get(s, "/dashboard/manage/employers")).text).toContain(`href="${PATH}"`);

    const before = await snapshotCounts(db);
    const late = await post(s, PATH, { reminders: "7, 100", opensDay: "0", closesAfterDays: "0" });
    expect(late.status).toBe(400);
    expect(late.text).toContain(`data-error-for="reminders">${nl("field.campaigns.remindersAfterClose", { max: 89 })}<`);
    const big = await post(s, PATH, { reminders: "7", opensDay: "61", closesAfterDays: "0" });
    expect(big.text).toContain(`data-error-for="opensDay">${nl("field.campaigns.opensDay")}<`);
    expect(big.text).toMatch(/name="opensDay"[^>]*value="61"/); // what was typed stays in the form
    const forged = await post(s, PATH, { reminders: "3", opensDay: "0", closesAfterDays: "0" }, "not-the-token");
    expect(forged.status).toBe(403);
    expect(await snapshotCounts(db)).toEqual(before);

    const saved = await post(s, PATH, { reminders: "5, 20, 100", opensDay: "1", closesAfterDays: "14" });
    expect(saved).toMatchObject({ status: 303, location: `${PATH}?done=saved` });
    const after = await get(s, saved.location!);
    expect(after.text).toContain(nl("settings.saved"));
    expect(after.text).toContain(nl("settings.reminders", { count: 3, days: "5, 20, 100" }));
    expect(await db.prisma.network.findUniqueOrThrow({ where: { id: seeded.networkId }, select: { reminderOffsetsDays: true, periodOpensDay: true, periodClosesAfterDays: true } })).toEqual({ reminderOffsetsDays: [5, 20, 100], periodOpensDay: 1, periodClosesAfterDays: 14 });
    expect(await post(s, PATH, { reminders: "5,20,100", opensDay: "1", closesAfterDays: "14" })).toMatchObject({ status: 303, location: `${PATH}?done=unchanged` });
  });

  it("a member gets the page as not found and a posted form changes nothing", async () => {
    const db = use();
    const s = await signIn("bakeryHr");
    const before = await snapshotCounts(db);
    expect((await get(s, PATH)).status).toBe(404);
    const posted = await post(s, PATH, { reminders: "1", opensDay: "0", closesAfterDays: "0" });
    expect(posted.status).toBe(404);
    expect(await snapshotCounts(db)).toEqual(before);
  });
});
