import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { createSignInLink } from "../../src/core/dashboard/sign-in.js";
import { actorForPerson } from "../../src/core/members/actor-lookup.js";
import { csrfTokenFor } from "../../src/dashboard/csrf.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, fixedNow, snapshotCounts } from "../support/fixtures.js";
import { startTestApp } from "../support/test-app.js";

const adminToken = "admin-token-for-tests-0123456789";

// The self-hoster's set-up on the dashboard, over HTTP against the real app, starting from a
// database without any network (demo data off).
describeEachDatabase("setting up networks on the dashboard", (use) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp(use(), { ADMIN_TOKEN: adminToken });
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string, cookie: string) => fetch(`${app.url}${path}`, { redirect: "manual", headers: { cookie } });
  const post = (path: string, form: Record<string, string>, cookie: string) =>
    fetch(`${app.url}${path}`, { method: "POST", redirect: "manual", body: new URLSearchParams(form), headers: { cookie } });

  async function signIn(form: Record<string, string>): Promise<{ cookie: string; csrf: string }> {
    const response = await fetch(`${app.url}/dashboard/login`, { method: "POST", redirect: "manual", body: new URLSearchParams(form) });
    expect(response.status).toBe(303);
    const cookie = response.headers.getSetCookie()[0]!.split(";")[0]!;
    return { cookie, csrf: csrfTokenFor(decodeURIComponent(cookie.split("=")[1]!)) };
  }
  const signInAsAdmin = () => signIn({ adminToken });

  it("lets the admin in on an empty database and sends them to the set-up page", async () => {
    const { cookie } = await signInAsAdmin();
    const overview = await get("/dashboard", cookie);
    expect(overview.status).toBe(303);
    expect(overview.headers.get("location")).toBe("/dashboard/admin");
    const page = await get("/dashboard/admin", cookie);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain("Er is nog geen netwerk.");
    expect(body).toContain('action="/dashboard/admin/networks"');
    expect(body).toMatch(/<input type="hidden" name="_csrf" value="[^"]+">/);
  });

  it("creates networks with a parent, coordinators and bindings, all audited as the admin", async () => {
    const { cookie, csrf } = await signInAsAdmin();
    const before = await snapshotCounts(use());
    const forged = await post("/dashboard/admin/networks", { slug: "dnz", name: "De Normaalste Zaak", coordinator: "Sanne <sanne@dnz.nl>" }, cookie);
    expect(forged.status).toBe(403);
    expect(await snapshotCounts(use())).toEqual(before);

    const created = await post("/dashboard/admin/networks", { _csrf: csrf, slug: "dnz", name: "De Normaalste Zaak", coordinator: "Sanne de Vries <sanne@dnz.nl>", parent: "", timeZone: "Europe/Amsterdam", language: "nl", condition: "PLACEMENT_REPORTING" }, cookie);
    expect(created.status).toBe(200);
    expect(await created.text()).toContain("Netwerk De Normaalste Zaak is gemaakt, met Sanne de Vries &lt;sanne@dnz.nl&gt; als coördinator.");
    const region = await post("/dashboard/admin/networks", { _csrf: csrf, slug: "twente", name: "99vanTwente", coordinator: "Mo Yilmaz mo@twente.nl", parent: "dnz", timeZone: "", language: "en", condition: "INTENTIEVERKLARING" }, cookie);
    expect(region.status).toBe(200);
    const tree = await region.text();
    expect(tree.indexOf('id="network-dnz"')).toBeLessThan(tree.indexOf('id="network-twente"'));
    expect(tree).toContain("onder dnz");

    const bound = await post("/dashboard/admin/networks/dnz/bindings", { _csrf: csrf, platform: "SLACK", tenantId: "T024BE7LD" }, cookie);
    expect(bound.status).toBe(200);
    expect(await bound.text()).toContain("T024BE7LD is gekoppeld aan De Normaalste Zaak.");
    const shared = await post("/dashboard/admin/networks/twente/bindings", { _csrf: csrf, platform: "SLACK", tenantId: "T024BE7LD" }, cookie);
    expect(await shared.text()).toContain("T024BE7LD is ook gekoppeld aan De Normaalste Zaak. Dat mag");
    const added = await post("/dashboard/admin/networks/twente/coordinators", { _csrf: csrf, coordinator: "Anna Berg <anna@twente.nl>" }, cookie);
    expect(await added.text()).toContain("Anna Berg is coördinator van 99vanTwente.");
    const removed = await post("/dashboard/admin/networks/twente/coordinators/remove", { _csrf: csrf, email: "mo@twente.nl" }, cookie);
    expect(await removed.text()).toContain("Mo Yilmaz is geen coördinator van 99vanTwente meer");
    const unbound = await post("/dashboard/admin/networks/dnz/bindings/remove", { _csrf: csrf, platform: "SLACK", tenantId: "T024BE7LD" }, cookie);
    expect(await unbound.text()).toContain("T024BE7LD is ontkoppeld van De Normaalste Zaak.");

    const rows = await use().prisma.network.findMany({
      select: { slug: true, parent: { select: { slug: true } }, defaultLocale: true, bindings: { select: { tenantId: true } }, people: { select: { email: true, role: true }, orderBy: { email: "asc" } } },
      orderBy: { slug: "asc" },
    });
    expect(rows).toEqual([
      { slug: "dnz", parent: null, defaultLocale: "nl", bindings: [], people: [{ email: "sanne@dnz.nl", role: "COORDINATOR" }] },
      { slug: "twente", parent: { slug: "dnz" }, defaultLocale: "en", bindings: [{ tenantId: "T024BE7LD" }], people: [{ email: "anna@twente.nl", role: "COORDINATOR" }, { email: "mo@twente.nl", role: "MEMBER" }] },
    ]);
    const actors = await use().prisma.auditLog.groupBy({ by: ["actorId"], _count: { _all: true } });
    expect(actors).toEqual([{ actorId: "admin", _count: { _all: 9 } }]);

    // The network can now be viewed as its coordinators see it.
    const view = await get("/dashboard?network=dnz", cookie);
    expect(view.status).toBe(200);
    const viewed = await view.text();
    expect(viewed).toContain("<h1>De Normaalste Zaak</h1>");
    expect(viewed).toContain('href="/dashboard/admin"');
  });

  it("refuses bad input, a loop and the last coordinator with the reason, changing nothing", async () => {
    const { cookie, csrf } = await signInAsAdmin();
    await post("/dashboard/admin/networks", { _csrf: csrf, slug: "dnz", name: "DNZ", coordinator: "Sanne <sanne@dnz.nl>" }, cookie);
    await post("/dashboard/admin/networks", { _csrf: csrf, slug: "twente", name: "Twente", coordinator: "Mo <mo@twente.nl>", parent: "dnz" }, cookie);
    const before = await snapshotCounts(use());
    const audits = await use().prisma.auditLog.count();

    const bad = await post("/dashboard/admin/networks", { _csrf: csrf, slug: "Fout Slug", name: "", coordinator: "geen adres", timeZone: "Nergens/Stad" }, cookie);
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain("Korte naam (voor links en opdrachten): Gebruik alleen kleine letters");
    expect(badPage).toContain("Naam: Vul dit veld in.");
    expect(badPage).toContain("Tijdzone: Onbekende tijdzone.");
    const loop = await post("/dashboard/admin/networks/dnz/parent", { _csrf: csrf, parent: "twente" }, cookie);
    expect(loop.status).toBe(400);
    expect(await loop.text()).toContain("Netwerk dnz kan niet onder twente hangen: twente valt zelf al onder dnz.");
    const last = await post("/dashboard/admin/networks/dnz/coordinators/remove", { _csrf: csrf, email: "sanne@dnz.nl" }, cookie);
    expect(last.status).toBe(409);
    expect(await last.text()).toContain("Sanne is de laatste coördinator van DNZ.");
    const badTenant = await post("/dashboard/admin/networks/dnz/bindings", { _csrf: csrf, platform: "TEAMS", tenantId: "T024BE7LD" }, cookie);
    expect(badTenant.status).toBe(400);
    expect(await badTenant.text()).toContain("Een Teams-tenant-id is een GUID");
    const unknown = await post("/dashboard/admin/networks/bestaat-niet/coordinators", { _csrf: csrf, coordinator: "A <a@b.nl>" }, cookie);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Er is geen netwerk met de korte naam bestaat-niet.");

    expect(await snapshotCounts(use())).toEqual(before);
    expect(await use().prisma.auditLog.count()).toBe(audits);
    expect(await use().prisma.workspaceBinding.count()).toBe(0);
    expect((await use().prisma.network.findUniqueOrThrow({ where: { slug: "dnz" }, select: { parentId: true } })).parentId).toBeNull();
  });

  it("has no set-up pages for a coordinator, not even with their own form token", async () => {
    const network = await use().prisma.network.create({ data: { slug: "dnz", name: "DNZ", people: { create: { name: "Sanne", email: "sanne@dnz.nl", role: "COORDINATOR" } } }, select: { people: { select: { id: true } } } });
    const coordinator = (await actorForPerson(use().prisma, network.people[0]!.id))!;
    const { token } = await createSignInLink(depsFor(use(), fixedNow), coordinator);
    const { cookie, csrf } = await signIn({ token });
    expect((await get("/dashboard", cookie)).status).toBe(200);
    expect(await (await get("/dashboard", cookie)).text()).not.toContain('href="/dashboard/admin"');
    expect((await get("/dashboard/admin", cookie)).status).toBe(404);
    const before = await snapshotCounts(use());
    const attempt = await post("/dashboard/admin/networks/dnz/coordinators", { _csrf: csrf, coordinator: "Vriend <vriend@dnz.nl>" }, cookie);
    expect(attempt.status).toBe(404);
    const created = await post("/dashboard/admin/networks", { _csrf: csrf, slug: "eigen", name: "Eigen", coordinator: "Ik <ik@eigen.nl>" }, cookie);
    expect(created.status).toBe(404);
    expect(await snapshotCounts(use())).toEqual(before);
    expect(await use().prisma.network.count()).toBe(1);
  });
});
