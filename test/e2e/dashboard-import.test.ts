import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { chatContext } from "../../src/chat/context.js";
import { handleText } from "../../src/chat/conversation.js";
import type { ChatEffect } from "../../src/chat/message.js";
import { csrfTokenFor } from "../../src/dashboard/csrf.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo, snapshotCounts, type DemoPersonKey } from "../support/fixtures.js";
import { startTestApp } from "../support/test-app.js";
import { csvOf, DUTCH_HEADER, memberRows } from "../support/member-sheets.js";

const adminToken = "admin-token-for-tests-0123456789";

function linkIn(effects: ChatEffect[]): string {
  for (const e of effects) if (e.type === "reply") for (const b of e.message.blocks) if (b.type === "actions") for (const button of b.buttons) if (button.url) return button.url;
  throw new Error("no link");
}

describeEachDatabase("dashboard member import over HTTP", (use) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp(use(), { DEMO: "on", ADMIN_TOKEN: adminToken });
  });
  afterAll(() => app?.close());

  const get = (path: string, cookie: string) => fetch(`${app.url}${path}`, { headers: { cookie } });
  const post = (path: string, body: FormData | URLSearchParams, cookie: string) => fetch(`${app.url}${path}`, { method: "POST", body, headers: { cookie }, redirect: "manual" });

  async function signIn(key: DemoPersonKey): Promise<string> {
    const { actor } = await seedDemo(use());
    const link = new URL(linkIn(await handleText(chatContext(app.chat, await actor(key), "SLACK"), "dashboard")));
    const response = await fetch(`${app.url}/dashboard/login`, { method: "POST", redirect: "manual", body: new URLSearchParams({ token: link.searchParams.get("token")! }) });
    return response.headers.getSetCookie().find((c) => c.startsWith("netwerkbot_session="))!.split(";")[0]!;
  }

  /** The upload form's action, token included, as the browser would post it. */
  async function uploadAction(cookie: string): Promise<string> {
    const page = await (await get("/dashboard/members/import", cookie)).text();
    return /<form method="post" action="([^"]+)" enctype="multipart\/form-data">/.exec(page)![1]!.replace(/&amp;/g, "&");
  }

  const fileForm = (bytes: Uint8Array, name = "leden.csv") => {
    const form = new FormData();
    form.append("file", new Blob([bytes]), name);
    return form;
  };
  const applyForm = (page: string) => {
    const match = /action="(\/dashboard\/members\/import\/[a-z0-9]+\/apply)">.*?name="_csrf" value="([^"]+)".*?name="digest" value="([^"]+)"/s.exec(page);
    if (!match) throw new Error(`no apply form in ${page.slice(0, 2000)}`);
    return { action: match[1]!, body: new URLSearchParams({ _csrf: match[2]!, digest: match[3]! }) };
  };

  it("upload → preview → apply: the preview writes nothing, apply writes the file, the same upload cannot be applied twice", async () => {
    const cookie = await signIn("coordinator");
    expect(await (await get("/dashboard", cookie)).text()).toContain('href="/dashboard/members/import"');
    const before = await snapshotCounts(use());

    const action = await uploadAction(cookie);
    expect(action).toMatch(/^\/dashboard\/members\/import\?_csrf=/);
    const forged = await post("/dashboard/members/import", fileForm(csvOf(memberRows(3, 5))), cookie);
    expect(forged.status).toBe(403);
    expect(await use().prisma.importUpload.count()).toBe(0);

    const preview = await post(action, fileForm(csvOf(memberRows(3, 5))), cookie);
    expect(preview.status).toBe(200);
    const page = await preview.text();
    expect(page).toContain("Nieuwe werkgevers (3)");
    expect(page).toContain("Nieuwe personen (5)");
    expect(page).toContain("Geen fouten gevonden: de import kan worden toegepast.");
    expect(await snapshotCounts(use())).toEqual(before);

    const { action: applyAction, body } = applyForm(page);
    const applied = await post(applyAction, body, cookie);
    expect(applied.status).toBe(200);
    expect(await applied.text()).toContain("Ingelezen: 3 werkgevers toegevoegd en 0 bijgewerkt, 5 personen toegevoegd en 0 bijgewerkt.");
    expect(await use().prisma.person.count()).toBe(before.people + 5);
    expect(await use().prisma.importUpload.count()).toBe(0);

    const twice = await post(applyAction, body, cookie);
    expect(twice.status).toBe(404);
    expect(await twice.text()).toContain("Dit voorstel is verlopen of al toegepast. Lees het bestand opnieuw in.");
    expect(await use().prisma.person.count()).toBe(before.people + 5);
  });

  it("shows bad rows without an apply button, and answers too large and binary files in Dutch", async () => {
    const cookie = await signIn("coordinator");
    const action = await uploadAction(cookie);
    const badFile = csvOf([DUTCH_HEADER, ["Nieuw BV", "Zorg", "reuze", "Delden", "Twente", "", "", "Kees", "kees@", "", "", ""]]);
    const page = await (await post(action, fileForm(badFile), cookie)).text();
    expect(page).toContain("rij 2: omvang: Omvang &quot;reuze&quot; ken ik niet.");
    expect(page).toContain("e-mail: &quot;kees@&quot; is geen geldig e-mailadres.");
    expect(page).not.toContain('id="apply"');

    const huge = await post(action, fileForm(new Uint8Array(3 * 1024 * 1024).fill(0x41)), cookie);
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("Het bestand is te groot (groter dan 2 MB).");
    const binary = await post(action, fileForm(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), "foto.csv"), cookie);
    expect(binary.status).toBe(400);
    expect(await binary.text()).toContain("Dit is geen spreadsheet.");
    const none = await post(action, new FormData(), cookie);
    expect(await none.text()).toContain("Kies eerst een bestand (CSV of .xlsx).");
  });

  it("refuses to apply a preview after the list changed, and shows the new plan", async () => {
    const cookie = await signIn("coordinator");
    const file = csvOf([DUTCH_HEADER, ["Hengelo Logistiek BV", "", "", "", "", "", "41", "Mo Yilmaz", "mo.hr@hengelo-logistiek.example", "", "", ""]]);
    const { action, body } = applyForm(await (await post(await uploadAction(cookie), fileForm(file), cookie)).text());
    await use().prisma.employer.updateMany({ where: { name: "Hengelo Logistiek BV" }, data: { ambition: 39 } });
    const refused = await post(action, body, cookie);
    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(page).toContain("Er is niets ingelezen: de ledenlijst is veranderd sinds het voorstel.");
    expect(page).toContain("ambitie: 39 → 41");
    expect((await use().prisma.employer.findFirstOrThrow({ where: { name: "Hengelo Logistiek BV" } })).ambition).toBe(39);
    // The new preview's button applies the new plan.
    expect((await post(applyForm(page).action, applyForm(page).body, cookie)).status).toBe(200);
    expect((await use().prisma.employer.findFirstOrThrow({ where: { name: "Hengelo Logistiek BV" } })).ambition).toBe(41);
  });

  it("downloads the template and the member list as CSV and .xlsx", async () => {
    const cookie = await signIn("coordinator");
    const csv = await get("/dashboard/members/export.csv", cookie);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toContain("ledenlijst-99vandemo-2026-11-25.csv");
    const text = await csv.text();
    // fetch's text() drops the BOM; the bytes start with it.
    expect(text.startsWith(`${DUTCH_HEADER.join(";")}\r\n`)).toBe(true);
    expect(text).toContain("Mo Yilmaz;mo.hr@hengelo-logistiek.example;HR;lid;ja");
    const bytes = new Uint8Array(await (await get("/dashboard/members/template.csv", cookie)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const xlsx = await get("/dashboard/members/export.xlsx", cookie);
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Leden", "Uitleg"]);
    expect(workbook.getWorksheet("Leden")!.rowCount).toBe(9);
  });

  it("the admin session imports for the network it chose; members and other sessions get nothing", async () => {
    await seedDemo(use());
    const login = await fetch(`${app.url}/dashboard/login`, { method: "POST", redirect: "manual", body: new URLSearchParams({ adminToken }) });
    const admin = login.headers.getSetCookie().find((c) => c.startsWith("netwerkbot_session="))!.split(";")[0]!;
    const preview = await (await post(await uploadAction(admin), fileForm(csvOf(memberRows(1, 1))), admin)).text();
    expect(preview).toContain("Nieuwe personen (1)");

    const coordinator = await signIn("coordinator");
    const { action, body } = applyForm(preview);
    const other = await post(action, new URLSearchParams({ ...Object.fromEntries(body), _csrf: (await uploadAction(coordinator)).split("=")[1]! }), coordinator);
    expect(other.status).toBe(404);
    expect((await post(action, body, admin)).status).toBe(200);

    const member = await signIn("bakeryHr");
    for (const path of ["/dashboard/members/import", "/dashboard/members/export.csv", "/dashboard/members/export.xlsx"]) {
      const response = await get(path, member);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain("Hengelo");
    }
    const attempt = await post(`/dashboard/members/import?_csrf=${csrfTokenFor(member.split("=")[1]!)}`, fileForm(csvOf(memberRows(1, 1))), member);
    expect(attempt.status).toBe(404);
    expect(await use().prisma.importUpload.count()).toBe(0);
  });
});

