import { startTestApp } from "../support/test-app.js";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { createSignInLink } from "../../src/core/dashboard/sign-in.js";
import { csrfTokenFor } from "../../src/dashboard/csrf.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, type DemoPersonKey } from "../support/fixtures.js";
import { snapshotAll } from "../support/members-fixtures.js";

const nl = translator("nl");
const adminToken = "admin-token-for-members-tests-0123456789";

/** The text of the field error shown under one field of a page's form. */
function fieldError(page: string, field: string): string | undefined {
  const match = new RegExp(`data-error-for="${field}">([^<]*)<`).exec(page);
  return match?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&#39;/g, "'");
}

describeEachDatabase("dashboard: employers and people pages over HTTP", (use) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp(use(), { ADMIN_TOKEN: adminToken });
  });
  afterAll(async () => {
    await app?.close();
  });
  let seeded: Awaited<ReturnType<typeof seedDemo>>;
  beforeEach(async () => {
    seeded = await seedDemo(use());
  });

  interface Session {
    cookie: string;
    token: string;
  }

  async function signIn(key: DemoPersonKey | "admin"): Promise<Session> {
    const form: Record<string, string> =
      key === "admin" ? { adminToken } : { token: (await createSignInLink(depsFor(use()), await seeded.actor(key))).token };
    const response = await fetch(`${app.url}/dashboard/login`, { method: "POST", redirect: "manual", body: new URLSearchParams(form) });
    expect(response.status).toBe(303);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("netwerkbot_session="))!.split(";")[0]!;
    return { cookie, token: csrfTokenFor(cookie.split("=")[1]!) };
  }

  const get = async (s: Session, path: string) => {
    const response = await fetch(`${app.url}${path}`, { redirect: "manual", headers: { cookie: s.cookie } });
    return { status: response.status, text: await response.text(), location: response.headers.get("location") };
  };
  const post = async (s: Session, path: string, form: Record<string, string | string[]>, withToken = true) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
    if (withToken) body.append("_csrf", s.token);
    const response = await fetch(`${app.url}${path}`, { method: "POST", redirect: "manual", body, headers: { cookie: s.cookie } });
    return { status: response.status, text: await response.text(), location: response.headers.get("location") };
  };
  const employerId = async (name: string) => (await use().prisma.employer.findFirstOrThrow({ where: { name } })).id;
  const personId = async (email: string) => (await use().prisma.person.findFirstOrThrow({ where: { email } })).id;

  const newEmployer = { name: "Drukkerij Hof van Twente", branche: "Grafisch", sizeBand: "SMALL", location: "Goor", region: "Twente", offers: ["WERKPLEK", "KENNIS"], challenges: "vervoer", offerDescription: "", inclusionMaturity: "2", ambition: "5" };

  it("lists employers with their people, linked from the overview, and searches them", async () => {
    const s = await signIn("coordinator");
    expect((await get(s, "/dashboard")).text).toContain('href="/dashboard/manage/employers"');

    const list = await get(s, "/dashboard/manage/employers");
    expect(list.status).toBe(200);
    expect(list.text).toContain("Bakkerij De Korenschoof");
    expect(list.text).toMatch(/data-employer="Bakkerij De Korenschoof">.*<td[^>]*><span class="cell">2<\/span><\/td><td[^>]*><span class="cell">2<\/span><\/td>/s);
    const found = await get(s, "/dashboard/manage/employers?q=hengelo");
    expect(found.text).toContain("Hengelo Logistiek BV");
    expect(found.text).not.toContain("Bakkerij De Korenschoof");
  });

  it("adds an employer: Dutch errors next to the fields, what was typed kept, nothing stored; then saved and audited", async () => {
    const s = await signIn("coordinator");
    const before = await snapshotAll(use());

    const refused = await post(s, "/dashboard/manage/employers/new", { ...newEmployer, name: "", inclusionMaturity: "9" });

    expect(refused.status).toBe(400);
    expect(fieldError(refused.text, "name")).toBe(nl("field.required"));
    expect(fieldError(refused.text, "inclusionMaturity")).toBe(nl("field.maturity"));
    expect(fieldError(refused.text, "location")).toBeUndefined();
    expect(refused.text).toContain('value="Goor"');
    expect(refused.text).toMatch(/value="KENNIS" checked/);
    const taken = await post(s, "/dashboard/manage/employers/new", { ...newEmployer, name: "zorggroep dinkel" });
    expect(taken.status).toBe(409);
    expect(fieldError(taken.text, "name")).toBe(nl("members.employer.nameTaken", { name: "zorggroep dinkel" }));
    expect(await snapshotAll(use())).toEqual(before);

    const saved = await post(s, "/dashboard/manage/employers/new", newEmployer);

    expect(saved.status).toBe(303);
    const created = await use().prisma.employer.findFirstOrThrow({ where: { name: "Drukkerij Hof van Twente" } });
    expect(created).toMatchObject({ offers: ["WERKPLEK", "KENNIS"], challenges: ["vervoer"], offerDescription: null, ambition: 5 });
    expect(saved.location).toBe(`/dashboard/manage/employers/${created.id}?done=created`);
    expect((await get(s, saved.location!)).text).toContain(nl("dashboard.manage.done.employerCreated"));
    const coordinator = await seeded.actor("coordinator");
    expect(await use().prisma.auditLog.count({ where: { action: "employer.create", actorId: coordinator.personId, subjectId: created.id } })).toBe(1);
  });

  it("edits and renames an employer; a taken name is refused next to the name field", async () => {
    const s = await signIn("coordinator");
    const id = await employerId("Bakkerij De Korenschoof");
    const page = await get(s, `/dashboard/manage/employers/${id}`);
    expect(page.text).toContain('value="Bakkerij De Korenschoof"');
    expect(page.text).toContain("Joost Bakker");

    const taken = await post(s, `/dashboard/manage/employers/${id}/edit`, { ...newEmployer, name: "Hengelo Logistiek BV" });
    expect(taken.status).toBe(409);
    expect(fieldError(taken.text, "name")).toBe(nl("members.employer.nameTaken", { name: "Hengelo Logistiek BV" }));

    const saved = await post(s, `/dashboard/manage/employers/${id}/edit`, { ...newEmployer, name: "Bakkerij Korenschoof", offers: [] });
    expect(saved.status).toBe(303);
    expect(await use().prisma.employer.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Bakkerij Korenschoof", offers: [], location: "Goor" });
  });

  it("archives only after the confirmation page, which says what happens; the overview then leaves it out; restoring brings it back", async () => {
    const s = await signIn("coordinator");
    const id = await employerId("Metaalwerken Almelo");

    const confirm = await get(s, `/dashboard/manage/employers/${id}/archive`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain(nl("members.employer.archive.confirm", { name: "Metaalwerken Almelo" }));
    expect(confirm.text).toContain("verdwijnt uit de ledengids");
    expect(await use().prisma.employer.count({ where: { archivedAt: { not: null } } })).toBe(0);
    expect((await post(s, `/dashboard/manage/employers/${id}/archive`, {}, false)).status).toBe(403);
    expect(await use().prisma.employer.count({ where: { archivedAt: { not: null } } })).toBe(0);

    const archived = await post(s, `/dashboard/manage/employers/${id}/archive`, {});

    expect(archived).toMatchObject({ status: 303, location: "/dashboard/manage/employers?done=archived" });
    expect((await use().prisma.employer.findUniqueOrThrow({ where: { id } })).archivedAt).not.toBeNull();
    expect((await get(s, "/dashboard")).text).not.toContain("Metaalwerken Almelo");
    expect((await get(s, "/dashboard/manage/employers")).text).not.toContain("Metaalwerken Almelo");
    expect((await get(s, "/dashboard/manage/employers?archived=1")).text).toContain("Metaalwerken Almelo");
    expect((await post(s, `/dashboard/manage/employers/${id}/archive`, {})).status).toBe(409);

    expect((await post(s, `/dashboard/manage/employers/${id}/restore`, {})).status).toBe(303);
    expect((await use().prisma.employer.findUniqueOrThrow({ where: { id } })).archivedAt).toBeNull();
    expect((await get(s, "/dashboard")).text).toContain("Metaalwerken Almelo");
  });

  it("edits, moves, unlinks and removes a person, each from its own form or confirmation page", async () => {
    const s = await signIn("coordinator");
    const mo = await personId("mo.hr@hengelo-logistiek.example");
    const identity = await use().prisma.platformIdentity.create({ data: { personId: mo, platform: "SLACK", tenantId: "T0001", externalUserId: "ULOGISTICS" } });
    const page = await get(s, `/dashboard/manage/people/${mo}`);
    expect(page.text).toContain("Mo Yilmaz");
    expect(page.text).toMatch(/<td[^>]*><span class="cell">Slack<\/span><\/td><td[^>]*><span class="cell">T0001<\/span><\/td>/);

    const badEmail = await post(s, `/dashboard/manage/people/${mo}/edit`, { name: "Mo Yilmaz", email: "geen-adres", function: "HR", jobTitle: "", role: "MEMBER", reportingContact: "true", locale: "network" });
    expect(badEmail.status).toBe(400);
    expect(fieldError(badEmail.text, "email")).toBe(nl("field.invalidEmail"));
    const edited = await post(s, `/dashboard/manage/people/${mo}/edit`, { name: "Mo Yilmaz", email: "mo.hr@hengelo-logistiek.example", function: "DIRECTIE", jobTitle: "Directeur", role: "MEMBER", reportingContact: "false", locale: "en" });
    expect(edited).toMatchObject({ status: 303, location: `/dashboard/manage/people/${mo}?done=saved` });
    expect(await use().prisma.person.findUniqueOrThrow({ where: { id: mo } })).toMatchObject({ function: "DIRECTIE", jobTitle: "Directeur", reportingContact: false, locale: "en" });

    const metal = await employerId("Metaalwerken Almelo");
    expect((await post(s, `/dashboard/manage/people/${mo}/move`, { employer: metal })).status).toBe(303);
    expect((await use().prisma.person.findUniqueOrThrow({ where: { id: mo } })).employerId).toBe(metal);
    const unknown = await post(s, `/dashboard/manage/people/${mo}/move`, { employer: "Nergens BV" });
    expect(unknown.status).toBe(400);
    expect(fieldError(unknown.text, "employer")).toBe(nl("members.employerNotFound", { employer: "Nergens BV" }));

    const unlinkPage = await get(s, `/dashboard/manage/people/${mo}/links/${identity.id}/unlink`);
    expect(unlinkPage.text).toContain(nl("dashboard.manage.unlinkConfirm", { platform: "Slack", name: "Mo Yilmaz" }));
    expect(await use().prisma.platformIdentity.count({ where: { personId: mo } })).toBe(1);
    expect((await post(s, `/dashboard/manage/people/${mo}/links/${identity.id}/unlink`, {})).status).toBe(303);
    expect(await use().prisma.platformIdentity.count({ where: { personId: mo } })).toBe(0);

    const removePage = await get(s, `/dashboard/manage/people/${mo}/remove`);
    expect(removePage.text).toContain(nl("members.person.remove.confirm", { name: "Mo Yilmaz" }));
    expect((await use().prisma.person.findUniqueOrThrow({ where: { id: mo } })).erasedAt).toBeNull();
    expect(await post(s, `/dashboard/manage/people/${mo}/remove`, {})).toMatchObject({ status: 303, location: "/dashboard/manage/people?done=removed" });
    expect(await use().prisma.person.findUniqueOrThrow({ where: { id: mo } })).toMatchObject({ email: null, erasedAt: expect.any(Date) });
    expect((await get(s, "/dashboard/manage/people")).text).not.toContain("Mo Yilmaz");
    const actions = await use().prisma.auditLog.findMany({ where: { subjectId: mo }, select: { action: true }, orderBy: { at: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["person.update", "person.move", "person.unlink", "person.erase"]);
  });

  it("adds a person and refuses demoting the last coordinator next to the role field", async () => {
    const s = await signIn("coordinator");
    const added = await post(s, "/dashboard/manage/people/new", { name: "Noor de Vries", email: "noor@twentestad.example", employer: "twentestad", function: "HR", jobTitle: "", role: "MEMBER", reportingContact: "true" });
    expect(added.status).toBe(303);
    expect(await use().prisma.person.findFirstOrThrow({ where: { email: "noor@twentestad.example" } })).toMatchObject({ name: "Noor de Vries", reportingContact: true });

    const sanne = await seeded.actor("coordinator");
    await use().prisma.person.update({ where: { id: sanne.personId }, data: { employerId: await employerId("Servicebedrijf Twentestad") } });
    const refused = await post(s, `/dashboard/manage/people/${sanne.personId}/edit`, { name: sanne.name, email: "sanne.coordinator@example.nl", function: "OVERIG", role: "MEMBER", reportingContact: "false", locale: "network" });
    expect(refused.status).toBe(409);
    expect(fieldError(refused.text, "role")).toBe(nl("members.lastCoordinator", { name: "Sanne Coördinator" }));
    expect((await use().prisma.person.findUniqueOrThrow({ where: { id: sanne.personId } })).role).toBe("COORDINATOR");
  });

  it("shows members none of it and refuses their posts like missing pages, changing nothing", async () => {
    const s = await signIn("bakeryHr");
    const bakery = await employerId("Bakkerij De Korenschoof");
    const fleur = await personId("fleur.inkoop@zorggroep-dinkel.example");
    const before = await snapshotAll(use());

    for (const path of ["/dashboard/manage/employers", "/dashboard/manage/employers/new", `/dashboard/manage/employers/${bakery}`, `/dashboard/manage/employers/${bakery}/archive`, "/dashboard/manage/people", "/dashboard/manage/people/new", `/dashboard/manage/people/${fleur}`, `/dashboard/manage/people/${fleur}/remove`]) {
      const page = await get(s, path);
      expect(page.status, path).toBe(404);
      expect(page.text, path).not.toMatch(/Fleur|Hengelo/);
    }
    const posts: Array<[string, Record<string, string>]> = [
      ["/dashboard/manage/employers/new", newEmployer as unknown as Record<string, string>],
      [`/dashboard/manage/employers/${bakery}/archive`, {}],
      [`/dashboard/manage/employers/${bakery}/edit`, { name: "Gekaapt" }],
      [`/dashboard/manage/people/${fleur}/edit`, { role: "MEMBER", name: "Gekaapt" }],
      [`/dashboard/manage/people/${fleur}/remove`, {}],
      ["/dashboard/manage/people/new", { name: "Nep", email: "nep@example.nl", role: "COORDINATOR" }],
    ];
    for (const [path, form] of posts) expect((await post(s, path, form)).status, path).toBe(404);
    expect(await snapshotAll(use())).toEqual(before);
  });

  it("works for the host's admin token session too, audited as the admin", async () => {
    const s = await signIn("admin");
    expect((await post(s, "/dashboard/manage/employers/new", newEmployer)).status).toBe(303);
    expect(await use().prisma.auditLog.count({ where: { action: "employer.create", actorId: "admin" } })).toBe(1);
  });
});
