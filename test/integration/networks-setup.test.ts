import { expect, it } from "vitest";
import type { Actor } from "../../src/core/actor.js";
import { bindWorkspaces, listBindings, unbindWorkspace } from "../../src/core/networks/bindings.js";
import { addCoordinator, removeCoordinator } from "../../src/core/networks/coordinators.js";
import { createNetwork } from "../../src/core/networks/create-network.js";
import { editNetwork } from "../../src/core/networks/edit-network.js";
import { listNetworks } from "../../src/core/networks/list-networks.js";
import { adminOperator, type AdminOperator } from "../../src/core/networks/operator.js";
import { splitNameAndEmail } from "../../src/core/networks/schema.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, snapshotCounts } from "../support/fixtures.js";

it("reads a coordinator as name and address in the forms people type", () => {
  expect(splitNameAndEmail("Sanne de Vries sanne@netwerk.nl")).toEqual({ name: "Sanne de Vries", email: "sanne@netwerk.nl" });
  expect(splitNameAndEmail("Sanne de Vries <sanne@netwerk.nl>")).toEqual({ name: "Sanne de Vries", email: "sanne@netwerk.nl" });
  expect(splitNameAndEmail('"de Vries, Sanne" <sanne@netwerk.nl>')).toEqual({ name: "de Vries, Sanne", email: "sanne@netwerk.nl" });
  expect(splitNameAndEmail("  Sanne<sanne@netwerk.nl>  ")).toEqual({ name: "Sanne", email: "sanne@netwerk.nl" });
  expect(splitNameAndEmail("Sanne de Vries")).toBeUndefined();
});

describeEachDatabase("setting up networks (core)", (use) => {
  const deps = () => depsFor(use());
  const create = (slug: string, extra: Record<string, unknown> = {}) =>
    createNetwork(deps(), adminOperator, { slug, name: slug.toUpperCase(), coordinator: `Coördinator ${slug} <c@${slug}.nl>`, ...extra });

  it("creates a network with its first coordinator, and refuses anyone but the admin", async () => {
    const created = await create("dnz", { language: "Engels", condition: "CO2-calculator", timeZone: "Europe/Brussels" });
    expect(created.ok && created.value.coordinator).toMatchObject({ name: "Coördinator dnz", email: "c@dnz.nl" });
    const network = await use().prisma.network.findUniqueOrThrow({ where: { slug: "dnz" }, select: { defaultLocale: true, membershipCondition: true, timeZone: true, people: { select: { role: true, employerId: true } } } });
    expect(network).toEqual({ defaultLocale: "en", membershipCondition: "CO2_CALCULATOR", timeZone: "Europe/Brussels", people: [{ role: "COORDINATOR", employerId: null }] });

    // A coordinator of a network is not the admin, whatever their role.
    const coordinator: Actor = { personId: "x", networkId: "y", employerId: null, role: "COORDINATOR", locale: "nl", name: "X" };
    const before = await snapshotCounts(use());
    for (const pretender of [coordinator, { kind: "admin", personId: "someone" }]) {
      const refused = await createNetwork(deps(), pretender as unknown as AdminOperator, { slug: "twente", name: "Twente", coordinator: "A a@b.nl" });
      expect(refused).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
      expect((await listNetworks(deps(), pretender as unknown as AdminOperator)).ok).toBe(false);
    }
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("gives one of two simultaneous set-ups of a slug the network and the other a clear refusal", async () => {
    const results = await Promise.all([create("twente"), createNetwork(deps(), adminOperator, { slug: "twente", name: "Ander", coordinator: "Ander <ander@twente.nl>" })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.error.key).toBe("networks.slugTaken");
    expect(await use().prisma.network.count()).toBe(1);
    expect(await use().prisma.person.count()).toBe(1);
  });

  it("keeps the tree free of loops, also when two moves race", async () => {
    for (const slug of ["a", "b", "c"]) expect((await create(slug)).ok).toBe(true);
    expect((await editNetwork(deps(), adminOperator, { slug: "b", parent: "a" })).ok).toBe(true);
    expect((await editNetwork(deps(), adminOperator, { slug: "c", parent: "b" })).ok).toBe(true);
    const loop = await editNetwork(deps(), adminOperator, { slug: "a", parent: "c" });
    expect(!loop.ok && loop.error.key).toBe("networks.cycle");
    expect((await editNetwork(deps(), adminOperator, { slug: "a" })).ok).toBe(false);

    const tree = await listNetworks(deps(), adminOperator);
    expect(tree.ok && tree.value.map((n) => [n.slug, n.depth, n.parentSlug])).toEqual([["a", 0, null], ["b", 1, "a"], ["c", 2, "b"]]);

    // Both at once: d under e and e under d. At most one may win.
    expect((await create("d")).ok).toBe(true);
    expect((await create("e")).ok).toBe(true);
    const moves = await Promise.all([editNetwork(deps(), adminOperator, { slug: "d", parent: "e" }), editNetwork(deps(), adminOperator, { slug: "e", parent: "d" })]);
    expect(moves.filter((m) => m.ok)).toHaveLength(1);
    const rows = await use().prisma.network.findMany({ where: { slug: { in: ["d", "e"] } }, select: { parentId: true } });
    expect(rows.filter((r) => r.parentId !== null)).toHaveLength(1);
  });

  it("never removes the last coordinator, also when two removals race", async () => {
    expect((await create("dnz")).ok).toBe(true);
    expect((await addCoordinator(deps(), adminOperator, { network: "dnz", coordinator: "Tweede <tweede@dnz.nl>" })).ok).toBe(true);
    const removals = await Promise.all([
      removeCoordinator(deps(), adminOperator, { network: "dnz", email: "c@dnz.nl" }),
      removeCoordinator(deps(), adminOperator, { network: "dnz", email: "TWEEDE@dnz.nl" }),
    ]);
    expect(removals.filter((r) => r.ok)).toHaveLength(1);
    const refused = removals.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.error.key).toBe("networks.coordinator.last");
    expect(await use().prisma.person.count({ where: { role: "COORDINATOR" } })).toBe(1);
  });

  it("refuses an address that already belongs to a person of another network", async () => {
    expect((await create("dnz")).ok).toBe(true);
    expect((await create("twente")).ok).toBe(true);
    const before = await snapshotCounts(use());
    const refused = await addCoordinator(deps(), adminOperator, { network: "twente", coordinator: "Dezelfde <C@DNZ.nl>" });
    expect(!refused.ok && refused.error).toMatchObject({ key: "networks.coordinator.otherNetwork", params: { network: "DNZ" } });
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("binds a workspace to two networks, tells so, and binding again changes nothing", async () => {
    expect((await create("dnz")).ok).toBe(true);
    expect((await create("twente", { parent: "dnz" })).ok).toBe(true);
    expect((await bindWorkspaces(deps(), adminOperator, { network: "dnz", workspaces: [{ platform: "SLACK", tenantId: "t024be7ld" }] })).ok).toBe(true);
    const shared = await bindWorkspaces(deps(), adminOperator, {
      network: "twente",
      workspaces: [{ platform: "SLACK", tenantId: "T024BE7LD" }, { platform: "TEAMS", tenantId: "72F988BF-86F1-41AF-91AB-2D7CD011DB47" }],
    });
    expect(shared.ok && shared.value.outcomes).toEqual([
      { platform: "SLACK", tenantId: "T024BE7LD", created: true, alsoBoundTo: [{ slug: "dnz", name: "DNZ" }] },
      { platform: "TEAMS", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", created: true, alsoBoundTo: [] },
    ]);
    const audits = await use().prisma.auditLog.count({ where: { action: "workspace.bind" } });
    const again = await bindWorkspaces(deps(), adminOperator, { network: "twente", workspaces: [{ platform: "SLACK", tenantId: "T024BE7LD" }] });
    expect(again.ok && again.value.outcomes[0]!.created).toBe(false);
    expect(await use().prisma.auditLog.count({ where: { action: "workspace.bind" } })).toBe(audits);

    const before = await snapshotCounts(use());
    const bad = await bindWorkspaces(deps(), adminOperator, { network: "twente", workspaces: [{ platform: "SLACK", tenantId: "T0GOOD1" }, { platform: "SLACK", tenantId: "U123" }] });
    expect(!bad.ok && Object.keys(bad.error.fields ?? {})).toEqual(["workspaces.1.tenantId"]);
    expect(await use().prisma.workspaceBinding.count()).toBe(3);
    expect(await snapshotCounts(use())).toEqual(before);

    expect((await unbindWorkspace(deps(), adminOperator, { network: "dnz", workspace: { platform: "SLACK", tenantId: "T024BE7LD" } })).ok).toBe(true);
    const listed = await listBindings(deps(), adminOperator);
    expect(listed.ok && listed.value.map((b) => `${b.network.slug} ${b.platform} ${b.tenantId}`)).toEqual(["twente SLACK T024BE7LD", "twente TEAMS 72f988bf-86f1-41af-91ab-2d7cd011db47"]);
  });
});
