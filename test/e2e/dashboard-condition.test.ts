import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { confirmCondition } from "../../src/core/conditions/confirm-condition.js";
import { createSignInLink } from "../../src/core/dashboard/sign-in.js";
import { csrfTokenFor } from "../../src/dashboard/csrf.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, type DemoPersonKey } from "../support/fixtures.js";
import { snapshotAll } from "../support/members-fixtures.js";
import { startTestApp } from "../support/test-app.js";

const nl = translator("nl");
const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

describeEachDatabase("dashboard: the membership condition over HTTP", (use) => {
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
    await use().prisma.network.update({ where: { id: seeded.networkId }, data: { membershipCondition: "INTENTIEVERKLARING" } });
  });

  async function signIn(key: DemoPersonKey) {
    const { token } = await createSignInLink(depsFor(use()), await seeded.actor(key));
    const response = await fetch(`${app.url}/dashboard/login`, { method: "POST", redirect: "manual", body: new URLSearchParams({ token }) });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("netwerkbot_session="))!.split(";")[0]!;
    return { cookie, token: csrfTokenFor(cookie.split("=")[1]!) };
  }
  const get = async (s: { cookie: string }, path: string) => {
    const response = await fetch(`${app.url}${path}`, { redirect: "manual", headers: { cookie: s.cookie } });
    return { status: response.status, text: decode(await response.text()), location: response.headers.get("location") };
  };
  const post = async (s: { cookie: string; token: string }, path: string, form: Record<string, string>) => {
    const body = new URLSearchParams({ ...form, _csrf: s.token });
    const response = await fetch(`${app.url}${path}`, { method: "POST", redirect: "manual", body, headers: { cookie: s.cookie } });
    return { status: response.status, text: decode(await response.text()), location: response.headers.get("location") };
  };

  it("a coordinator sets the text, sees met/open per employer on the employers page, and a new version opens it again", async () => {
    const s = await signIn("coordinator");
    const empty = await get(s, "/dashboard/manage/condition");
    expect(empty.status).toBe(200);
    expect(empty.text).toContain(nl("dashboard.condition.noText"));

    const tooLong = await post(s, "/dashboard/manage/condition", { text: "x".repeat(2_501) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toMatch(/data-error-for="text">[^<]+</);
    expect(await use().prisma.membershipConditionText.count()).toBe(0);

    const saved = await post(s, "/dashboard/manage/condition", { text: "Wij maken werk van inclusief werkgeverschap." });
    expect(saved).toMatchObject({ status: 303, location: "/dashboard/manage/condition?done=saved" });
    const page = await get(s, saved.location!);
    expect(page.text).toContain(nl("dashboard.condition.saved"));
    expect(page.text).toContain('<blockquote id="condition-text">Wij maken werk van inclusief werkgeverschap.</blockquote>');
    expect(page.text).toContain(nl("dashboard.condition.counts", { met: 0, open: 6 }));

    const text = await use().prisma.membershipConditionText.findFirstOrThrow();
    await confirmCondition(depsFor(use()), await seeded.actor("bakeryHr"), { textId: text.id });
    const list = await get(s, "/dashboard/manage/employers");
    expect(list.text).toMatch(/data-employer="Bakkerij De Korenschoof">.*?<td[^>]*data-condition="met"><span class="cell">voldaan sinds 25 november 2026<\/span><\/td>/s);
    expect(list.text).toMatch(/data-employer="Hengelo Logistiek BV">.*?<td[^>]*data-condition="open"><span class="cell">open sinds/s);
    const bakery = await use().prisma.employer.findFirstOrThrow({ where: { name: "Bakkerij De Korenschoof" } });
    expect((await get(s, `/dashboard/manage/employers/${bakery.id}`)).text).toContain('<p id="employer-condition">Voorwaarde: voldaan sinds 25 november 2026 door Joost Bakker</p>');

    expect(await post(s, "/dashboard/manage/condition", { text: "Wij maken werk van inclusief werkgeverschap." })).toMatchObject({ status: 303, location: "/dashboard/manage/condition?done=unchanged" });
    await post(s, "/dashboard/manage/condition", { text: "Versie twee: vijf plaatsingen per jaar." });
    expect((await get(s, "/dashboard/manage/employers")).text).toMatch(/data-employer="Bakkerij De Korenschoof">.*?<td[^>]*data-condition="open">/s);
  });

  it("refuses a member: the page is not found and a posted text changes nothing", async () => {
    const s = await signIn("bakeryHr");
    const before = await snapshotAll(use());
    expect((await get(s, "/dashboard/manage/condition")).status).toBe(404);
    const posted = await post(s, "/dashboard/manage/condition", { text: "Wij beloven niets." });
    expect(posted.status).toBe(404);
    expect(await use().prisma.membershipConditionText.count()).toBe(0);
    expect(await snapshotAll(use())).toEqual(before);
  });
});
