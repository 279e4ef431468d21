import { expect, it } from "vitest";
import { chatContext } from "../../src/chat/context.js";
import { handleText } from "../../src/chat/conversation.js";
import { homeMessage } from "../../src/chat/home.js";
import { campaignDecisions } from "../../src/core/campaigns/delivery-check.js";
import { runDueCampaigns } from "../../src/core/campaigns/run-due.js";
import { searchDirectory } from "../../src/core/directory/search-directory.js";
import { dashboardOverview } from "../../src/core/insights/overview.js";
import { publicFigures } from "../../src/core/insights/public-figures.js";
import { archiveEmployer, restoreEmployer } from "../../src/core/members/archive-employer.js";
import { movePerson } from "../../src/core/members/move-person.js";
import { updatePerson } from "../../src/core/members/update-person.js";
import { reportHistory } from "../../src/core/reporting/history.js";
import { periodStatus } from "../../src/core/reporting/period-status.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { showSubgroup } from "../../src/core/subgroups/list-subgroups.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import type { Database } from "../../src/db/database.js";
import { translator } from "../../src/i18n/index.js";
import { visibleText } from "../support/chat-text.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts, chatFor } from "../support/fixtures.js";

/**
 * The demo network on 25 November 2026 (Q4), whose seed has four closed quarters of reports
 * (in Q3 2026 everyone reported but Hengelo Logistiek). Hengelo Logistiek reports Q4, then it,
 * Bakkerij De Korenschoof and Metaalwerken Almelo are archived. `before` holds the figures of
 * Q3 and the history as they were before archiving.
 */
async function archivedThree(db: Database) {
  const seeded = await seedDemo(db);
  await db.prisma.network.update({ where: { id: seeded.networkId }, data: { createdAt: new Date("2026-01-01T00:00:00Z") } });
  const deps = depsFor(db);
  expect((await submitReport(deps, await seeded.actor("logisticsHr"), { realised: 3, ambition: 40 }, "WEB")).ok).toBe(true);
  const sanne = await seeded.actor("coordinator");
  const before = { q3: await periodStatus(deps, sanne, { year: 2026, quarter: 3 }), history: await reportHistory(deps, sanne, {}) };
  for (const employer of ["Korenschoof", "Hengelo Logistiek", "Metaalwerken"]) {
    expect((await archiveEmployer(deps, sanne, { employer })).ok).toBe(true);
  }
  return { ...seeded, deps, sanne, before };
}

const names = (rows: Array<{ name: string }>) => rows.map((r) => r.name).sort();

describeEachDatabase("archived employers", (use) => {
  it("leave the open quarter's status and response rate unless they reported in it", async () => {
    const db = use();
    const { deps, sanne } = await archivedThree(db);

    const q4 = await periodStatus(deps, sanne, {});

    expect(q4.ok).toBe(true);
    if (!q4.ok) return;
    // Hengelo reported this quarter before it was archived: its report counts, so it does too.
    expect(names(q4.value.employers)).toEqual(["Hengelo Logistiek BV", "Servicebedrijf Twentestad", "Twente Tech Solutions", "Zorggroep Dinkel"]);
    expect(q4.value.totals).toMatchObject({ employers: 4, reported: 1, responseRate: 0.25, realised: 3 });
  });

  it("stay in the quarters that ended before they were archived, reported or not, and in the history totals", async () => {
    const db = use();
    const { deps, sanne, before } = await archivedThree(db);

    const q3 = await periodStatus(deps, sanne, { year: 2026, quarter: 3 });
    expect(q3).toEqual(before.q3);
    expect(q3.ok && q3.value.totals).toMatchObject({ employers: 6, reported: 5 });
    // Hengelo did not report Q3 and was still a member when it ended: it stays "not reported".
    expect(q3.ok && q3.value.employers.find((e) => e.name === "Hengelo Logistiek BV")).toMatchObject({ reported: false });
    expect(q3.ok && q3.value.employers.find((e) => e.name === "Bakkerij De Korenschoof")).toMatchObject({ reported: true, realised: 2 }); // round(12 × 4 / 20): the demo seed's fourth quarter

    const history = await reportHistory(deps, sanne, {});
    // Past quarters are not rewritten; the open quarter loses the two that left without reporting
    // there (as its status does), with their ambition and their placements so far.
    const past = (h: typeof history) => (h.ok ? h.value.slice(0, -1) : h);
    expect(past(history)).toEqual(past(before.history));
    expect(history.ok && history.value.at(-1)).toMatchObject(q4Totals(await periodStatus(deps, sanne, {})));
    expect(history.ok && history.value.map((q) => [q.label, q.reported])).toEqual([
      ["Q4 2025", 5],
      ["Q1 2026", 5],
      ["Q2 2026", 5],
      ["Q3 2026", 5],
      ["Q4 2026", 1],
    ]);
  });

  it("leave the dashboard overview's employers and missing list, and the public employer count and ambition", async () => {
    const db = use();
    const { deps, sanne, before } = await archivedThree(db);

    const overview = await dashboardOverview(deps, sanne);
    expect(overview.ok && overview.value.scope === "network" && names(overview.value.status.employers)).not.toContain("Bakkerij De Korenschoof");
    const history = await reportHistory(deps, sanne, {});
    expect(overview.ok && overview.value.scope === "network" && overview.value.trend).toEqual(history.ok && history.value);
    expect(history.ok && history.value.slice(0, -1)).toEqual(before.history.ok && before.history.value.slice(0, -1));

    const figures = await publicFigures(deps, sanne, { minGroupSize: 3 });
    expect(figures.ok && figures.value).toMatchObject({ employers: 3, suppressedAll: false, totals: { ambition: 60 + 8 + 30 } });
  });

  it("leave the directory and the subgroups' contact lists", async () => {
    const db = use();
    const { deps, actor } = await archivedThree(db);
    const fleur = await actor("careBuyer");

    const all = await searchDirectory(deps, fleur, {});
    expect(all.ok && names(all.value.employers)).toEqual(["Servicebedrijf Twentestad", "Twente Tech Solutions", "Zorggroep Dinkel"]);
    expect(await searchDirectory(deps, fleur, { term: "joost" })).toMatchObject({ ok: true, value: { total: 0 } });
    expect(await searchDirectory(deps, fleur, { term: "korenschoof" })).toMatchObject({ ok: true, value: { total: 0 } });

    // Joost Bakker (of the archived bakery) was the HR-kenniskring's contact.
    const hr = await showSubgroup(deps, fleur, { subgroup: "hr" });
    expect(hr.ok && hr.value.contacts).toEqual([]);
  });

  it("get no prompt in the next campaign, and the coordinators' summary does not list them as missing", async () => {
    const db = use();
    await archivedThree(db);

    // Q4 closes and Q1 2027 opens on Monday 4 January.
    await runDueCampaigns(db.prisma, new Date("2027-01-04T08:30:00Z"), "test");

    const prompts = await db.prisma.outboxMessage.findMany({ where: { kind: "campaign.prompt" }, select: { personId: true } });
    const emails = await db.prisma.person.findMany({ where: { id: { in: prompts.map((p) => p.personId!) } }, select: { email: true } });
    expect(emails.map((e) => e.email).sort()).toEqual([demoEmails.englishSpeaker, "ayla.hr@twentestad.example", demoEmails.careBuyer].sort());
    const summary = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: "campaign.summary" }, select: { payload: true } });
    expect(summary.payload).toMatchObject({ employers: 4, reported: 1 });
    expect((summary.payload as { missing: string[] }).missing.sort()).toEqual(["Servicebedrijf Twentestad", "Twente Tech Solutions", "Zorggroep Dinkel"]);
  });

  it("drop prompts already queued for their contacts when they are due to be sent (and for people moved or no longer reporting)", async () => {
    const db = use();
    const { networkId, actor } = await seedDemo(db);
    await db.prisma.network.update({ where: { id: networkId }, data: { createdAt: new Date("2026-01-01T00:00:00Z") } });
    const opened = new Date("2026-10-01T07:30:00Z");
    await runDueCampaigns(db.prisma, opened, "test");
    const sanne = await actor("coordinator");
    expect((await archiveEmployer(depsFor(db), sanne, { employer: "Korenschoof" })).ok).toBe(true);
    expect((await movePerson(depsFor(db), sanne, { person: demoEmails.logisticsHr, employer: "Zorggroep Dinkel" })).ok).toBe(true);
    expect((await updatePerson(depsFor(db), sanne, { person: demoEmails.careBuyer, reportingContact: false })).ok).toBe(true);

    const pending = await db.prisma.outboxMessage.findMany({ where: { kind: "campaign.prompt" }, select: { id: true, kind: true, personId: true, payload: true } });
    const decisions = await campaignDecisions(db.prisma, pending.map((m) => ({ ...m, payload: m.payload as Record<string, unknown> })), opened);

    const dropped = await db.prisma.person.findMany({
      where: { OR: [{ employer: { name: "Bakkerij De Korenschoof" } }, { email: { in: [demoEmails.logisticsHr, demoEmails.careBuyer] } }] },
      select: { id: true },
    });
    const droppedIds = new Set(dropped.map((p) => p.id));
    expect(pending).toHaveLength(7);
    expect(droppedIds.size).toBe(4);
    for (const message of pending) {
      const decision = decisions.get(message.id);
      expect(decision?.action, message.personId!).toBe(droppedIds.has(message.personId!) ? "cancel" : "send");
    }
  });

  it("tell their people that nothing is due, without a report button, on the home view and in rapportages", async () => {
    const db = use();
    const { deps, actor } = await archivedThree(db);
    const ctx = chatContext(chatFor(deps), await actor("bakeryHr"), "WEB");
    const archived = translator("nl")("reporting.employerArchived", { employer: "Bakkerij De Korenschoof" });

    for (const message of [await homeMessage(ctx), ...(await handleText(ctx, "rapportages")).flatMap((e) => ("message" in e ? [e.message] : []))]) {
      expect(visibleText(message)).toContain(archived);
      expect(message.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : [])).map((b) => b.action)).not.toContain("report.open");
    }
  });

  it("cannot report any more, which changes nothing, and take part again once restored", async () => {
    const db = use();
    const { deps, sanne, actor } = await archivedThree(db);
    const joost = await actor("bakeryHr");
    const before = await snapshotCounts(db);

    expect(await submitReport(deps, joost, { realised: 1, ambition: 12 }, "SLACK")).toMatchObject({ ok: false, error: { reason: "conflict", key: "reporting.employerArchived", params: { employer: "Bakkerij De Korenschoof" } } });
    expect(await submitReport(deps, sanne, { realised: 1, ambition: 12, employerId: joost.employerId }, "SLACK")).toMatchObject({ ok: false, error: { key: "reporting.employerArchived" } });
    expect(await snapshotCounts(db)).toEqual(before);

    expect((await restoreEmployer(deps, sanne, { employer: "Korenschoof" })).ok).toBe(true);
    expect((await submitReport(deps, joost, { realised: 1, ambition: 12 }, "SLACK")).ok).toBe(true);
    const q4 = await periodStatus(deps, sanne, {});
    expect(q4.ok && q4.value.totals).toMatchObject({ employers: 5, reported: 2 });
    expect(names(q4.ok ? q4.value.employers : [])).toContain("Bakkerij De Korenschoof");
    expect(await searchDirectory(deps, await actor("careBuyer"), { term: "korenschoof" })).toMatchObject({ ok: true, value: { total: 1 } });
  });
});

function q4Totals(status: Awaited<ReturnType<typeof periodStatus>>) {
  if (!status.ok) throw new Error(status.error.key);
  return status.value.totals;
}
