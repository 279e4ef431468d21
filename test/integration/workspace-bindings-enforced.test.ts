import { expect, it, vi } from "vitest";
import { resolveChatActor, type WorkspaceIdentity } from "../../src/core/members/actor-lookup.js";
import { bindWorkspaces, unbindWorkspace } from "../../src/core/networks/bindings.js";
import { adminOperator } from "../../src/core/networks/operator.js";
import { changesDelivered, describeEachDatabase } from "../support/databases.js";
import { bindWorkspace, depsFor, seedDemo } from "../support/fixtures.js";
import { demoEmails } from "../../src/demo/demo-data.js";

// A chat identity counts only in a workspace or tenant bound to the person's network: any
// workspace can claim any e-mail address, and one unbound later serves nobody any more.
const joostInTwente: WorkspaceIdentity = { platform: "SLACK", tenantId: "T0TWENTE", externalUserId: "U_JOOST" };
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

describeEachDatabase("workspace bindings decide who a chat user is", (use) => {
  async function seeded() {
    const db = use();
    const demo = await seedDemo(db);
    const other = await db.prisma.network.create({ data: { slug: "99vanelders", name: "99vanElders" }, select: { id: true, name: true } });
    return { db, deps: depsFor(db), other, ...demo };
  }
  const emailOf = (address: string | undefined) => {
    const asked = vi.fn(async () => address);
    return asked;
  };

  it("in a workspace bound to no network, nobody is looked up or linked", async () => {
    const { db, deps } = await seeded();
    const email = emailOf(demoEmails.bakeryHr);

    const resolved = await resolveChatActor(deps, joostInTwente, email);

    expect(resolved).toEqual({ kind: "unbound", identity: joostInTwente });
    expect(email).not.toHaveBeenCalled();
    expect(await db.prisma.platformIdentity.count()).toBe(0);
  });

  it("links by the platform's address only to a person of a network bound to the workspace", async () => {
    const { db, deps, networkId, other } = await seeded();
    await bindWorkspace(db, other.id, { platform: "SLACK", tenantId: "T0TWENTE" });

    const elsewhere = await resolveChatActor(deps, joostInTwente, emailOf(demoEmails.bakeryHr));
    expect(elsewhere).toMatchObject({ kind: "guest", networks: [{ id: other.id, name: "99vanElders" }], email: demoEmails.bakeryHr });
    expect(await db.prisma.platformIdentity.count()).toBe(0);

    await bindWorkspace(db, networkId, { platform: "SLACK", tenantId: "T0TWENTE" });
    await vi.waitFor(async () => expect(await resolveChatActor(deps, joostInTwente, emailOf(demoEmails.bakeryHr))).toMatchObject({ kind: "member", actor: { name: "Joost Bakker", networkId } }));
    expect(await db.prisma.platformIdentity.count({ where: { tenantId: "T0TWENTE" } })).toBe(1);
  });

  it("stops counting a linked identity once its workspace is unbound, and notices at once (cached)", async () => {
    const { db, deps, networkId } = await seeded();
    await bindWorkspaces(deps, adminOperator, { network: "99vandemo", workspaces: [{ platform: "SLACK", tenantId: "t0twente" }] });
    expect(await resolveChatActor(deps, joostInTwente, emailOf(demoEmails.bakeryHr))).toMatchObject({ kind: "member", actor: { networkId } });
    await changesDelivered(db);
    await resolveChatActor(deps, joostInTwente, emailOf(undefined)); // the new link, read once more
    const hits = db.cache.stats().hits;
    expect(await resolveChatActor(deps, joostInTwente, emailOf(undefined))).toMatchObject({ kind: "member" });
    expect(db.cache.stats().hits).toBeGreaterThanOrEqual(hits + 2); // the binding and the identity from memory

    await unbindWorkspace(deps, adminOperator, { network: "99vandemo", workspace: { platform: "SLACK", tenantId: "T0TWENTE" } });

    await vi.waitFor(async () => expect(await resolveChatActor(deps, joostInTwente, emailOf(demoEmails.bakeryHr))).toEqual({ kind: "unbound", identity: joostInTwente }));
  });

  it("does not count an identity linked to a network the workspace no longer serves, and moves it on re-linking", async () => {
    const { db, deps, networkId, other } = await seeded();
    const elsewhereJoost = await db.prisma.person.create({ data: { networkId: other.id, name: "Joost (elders)", email: "joost@elders.example" }, select: { id: true } });
    await db.prisma.platformIdentity.create({ data: { personId: elsewhereJoost.id, ...joostInTwente } });
    await bindWorkspace(db, networkId, { platform: "SLACK", tenantId: "T0TWENTE" });
    await changesDelivered(db);

    expect(await resolveChatActor(deps, joostInTwente, emailOf(undefined))).toMatchObject({ kind: "guest", networks: [{ id: networkId }] });

    const linked = await resolveChatActor(deps, joostInTwente, emailOf(demoEmails.bakeryHr));
    expect(linked).toMatchObject({ kind: "member", actor: { name: "Joost Bakker" } });
    expect(await db.prisma.platformIdentity.findMany({ where: joostInTwente, select: { person: { select: { name: true } } } })).toEqual([{ person: { name: "Joost Bakker" } }]);
  });

  it("compares Teams tenant ids in lowercase and Slack team ids in uppercase, however a client spells them", async () => {
    const { db, deps, networkId } = await seeded();
    await bindWorkspaces(deps, adminOperator, { network: "99vandemo", workspaces: [{ platform: "TEAMS", tenantId: TENANT.toUpperCase() }] });
    expect(await db.prisma.workspaceBinding.count({ where: { platform: "TEAMS", tenantId: TENANT } })).toBe(1);

    const teams = await resolveChatActor(deps, { platform: "TEAMS", tenantId: TENANT.toUpperCase(), externalUserId: "aad-fleur" }, emailOf(demoEmails.careBuyer));
    expect(teams).toMatchObject({ kind: "member", actor: { name: "Fleur Jansen", networkId } });
    expect(await db.prisma.platformIdentity.findFirst({ where: { externalUserId: "aad-fleur" }, select: { tenantId: true } })).toEqual({ tenantId: TENANT });

    const slack = await resolveChatActor(deps, { platform: "SLACK", tenantId: "t0001", externalUserId: "U_MO" }, emailOf(demoEmails.logisticsHr));
    expect(slack).toMatchObject({ kind: "member", actor: { name: "Mo Yilmaz" } });
  });
});
