import { expect, it } from "vitest";
import { acceptJoinRequest, refuseJoinRequest } from "../../src/core/joining/decide-join.js";
import { requestToJoin, type Guest } from "../../src/core/joining/request-join.js";
import { actorForPerson, resolveChatActor } from "../../src/core/members/actor-lookup.js";
import { renderNotification } from "../../src/chat/notifications.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts } from "../support/fixtures.js";

const identity = { platform: "SLACK" as const, tenantId: "T0001", externalUserId: "U_NIEUW" };
const newEmployer = { name: "Priya Sharma", employer: "Drukkerij Oost", function: "HR", jobTitle: "HR-adviseur", branche: "Grafisch", sizeBand: "SMALL", location: "Enschede", region: "Twente" };

describeEachDatabase("joining: a request, screened by the network's coordinators", (use) => {
  async function seeded() {
    const db = use();
    const demo = await seedDemo(db);
    const deps = depsFor(db);
    const resolved = await resolveChatActor(deps, identity, async () => "Priya@Drukkerij-Oost.example");
    if (resolved.kind !== "guest") throw new Error(`expected a guest, got ${resolved.kind}`);
    const sanne = await demo.actor("coordinator");
    const second = await db.prisma.person.create({ data: { networkId: demo.networkId, name: "Kees Tweede", email: "kees@99vandemo.example", role: "COORDINATOR" }, select: { id: true } });
    const kees = (await actorForPerson(db.prisma, second.id))!;
    return { db, deps, guest: resolved as Guest, sanne, kees, ...demo };
  }
  const requestId = async (db: ReturnType<typeof use>) => (await db.prisma.joinRequest.findFirstOrThrow({ select: { id: true } })).id;

  it("stores the request and tells every coordinator of the network, once, with Accept and Refuse", async () => {
    const { db, deps, guest, sanne, kees } = await seeded();

    const sent = await requestToJoin(deps, guest, "nl", newEmployer);
    expect(sent).toMatchObject({ ok: true, value: { networkName: "99vanDemo (Twente, fictief)", alreadyPending: false } });
    const again = await requestToJoin(deps, guest, "nl", { ...newEmployer, name: "Priya S." });
    expect(again).toMatchObject({ ok: true, value: { alreadyPending: true } });

    const stored = await db.prisma.joinRequest.findMany();
    expect(stored).toEqual([expect.objectContaining({ name: "Priya Sharma", email: "priya@drukkerij-oost.example", function: "HR", employerId: null, status: "PENDING", newEmployer: { name: "Drukkerij Oost", branche: "Grafisch", sizeBand: "SMALL", location: "Enschede", region: "Twente" } })]);
    const outbox = await db.prisma.outboxMessage.findMany({ where: { kind: "join.requested" }, select: { personId: true, payload: true }, orderBy: { personId: "asc" } });
    expect(outbox.map((o) => o.personId).sort()).toEqual([sanne.personId, kees.personId].sort());
    const message = renderNotification("join.requested", "nl", outbox[0]!.payload as Record<string, unknown>);
    expect(message.summary).toContain("Priya Sharma (priya@drukkerij-oost.example), HR (HR-adviseur), bij Drukkerij Oost");
    expect(message.blocks.at(-1)).toMatchObject({ type: "actions", buttons: [{ action: "joining.accept" }, { action: "joining.refuse" }] });
  });

  it("joins an existing employer by its name in any case, and refuses a new one without its profile, changing nothing", async () => {
    const { db, deps, guest } = await seeded();
    const before = await snapshotCounts(db);

    const incomplete = await requestToJoin(deps, guest, "nl", { name: "Priya", employer: "Drukkerij Oost", branche: "Grafisch" });
    expect(incomplete).toMatchObject({ ok: false, error: { reason: "invalid", key: "joining.newEmployerDetails", fields: { sizeBand: {}, location: {}, region: {} } } });
    const noName = await requestToJoin(deps, guest, "nl", { name: " ", employer: "" });
    expect(noName).toMatchObject({ ok: false, error: { fields: { name: { key: "field.required" }, employer: { key: "field.required" } } } });
    expect(await requestToJoin(deps, { ...guest, email: undefined }, "nl", newEmployer)).toMatchObject({ ok: false, error: { key: "joining.noEmail" } });
    expect(await snapshotCounts(db)).toEqual(before);
    expect(await db.prisma.joinRequest.count()).toBe(0);

    const existing = await requestToJoin(deps, guest, "nl", { name: "Priya", employer: "  bakkerij de KORENSCHOOF " });
    expect(existing.ok).toBe(true);
    expect(await db.prisma.joinRequest.findFirstOrThrow({ select: { employerId: true, newEmployer: true } })).toMatchObject({ employerId: expect.any(String), newEmployer: null });
  });

  it("on acceptance creates the employer and the person through the coordinator's use cases, links the chat user and tells them", async () => {
    const { db, deps, guest, sanne, networkId } = await seeded();
    await requestToJoin(deps, guest, "en", newEmployer);

    const accepted = await acceptJoinRequest(deps, sanne, { requestId: await requestId(db) });

    expect(accepted).toMatchObject({ ok: true, value: { name: "Priya Sharma" } });
    const person = await db.prisma.person.findFirstOrThrow({ where: { email: "priya@drukkerij-oost.example" }, include: { employer: true } });
    expect(person).toMatchObject({ networkId, name: "Priya Sharma", function: "HR", jobTitle: "HR-adviseur", role: "MEMBER", reportingContact: true, locale: "en" });
    expect(person.employer).toMatchObject({ name: "Drukkerij Oost", branche: "Grafisch", sizeBand: "SMALL", location: "Enschede", region: "Twente" });
    expect(await db.prisma.auditLog.findMany({ where: { actorId: sanne.personId }, select: { action: true }, orderBy: { at: "asc" } })).toEqual(
      expect.arrayContaining([{ action: "employer.create" }, { action: "person.add" }, { action: "join.accept" }]),
    );
    expect(await db.prisma.joinRequest.findFirstOrThrow()).toMatchObject({ status: "ACCEPTED", decidedById: sanne.personId, personId: person.id });
    expect(await resolveChatActor(deps, identity, async () => undefined)).toMatchObject({ kind: "member", actor: { personId: person.id, locale: "en" } });
    const notice = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: "join.accepted" } });
    expect(notice).toMatchObject({ personId: person.id, platform: "SLACK", address: { tenantId: "T0001", userId: "U_NIEUW" } });
  });

  it("decides a request once: of two coordinators accepting at the same moment one creates the person, the other hears who did", async () => {
    const { db, deps, guest, sanne, kees } = await seeded();
    await requestToJoin(deps, guest, "nl", newEmployer);
    const id = await requestId(db);

    const results = await Promise.all([acceptJoinRequest(deps, sanne, { requestId: id }), acceptJoinRequest(deps, kees, { requestId: id })]);

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser).toMatchObject({ ok: false, error: { reason: "conflict", key: "joining.alreadyAccepted", params: { name: "Priya Sharma" } } });
    expect(await db.prisma.person.count({ where: { email: "priya@drukkerij-oost.example" } })).toBe(1);
    expect(await db.prisma.employer.count({ where: { name: "Drukkerij Oost" } })).toBe(1);
    expect(await refuseJoinRequest(deps, kees, { requestId: id, reason: "te laat" })).toMatchObject({ ok: false, error: { key: "joining.alreadyAccepted" } });
  });

  it("lets no member decide, nor a coordinator of another network", async () => {
    const { db, deps, guest, actor } = await seeded();
    await requestToJoin(deps, guest, "nl", newEmployer);
    const id = await requestId(db);
    const other = await db.prisma.network.create({ data: { slug: "elders", name: "Elders" } });
    const stranger = await db.prisma.person.create({ data: { networkId: other.id, name: "Olga Elders", email: "olga@elders.example", role: "COORDINATOR" } });
    const before = await snapshotCounts(db);

    expect(await acceptJoinRequest(deps, await actor("bakeryHr"), { requestId: id })).toMatchObject({ ok: false, error: { reason: "notAllowed", key: "joining.coordinatorsOnly" } });
    expect(await refuseJoinRequest(deps, await actor("bakeryHr"), { requestId: id })).toMatchObject({ ok: false, error: { key: "joining.coordinatorsOnly" } });
    expect(await acceptJoinRequest(deps, (await actorForPerson(db.prisma, stranger.id))!, { requestId: id })).toMatchObject({ ok: false, error: { reason: "notFound", key: "joining.notFound" } });
    expect(await snapshotCounts(db)).toEqual(before);
    expect(await db.prisma.joinRequest.findFirstOrThrow()).toMatchObject({ status: "PENDING", decidedById: null });
  });

  it("on refusal sends the reason to the applicant's chat, in the language they asked in", async () => {
    const { db, deps, guest, sanne } = await seeded();
    await requestToJoin(deps, guest, "en", newEmployer);

    const refused = await refuseJoinRequest(deps, sanne, { requestId: await requestId(db), reason: "  Drukkerij Oost is not a member employer yet. " });

    expect(refused).toMatchObject({ ok: true, value: { reason: "Drukkerij Oost is not a member employer yet." } });
    expect(await db.prisma.person.count({ where: { email: "priya@drukkerij-oost.example" } })).toBe(0);
    const notice = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: "join.refused" } });
    expect(notice).toMatchObject({ personId: null, platform: "SLACK", address: { tenantId: "T0001", userId: "U_NIEUW" } });
    expect(renderNotification("join.refused", "nl", notice.payload as Record<string, unknown>).summary).toBe(
      "Your request to join 99vanDemo (Twente, fictief) was not accepted. The coordinator writes: Drukkerij Oost is not a member employer yet.",
    );
    expect(await refuseJoinRequest(deps, sanne, { requestId: await requestId(db), reason: "x".repeat(501) })).toMatchObject({ ok: false, error: { reason: "invalid", fields: { reason: { key: "field.tooLong" } } } });
    expect(await refuseJoinRequest(deps, sanne, { requestId: await requestId(db), reason: "nogmaals" })).toMatchObject({ ok: false, error: { key: "joining.alreadyRefused", params: { by: "Sanne Coördinator" } } });
  });
});
