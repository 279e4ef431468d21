import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { emptyTarget, runAdminProcess, type AdminRun } from "../support/admin-process.js";

const twenteTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

// Every process opens the database anew (PGlite compiles its WebAssembly each time, seconds on a
// loaded machine), so the whole flow runs against PostgreSQL and the PGlite dir gets the steps
// that can differ there: a fresh dir migrated by the CLI and its unique-index errors.
describe("npm run admin on an empty database [postgres]", () => {
  let target: Awaited<ReturnType<typeof emptyTarget>>;
  const admin = (...args: string[]): Promise<AdminRun> => runAdminProcess(args, target.env, tmpdir());
  async function rows<T>(read: (db: Database) => Promise<T>): Promise<T> {
    const db = await target.open();
    try {
      return await read(db);
    } finally {
      await db.close();
    }
  }

  beforeAll(async () => {
    target = await emptyTarget("postgres");
  });
  afterAll(async () => {
    await target?.drop();
  });

  it("creates a network and its first coordinator in one step, audited as the admin", async () => {
    const created = await admin("network", "create", "--slug", "dnz", "--name", "De Normaalste Zaak", "--coordinator", "Sanne de Vries <Sanne@DNZ.nl>");
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("Netwerk De Normaalste Zaak (dnz) is gemaakt.");
    expect(created.stdout).toContain("Coördinator: Sanne de Vries <sanne@dnz.nl>");

    const region = await admin(
      "network", "create", "--slug", "99van-twente", "--name", "99vanTwente", "--coordinator", "Mo Yilmaz mo@99vantwente.nl",
      "--parent", "dnz", "--condition", "intentieverklaring", "--language", "en", "--time-zone", "europe/london",
    );
    expect(region.code).toBe(0);
    expect(region.stdout).toContain("onder De Normaalste Zaak (dnz)");

    const state = await rows(async (db) => ({
      networks: await db.prisma.network.findMany({
        select: { slug: true, name: true, parent: { select: { slug: true } }, timeZone: true, defaultLocale: true, membershipCondition: true },
        orderBy: { slug: "asc" },
      }),
      people: await db.prisma.person.findMany({ select: { name: true, email: true, role: true, employerId: true, network: { select: { slug: true } } }, orderBy: { name: "asc" } }),
      audit: await db.prisma.auditLog.findMany({ select: { actorId: true, action: true }, orderBy: [{ at: "asc" }, { action: "asc" }] }),
    }));
    expect(state.networks).toEqual([
      { slug: "99van-twente", name: "99vanTwente", parent: { slug: "dnz" }, timeZone: "Europe/London", defaultLocale: "en", membershipCondition: "INTENTIEVERKLARING" },
      { slug: "dnz", name: "De Normaalste Zaak", parent: null, timeZone: "Europe/Amsterdam", defaultLocale: "nl", membershipCondition: "PLACEMENT_REPORTING" },
    ]);
    expect(state.people).toEqual([
      { name: "Mo Yilmaz", email: "mo@99vantwente.nl", role: "COORDINATOR", employerId: null, network: { slug: "99van-twente" } },
      { name: "Sanne de Vries", email: "sanne@dnz.nl", role: "COORDINATOR", employerId: null, network: { slug: "dnz" } },
    ]);
    expect(state.audit.map((a) => a.actorId)).toEqual(["admin", "admin", "admin", "admin"]);
    expect(state.audit.map((a) => a.action).sort()).toEqual(["coordinator.add", "coordinator.add", "network.create", "network.create"]);
  }, 90_000);

  it("refuses bad input and a taken slug in Dutch with a non-zero exit, and changes nothing", async () => {
    const bad = await admin("network", "create", "--slug", "Twente!", "--name", "Twente", "--coordinator", "Alleen Een Naam", "--time-zone", "Mars/Olympus", "--condition", "lidmaatschap");
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain("--slug: Gebruik alleen kleine letters, cijfers en streepjes");
    expect(bad.stderr).toContain('--coordinator: Geef een naam en een e-mailadres, bijvoorbeeld "Sanne de Vries <sanne@netwerk.nl>".');
    expect(bad.stderr).toContain("--time-zone: Onbekende tijdzone");
    expect(bad.stderr).toContain("--condition: Kies placement-reporting");
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace

  }, 120_000);

  it("refuses a taken slug, an address of another network and an unknown parent, and changes nothing", async () => {
    const taken = await admin("network", "create", "--slug", "dnz", "--name", "Nog een", "--coordinator", "Piet piet@example.nl");
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("Er is al een netwerk met de korte naam dnz.");

    const twice = await admin("network", "create", "--slug", "elders", "--name", "Elders", "--coordinator", "Sanne <sanne@dnz.nl>");
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("sanne@dnz.nl hoort al bij netwerk De Normaalste Zaak.");

    const unknownParent = await admin("network", "create", "--slug", "noord", "--name", "Noord", "--coordinator", "Piet piet@example.nl", "--parent", "bestaat-niet");
    expect(unknownParent.code).toBe(1);
    expect(unknownParent.stderr).toContain("Er is geen netwerk bestaat-niet om dit netwerk onder te hangen.");

    const counts = await rows(async (db) => [await db.prisma.network.count(), await db.prisma.person.count(), await db.prisma.auditLog.count()]);
    expect(counts).toEqual([2, 2, 4]);
  }, 120_000);

  it("refuses an unknown flag and a missing one as usage errors", async () => {
    const flag = await admin("network", "create", "--slug", "x", "--naam", "X");
    expect(flag.code).toBe(64);
    expect(flag.stderr).toContain('Onbekende optie "--naam".');
    const missing = await admin("network", "create", "--slug", "x");
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain("--name ontbreekt.");

    const counts = await rows(async (db) => [await db.prisma.network.count(), await db.prisma.person.count(), await db.prisma.auditLog.count()]);
    expect(counts).toEqual([2, 2, 4]);
  }, 120_000);

  it("lists the tree, refuses a loop in it and moves a network to the top and back", async () => {
    const list = await admin("network", "list");
    expect(list.code).toBe(0);
    const lines = list.stdout.split("\n");
    const parentLine = lines.findIndex((l) => l.startsWith("De Normaalste Zaak (dnz)"));
    const childLine = lines.findIndex((l) => l.includes("└ 99vanTwente (99van-twente) onder dnz"));
    expect(parentLine).toBeGreaterThanOrEqual(0);
    expect(childLine).toBeGreaterThan(parentLine);
    expect(list.stdout).toContain("coördinatoren: Sanne de Vries <sanne@dnz.nl>");
    expect(list.stdout).toContain("Europe/London, en, intentieverklaring");

    const loop = await admin("network", "edit", "--slug", "dnz", "--parent", "99van-twente");
    expect(loop.code).not.toBe(0);
    expect(loop.stderr).toContain("Netwerk dnz kan niet onder 99van-twente hangen: 99van-twente valt zelf al onder dnz.");
    const self = await admin("network", "edit", "--slug", "dnz", "--parent", "dnz");
    expect(self.code).not.toBe(0);
    expect(self.stderr).toContain("Netwerk dnz kan niet onder zichzelf hangen.");
    const both = await admin("network", "edit", "--slug", "99van-twente", "--parent", "dnz", "--no-parent");
    expect(both.code).toBe(64);

  }, 120_000);

  it("moves a network to the top and back below its parent", async () => {
    const top = await admin("network", "edit", "--slug", "99van-twente", "--no-parent", "--name", "99van Twente");
    expect(top.code).toBe(0);
    expect(top.stdout).toContain("Netwerk 99van Twente (99van-twente) is bijgewerkt: naam, bovenliggend netwerk.");
    expect((await rows((db) => db.prisma.network.findUniqueOrThrow({ where: { slug: "99van-twente" }, select: { parentId: true } }))).parentId).toBeNull();
    const back = await admin("network", "edit", "--slug", "99van-twente", "--parent", "dnz", "--condition", "convenant");
    expect(back.code).toBe(0);
    const moved = await rows((db) => db.prisma.network.findUniqueOrThrow({ where: { slug: "99van-twente" }, select: { parent: { select: { slug: true } }, membershipCondition: true } }));
    expect(moved).toEqual({ parent: { slug: "dnz" }, membershipCondition: "CONVENANT" });
  }, 120_000);

  it("adds coordinators and promotes an existing member", async () => {
    await rows(async (db) => {
      const network = await db.prisma.network.findUniqueOrThrow({ where: { slug: "dnz" }, select: { id: true } });
      const employer = await db.prisma.employer.create({ data: { networkId: network.id, name: "Bakkerij", branche: "Food", sizeBand: "SMALL", location: "Utrecht", region: "Midden" } });
      await db.prisma.person.create({ data: { networkId: network.id, employerId: employer.id, name: "Joost Bakker", email: "joost@bakkerij.nl", reportingContact: true } });
    });
    const promoted = await admin("coordinator", "add", "--network", "dnz", "Joost Bakker <JOOST@bakkerij.nl>");
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain("Joost Bakker <joost@bakkerij.nl> stond al in De Normaalste Zaak en is nu coördinator.");
    const again = await admin("coordinator", "add", "--network", "dnz", "Joost Bakker <joost@bakkerij.nl>");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("Joost Bakker is al coördinator van De Normaalste Zaak.");
    const unquoted = await admin("coordinator", "add", "--network", "99van-twente", "Anna", "de", "Berg", "anna@99vantwente.nl");
    expect(unquoted.code).toBe(0);
    expect(unquoted.stdout).toContain("Anna de Berg <anna@99vantwente.nl> is toegevoegd als coördinator van 99van Twente.");
  }, 120_000);

  it("takes the coordinator role away but keeps the last coordinator", async () => {

    const removed = await admin("coordinator", "remove", "--network", "dnz", "sanne@dnz.nl");
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain("Sanne de Vries is geen coördinator van De Normaalste Zaak meer");
    const last = await admin("coordinator", "remove", "--network", "dnz", "joost@bakkerij.nl");
    expect(last.code).toBe(1);
    expect(last.stderr).toContain("Joost Bakker is de laatste coördinator van De Normaalste Zaak. Voeg eerst een andere coördinator toe.");
    const nobody = await admin("coordinator", "remove", "--network", "dnz", "niemand@dnz.nl");
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain("De Normaalste Zaak heeft geen coördinator met het adres niemand@dnz.nl.");

    const people = await rows((db) => db.prisma.person.findMany({ where: { network: { slug: "dnz" } }, select: { email: true, role: true, employerId: true }, orderBy: { email: "asc" } }));
    expect(people.map((p) => [p.email, p.role, p.employerId !== null])).toEqual([
      ["joost@bakkerij.nl", "COORDINATOR", true],
      ["sanne@dnz.nl", "MEMBER", false],
    ]);
    const audited = await rows((db) => db.prisma.auditLog.findMany({ where: { action: { startsWith: "coordinator." } }, select: { actorId: true, action: true } }));
    expect(new Set(audited.map((a) => a.actorId))).toEqual(new Set(["admin"]));
    expect(audited.map((a) => a.action).sort()).toEqual(["coordinator.add", "coordinator.add", "coordinator.add", "coordinator.promote", "coordinator.remove"]);
  }, 120_000);

  it("binds workspaces and tenants, and says when one serves two networks", async () => {
    const bound = await admin("bind", "--network", "dnz", "--slack", "T024BE7LD", "--teams", twenteTenant.toUpperCase());
    expect(bound.code).toBe(0);
    expect(bound.stdout).toContain("Slack-werkruimte T024BE7LD is gekoppeld aan De Normaalste Zaak.");
    expect(bound.stdout).toContain(`Teams-tenant ${twenteTenant} is gekoppeld aan De Normaalste Zaak.`);

    const shared = await admin("bind", "--network", "99van-twente", "--slack", "T024BE7LD", "--slack", "E0AB12CD3");
    expect(shared.code).toBe(0);
    expect(shared.stdout).toContain("Slack-werkruimte T024BE7LD is ook gekoppeld aan De Normaalste Zaak (dnz). Dat mag");
    const repeat = await admin("bind", "--network", "99van-twente", "--slack", "E0AB12CD3");
    expect(repeat.stdout).toContain("Slack-werkruimte E0AB12CD3 was al gekoppeld aan 99van Twente.");
  }, 120_000);

  it("refuses workspace ids that are not Slack or Teams ids, lists the bindings and unbinds one", async () => {
    const bad = await admin("bind", "--network", "dnz", "--slack", "T999GOOD", "--slack", "U12345", "--teams", "geen-guid");
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain("--slack U12345: Een Slack-werkruimte-id begint met T");
    expect(bad.stderr).toContain("--teams geen-guid: Een Teams-tenant-id is een GUID");
    const none = await admin("bind", "--network", "dnz");
    expect(none.code).toBe(64);
    const nowhere = await admin("bind", "--network", "bestaat-niet", "--slack", "T024BE7LD");
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain("Er is geen netwerk met de korte naam bestaat-niet.");

    const list = await admin("bindings");
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split("\n")).toEqual([
      "99van Twente (99van-twente)\tSlack-werkruimte E0AB12CD3",
      "99van Twente (99van-twente)\tSlack-werkruimte T024BE7LD",
      "De Normaalste Zaak (dnz)\tSlack-werkruimte T024BE7LD",
      `De Normaalste Zaak (dnz)\tTeams-tenant ${twenteTenant}`,
    ]);

    const unbound = await admin("unbind", "--network", "dnz", "--slack", "T024BE7LD");
    expect(unbound.code).toBe(0);
    expect(unbound.stdout).toContain("Slack-werkruimte T024BE7LD is ontkoppeld van De Normaalste Zaak.");
    const gone = await admin("unbind", "--network", "dnz", "--slack", "T024BE7LD");
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("T024BE7LD is niet aan De Normaalste Zaak gekoppeld.");
    const one = await admin("bindings", "--network", "dnz");
    expect(one.stdout.trim()).toBe(`De Normaalste Zaak (dnz)\tTeams-tenant ${twenteTenant}`);

    const state = await rows(async (db) => ({
      bindings: await db.prisma.workspaceBinding.findMany({ select: { platform: true, tenantId: true, createdById: true, network: { select: { slug: true } } }, orderBy: [{ tenantId: "asc" }, { networkId: "asc" }] }),
      audit: await db.prisma.auditLog.groupBy({ by: ["action"], where: { action: { startsWith: "workspace." }, actorId: "admin" }, _count: { _all: true }, orderBy: { action: "asc" } }),
    }));
    expect(state.bindings).toEqual([
      { platform: "TEAMS", tenantId: twenteTenant, createdById: "admin", network: { slug: "dnz" } },
      { platform: "SLACK", tenantId: "E0AB12CD3", createdById: "admin", network: { slug: "99van-twente" } },
      { platform: "SLACK", tenantId: "T024BE7LD", createdById: "admin", network: { slug: "99van-twente" } },
    ]);
    expect(state.audit.map((a) => [a.action, a._count._all])).toEqual([["workspace.bind", 4], ["workspace.unbind", 1]]);
  }, 120_000);
});

describe("npm run admin on an empty PGlite data dir", () => {
  let target: Awaited<ReturnType<typeof emptyTarget>>;
  const admin = (...args: string[]): Promise<AdminRun> => runAdminProcess(args, target.env, tmpdir());
  beforeAll(async () => {
    target = await emptyTarget("pglite");
  });
  afterAll(async () => {
    await target?.drop();
  });

  it("creates the dir and migrates it on the first command, with a network and its coordinator", async () => {
    const created = await admin("network", "create", "--slug", "dnz", "--name", "De Normaalste Zaak", "--coordinator", "Sanne de Vries sanne@dnz.nl");
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const region = await admin("network", "create", "--slug", "twente", "--name", "99vanTwente", "--coordinator", "Mo <mo@twente.nl>", "--parent", "dnz", "--condition", "convenant");
    expect(region.code).toBe(0);
    expect(region.stdout).toContain("onder De Normaalste Zaak (dnz)");
  }, 120_000);

  it("refuses a taken slug (the embedded database's unique-index error) and bad input", async () => {
    const taken = await admin("network", "create", "--slug", "twente", "--name", "Nog een", "--coordinator", "Piet piet@example.nl");
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("Er is al een netwerk met de korte naam twente.");
    const bad = await admin("bind", "--network", "dnz", "--slack", "T024BE7LD", "--teams", "geen-guid");
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain("--teams geen-guid: Een Teams-tenant-id is een GUID");
  }, 120_000);

  it("binds one workspace to both networks and lists the tree with it", async () => {
    expect((await admin("bind", "--network", "dnz", "--slack", "T024BE7LD")).code).toBe(0);
    const shared = await admin("bind", "--network", "twente", "--slack", "t024be7ld");
    expect(shared.stdout).toContain("Slack-werkruimte T024BE7LD is ook gekoppeld aan De Normaalste Zaak (dnz). Dat mag");
    const list = await admin("network", "list");
    expect(list.stdout).toContain("└ 99vanTwente (twente) onder dnz");
    expect(list.stdout).toContain("werkruimtes: Slack T024BE7LD");
  }, 120_000);

  it("leaves exactly those rows, written by the admin", async () => {
    const db = await target.open();
    try {
      const networks = await db.prisma.network.findMany({
        select: { slug: true, parent: { select: { slug: true } }, membershipCondition: true, bindings: { select: { tenantId: true } }, people: { select: { email: true, role: true } } },
        orderBy: { slug: "asc" },
      });
      expect(networks).toEqual([
        { slug: "dnz", parent: null, membershipCondition: "PLACEMENT_REPORTING", bindings: [{ tenantId: "T024BE7LD" }], people: [{ email: "sanne@dnz.nl", role: "COORDINATOR" }] },
        { slug: "twente", parent: { slug: "dnz" }, membershipCondition: "CONVENANT", bindings: [{ tenantId: "T024BE7LD" }], people: [{ email: "mo@twente.nl", role: "COORDINATOR" }] },
      ]);
      const audit = await db.prisma.auditLog.groupBy({ by: ["actorId", "action"], _count: { _all: true }, orderBy: { action: "asc" } });
      expect(audit.map((a) => [a.actorId, a.action, a._count._all])).toEqual([
        ["admin", "coordinator.add", 2],
        ["admin", "network.create", 2],
        ["admin", "workspace.bind", 2],
      ]);
    } finally {
      await db.close();
    }
  }, 60_000);
});

it("lists every set-up subcommand with its usage for --help, and one command's usage", async () => {
  const admin = (...args: string[]) => runAdminProcess(args, {}, tmpdir());
  const help = await admin("--help");
  expect(help.code).toBe(0);
  for (const name of ["network create --slug <slug>", "network list", "network edit --slug <slug>", "coordinator add --network <slug>", "coordinator remove --network <slug> <e-mail>", "bind --network <slug>", "unbind --network <slug>", "bindings [--network <slug>]"]) {
    expect(help.stdout).toContain(name);
  }
  const one = await admin("coordinator", "add", "--help");
  expect(one.code).toBe(0);
  expect(one.stdout).toContain('npm run admin -- coordinator add --network <slug> "<Naam> <e-mail>"');
}, 60_000);
