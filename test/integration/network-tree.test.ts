import { emptyDetailTotals } from "../../src/core/reporting/detail.js";
import { expect, it } from "vitest";
import type { Actor } from "../../src/core/actor.js";
import { searchDirectory } from "../../src/core/directory/search-directory.js";
import { attendeeList, cancelEvent, createEvent, listUpcomingEvents, respondToEvent, updateEvent } from "../../src/core/events/index.js";
import { employerFigures } from "../../src/core/insights/employer-figures.js";
import { dashboardOverview } from "../../src/core/insights/overview.js";
import { networksInScope } from "../../src/core/networks/scope.js";
import { exportReports } from "../../src/core/reporting/export-reports.js";
import { reportHistory } from "../../src/core/reporting/history.js";
import { periodStatus } from "../../src/core/reporting/period-status.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { editNetwork } from "../../src/core/networks/edit-network.js";
import { adminOperator } from "../../src/core/networks/operator.js";
import { chatContext } from "../../src/chat/context.js";
import { handleText } from "../../src/chat/conversation.js";
import { visibleText } from "../support/chat-text.js";
import { changesDelivered, describeEachDatabase } from "../support/databases.js";
import { depsFor, chatFor } from "../support/fixtures.js";
import { seedNetworkTree } from "../support/network-tree.js";
import { newEventInput } from "./events-helpers.js";

const inQ3 = new Date("2026-08-14T10:00:00Z");

describeEachDatabase("networks within networks", (use) => {
  const deps = () => depsFor(use());

  async function seedWithReports() {
    const tree = await seedNetworkTree(use());
    const { actors } = tree;
    const report = async (actor: Actor, realised: number, ambition: number, at?: Date) =>
      expect((await submitReport(at ? depsFor(use(), at) : deps(), actor, { realised, ambition }, "SLACK")).ok).toBe(true);
    await report(actors.twenteTechMember, 1, 10, inQ3);
    await report(actors.twenteTechMember, 3, 10);
    await report(actors.noordMember, 2, 4);
    await report(actors.amsterdamMember, 5, 20);
    await report(actors.dnzMember, 1, 6);
    return tree;
  }

  const status = async (actor: Actor) => {
    const result = await periodStatus(deps(), actor);
    if (!result.ok) throw new Error(result.error.key);
    return result.value;
  };

  it("shows a parent's coordinator the figures of every network below it, per network and in total", async () => {
    const { actors } = await seedWithReports();
    const all = await status(actors.dnzCoordinator);
    // The ambition of all five employers (Hengelo Zorg gave none); Twentse Techniek's Q3 placement counts in the total.
    // No report gave detail: its placements count as people whose target group is unknown.
    expect(all.totals).toEqual({ employers: 5, reported: 4, notReported: 1, responseRate: 0.8, ambition: 40, realised: 11, cumulative: 12, detail: { ...emptyDetailTotals(), targetGroupUnknown: 11 } });
    expect(all.employers.map((e) => [e.networkName, e.name, e.realised])).toEqual([
      ["99vanTwente Noord", "Almelo Bouw", 2],
      ["99vanAmsterdam", "Amsterdamse Haven", 5],
      ["De Normaalste Zaak", "DNZ Partner BV", 1],
      ["99vanTwente", "Hengelo Zorg", null],
      ["99vanTwente", "Twentse Techniek", 3],
    ]);

    // A region's coordinator: the region and what lies below it (recursively), no more.
    const twente = await status(actors.twenteCoordinator);
    expect(twente.totals).toEqual({ employers: 3, reported: 2, notReported: 1, responseRate: 2 / 3, ambition: 14, realised: 5, cumulative: 6, detail: { ...emptyDetailTotals(), targetGroupUnknown: 5 } });
    const amsterdam = await status(actors.amsterdamCoordinator);
    expect(amsterdam.employers.map((e) => e.name)).toEqual(["Amsterdamse Haven"]);
    expect(amsterdam.totals.realised).toBe(5);
    const noord = await status(actors.noordCoordinator);
    expect(noord.employers.map((e) => e.name)).toEqual(["Almelo Bouw"]);

    // The sums per region add up to the parent's total.
    const perNetwork = new Map<string, number>();
    for (const e of all.employers) perNetwork.set(e.networkName, (perNetwork.get(e.networkName) ?? 0) + (e.realised ?? 0));
    expect([...perNetwork.values()].reduce((a, b) => a + b, 0)).toBe(all.totals.realised);

    // Members keep their own network, whatever lies below it.
    expect(await networksInScope(deps(), actors.dnzMember)).toEqual([actors.dnzMember.networkId]);
    expect((await periodStatus(deps(), actors.dnzMember)).ok).toBe(false);
  });

  it("sums the history, overview and export over the networks in scope", async () => {
    const { actors } = await seedWithReports();
    const history = await reportHistory(deps(), actors.dnzCoordinator, {});
    expect(history.ok && history.value.map((q) => [q.label, q.reported, q.realised, q.ambition])).toEqual([
      ["Q3 2026", 1, 1, 10],
      ["Q4 2026", 4, 11, 40],
    ]);
    const amsterdamHistory = await reportHistory(deps(), actors.amsterdamCoordinator, {});
    expect(amsterdamHistory.ok && amsterdamHistory.value.map((q) => [q.label, q.realised])).toEqual([["Q4 2026", 5]]);

    const overview = await dashboardOverview(deps(), actors.dnzCoordinator);
    expect(overview.ok && overview.value.scope === "network" && overview.value.status.totals.realised).toBe(11);

    const exported = await exportReports(deps(), actors.dnzCoordinator);
    expect(exported.ok && exported.value.rows.map((r) => [r.quarter, r.network, r.employer, r.state])).toEqual([
      ["Q3 2026", "99vanTwente", "Twentse Techniek", "REPORTED"],
      ["Q4 2026", "99vanTwente Noord", "Almelo Bouw", "REPORTED"],
      ["Q4 2026", "99vanAmsterdam", "Amsterdamse Haven", "REPORTED"],
      ["Q4 2026", "De Normaalste Zaak", "DNZ Partner BV", "REPORTED"],
      // A member in Q4 2026 that has not reported: its own row, not left out and not a 0.
      ["Q4 2026", "99vanTwente", "Hengelo Zorg", "NOT_REPORTED"],
      ["Q4 2026", "99vanTwente", "Twentse Techniek", "REPORTED"],
    ]);
    expect(exported.ok && exported.value.rows.find((r) => r.employer === "Hengelo Zorg")).toMatchObject({ realised: null, version: null, submittedAt: null });
    expect(exported.ok && exported.value.reports).toBe(5);
    const twenteExport = await exportReports(deps(), actors.twenteCoordinator);
    expect(twenteExport.ok && twenteExport.value.rows.map((r) => r.employer).sort()).toEqual(["Almelo Bouw", "Hengelo Zorg", "Twentse Techniek", "Twentse Techniek"]);
    const memberExport = await exportReports(deps(), actors.twenteTechMember);
    expect(memberExport.ok && memberExport.value.rows).toHaveLength(2);
  });

  it("refuses a sibling's and a parent's figures to a region's coordinator", async () => {
    const { actors } = await seedWithReports();
    const employerOf = async (actor: Actor) => (await use().prisma.person.findUniqueOrThrow({ where: { id: actor.personId }, select: { employerId: true } })).employerId!;
    const twenteTech = await employerOf(actors.twenteTechMember);
    const almelo = await employerOf(actors.noordMember);
    const partner = await employerOf(actors.dnzMember);

    expect((await employerFigures(deps(), actors.dnzCoordinator, almelo)).ok).toBe(true);
    expect((await employerFigures(deps(), actors.twenteCoordinator, almelo)).ok).toBe(true);
    expect(await employerFigures(deps(), actors.amsterdamCoordinator, twenteTech)).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect(await employerFigures(deps(), actors.twenteCoordinator, partner)).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect(await employerFigures(deps(), actors.noordCoordinator, twenteTech)).toMatchObject({ ok: false, error: { reason: "notFound" } });

    // Another network's employer is unknown here, as with employerFigures.
    expect(await reportHistory(deps(), actors.amsterdamCoordinator, { employerId: twenteTech })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    const twente = await status(actors.twenteCoordinator);
    expect(twente.employers.map((e) => e.name)).not.toContain("DNZ Partner BV");
    expect(twente.employers.map((e) => e.name)).not.toContain("Amsterdamse Haven");
  });

  it("lets a parent's coordinator search the directory of the networks below, and nobody else beyond their own", async () => {
    const { actors } = await seedNetworkTree(use());
    const names = async (actor: Actor) => {
      const page = await searchDirectory(deps(), actor, {});
      if (!page.ok) throw new Error(page.error.key);
      return page.value.employers.map((e) => e.name);
    };
    expect(await names(actors.dnzCoordinator)).toEqual(["Almelo Bouw", "Amsterdamse Haven", "DNZ Partner BV", "Hengelo Zorg", "Twentse Techniek"]);
    expect(await names(actors.twenteCoordinator)).toEqual(["Almelo Bouw", "Hengelo Zorg", "Twentse Techniek"]);
    expect(await names(actors.amsterdamCoordinator)).toEqual(["Amsterdamse Haven"]);
    expect(await names(actors.twenteTechMember)).toEqual(["Hengelo Zorg", "Twentse Techniek"]);
    expect(await names(actors.dnzMember)).toEqual(["DNZ Partner BV"]);
    const byText = await searchDirectory(deps(), actors.dnzCoordinator, { term: "bart", offers: "werkplek" });
    expect(byText.ok && byText.value.employers.map((e) => e.name)).toEqual(["Almelo Bouw"]);
  });

  it("shows members of a region the parent's network-wide events, and lets them answer", async () => {
    const { actors } = await seedNetworkTree(use());
    const regional = await createEvent(deps(), actors.twenteCoordinator, newEventInput({ title: "Twentse praktijktafel" }));
    const national = await createEvent(deps(), actors.dnzCoordinator, newEventInput({ title: "Landelijke masterclass", kind: "MASTERCLASS", capacity: "" }));
    if (!regional.ok || !national.ok) throw new Error("events not created");
    // One numbering per tree: "rsvp 2" means the same event to everyone who sees it.
    expect([regional.value.event.number, national.value.event.number]).toEqual([1, 2]);
    const subgroup = await use().prisma.subgroup.create({ data: { networkId: actors.dnzCoordinator.networkId, slug: "inkopers", name: "Landelijke inkopers" } });
    const closed = await createEvent(deps(), actors.dnzCoordinator, newEventInput({ title: "Alleen voor inkopers", subgroupId: subgroup.id }));
    expect(closed.ok).toBe(true);

    const titles = async (actor: Actor) => {
      const listed = await listUpcomingEvents(deps(), actor);
      if (!listed.ok) throw new Error(listed.error.key);
      return listed.value.map((e) => e.title).sort();
    };
    expect(await titles(actors.twenteTechMember)).toEqual(["Landelijke masterclass", "Twentse praktijktafel"]);
    expect(await titles(actors.noordMember)).toEqual(["Landelijke masterclass", "Twentse praktijktafel"]);
    expect(await titles(actors.amsterdamMember)).toEqual(["Landelijke masterclass"]);
    expect(await titles(actors.dnzMember)).toEqual(["Landelijke masterclass"]);

    const yes = await respondToEvent(deps(), actors.twenteTechMember, { number: 2, response: "ja" });
    expect(yes.ok && yes.value.title).toBe("Landelijke masterclass");
    expect((await respondToEvent(deps(), actors.amsterdamMember, { eventId: national.value.event.id, response: "misschien" })).ok).toBe(true);
    expect((await respondToEvent(deps(), actors.twenteCareMember, { number: 1, response: "ja" })).ok).toBe(true);
    // An event of a sibling region stays out of reach, by number and by id.
    expect((await respondToEvent(deps(), actors.amsterdamMember, { number: 1, response: "ja" })).ok).toBe(false);
    expect((await respondToEvent(deps(), actors.amsterdamMember, { eventId: regional.value.event.id, response: "ja" })).ok).toBe(false);
    expect((await respondToEvent(deps(), actors.twenteTechMember, { eventId: closed.ok ? closed.value.event.id : "", response: "ja" })).ok).toBe(false);

    // In chat: the parent's event says whose it is, and typing its number answers it.
    const chat = async (text: string) => {
      const effects = await handleText(chatContext(chatFor(deps()), actors.twenteCareMember, "SLACK"), text);
      return effects.flatMap((e) => (e.type === "reply" ? [visibleText(e.message)] : [])).join("\n");
    };
    const agenda = await chat("events");
    expect(agenda).toContain("Landelijke masterclass");
    expect(agenda).toContain("Van De Normaalste Zaak");
    expect(agenda.match(/Van /g)).toHaveLength(1); // the region's own event names no network
    expect(await chat("rsvp 2 nee")).toContain("Landelijke masterclass");
    expect(await use().prisma.rsvp.count({ where: { eventId: national.value.event.id, personId: actors.twenteCareMember.personId, response: "NO" } })).toBe(1);

    const attendees = await attendeeList(deps(), actors.dnzCoordinator, { eventId: national.value.event.id });
    expect(attendees.ok && attendees.value.attending.map((a) => [a.name, a.employer])).toEqual([["Tess Techniek", "Twentse Techniek"]]);
    expect(attendees.ok && attendees.value.maybe.map((a) => a.name)).toEqual(["Anna Haven"]);
  });

  it("lets a parent's coordinator read the regions' events but change only their own; a region's coordinator reads none of the parent's", async () => {
    const { actors } = await seedNetworkTree(use());
    const regional = await createEvent(deps(), actors.twenteCoordinator, newEventInput({ title: "Twentse praktijktafel" }));
    const national = await createEvent(deps(), actors.dnzCoordinator, newEventInput({ title: "Landelijke masterclass", startsAt: "2026-12-16T15:00", endsAt: "2026-12-16T17:00" }));
    if (!regional.ok || !national.ok) throw new Error("events not created");
    expect((await respondToEvent(deps(), actors.twenteTechMember, { number: 1, response: "ja" })).ok).toBe(true);

    const listed = await listUpcomingEvents(deps(), actors.dnzCoordinator);
    expect(listed.ok && listed.value.map((e) => e.title).sort()).toEqual(["Landelijke masterclass", "Twentse praktijktafel"]);
    const regionalAttendees = await attendeeList(deps(), actors.dnzCoordinator, { number: 1 });
    expect(regionalAttendees.ok && regionalAttendees.value.attending.map((a) => a.name)).toEqual(["Tess Techniek"]);

    const before = await use().prisma.event.findUniqueOrThrow({ where: { id: regional.value.event.id }, select: { title: true, status: true, revision: true } });
    const edit = await updateEvent(deps(), actors.dnzCoordinator, { eventId: regional.value.event.id, title: "Overgenomen" });
    expect(edit).toMatchObject({ ok: false, error: { reason: "notAllowed", key: "events.otherNetwork", params: { network: "99vanTwente" } } });
    expect((await cancelEvent(deps(), actors.dnzCoordinator, { number: 1 })).ok).toBe(false);
    expect(await use().prisma.event.findUniqueOrThrow({ where: { id: regional.value.event.id }, select: { title: true, status: true, revision: true } })).toEqual(before);
    expect((await updateEvent(deps(), actors.dnzCoordinator, { number: 2, title: "Landelijke masterclass 2027" })).ok).toBe(true);

    // Below: the parent's event is one to attend, not to manage or to see the attendees of.
    const twenteView = await listUpcomingEvents(deps(), actors.twenteCoordinator);
    expect(twenteView.ok && twenteView.value.map((e) => e.title).sort()).toEqual(["Landelijke masterclass 2027", "Twentse praktijktafel"]);
    expect(await attendeeList(deps(), actors.twenteCoordinator, { number: 2 })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect((await cancelEvent(deps(), actors.twenteCoordinator, { number: 2 })).ok).toBe(false);
    expect(await attendeeList(deps(), actors.amsterdamCoordinator, { eventId: regional.value.event.id })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    const overview = await dashboardOverview(deps(), actors.amsterdamCoordinator);
    expect(overview.ok && overview.value.scope === "network" && overview.value.events.map((e) => e.title)).toEqual([]);
    const parentOverview = await dashboardOverview(deps(), actors.dnzCoordinator);
    expect(parentOverview.ok && parentOverview.value.scope === "network" && parentOverview.value.events.map((e) => [e.title, e.yes])).toEqual([
      ["Twentse praktijktafel", 1],
      ["Landelijke masterclass 2027", 0],
    ]);
  });

  it("follows a move in the tree at once, though the tree is kept in the read cache", async () => {
    const { actors } = await seedWithReports();
    expect((await status(actors.dnzCoordinator)).totals.employers).toBe(5);
    expect((await status(actors.amsterdamCoordinator)).totals.employers).toBe(1);
    const member = await listUpcomingEvents(deps(), actors.amsterdamMember);
    expect(member.ok && member.value).toEqual([]);

    // Twente moves from below De Normaalste Zaak to below Amsterdam.
    expect((await editNetwork(deps(), adminOperator, { slug: "twente", parent: "amsterdam" })).ok).toBe(true);
    await changesDelivered(use());
    expect((await status(actors.amsterdamCoordinator)).employers.map((e) => e.name)).toEqual(["Almelo Bouw", "Amsterdamse Haven", "Hengelo Zorg", "Twentse Techniek"]);
    expect((await status(actors.dnzCoordinator)).totals.employers).toBe(5);
    const event = await createEvent(deps(), actors.amsterdamCoordinator, newEventInput({ title: "Amsterdamse middag" }));
    expect(event.ok).toBe(true);
    const below = await listUpcomingEvents(deps(), actors.noordMember);
    expect(below.ok && below.value.map((e) => e.title)).toEqual(["Amsterdamse middag"]);

    expect((await editNetwork(deps(), adminOperator, { slug: "twente", parent: null })).ok).toBe(true);
    await changesDelivered(use());
    expect((await status(actors.dnzCoordinator)).employers.map((e) => e.name)).toEqual(["Amsterdamse Haven", "DNZ Partner BV"]);
  });
});
